package org.layercanvas.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.graph.Design;
import org.layercanvas.data.DatasetSpec;

/**
 * The plainest DJL training loop, as a program of its own so it can be timed as a whole process
 * beside {@code layercanvas train}: the design's data loaded by the same reader, then per batch
 * copy, forward, loss, backward, step, close; validation after each epoch. Adam at the design's
 * learning rate, its batch size and epochs.
 *
 * <p>Arguments: {@code mlp|lenet DESIGN}; prints the training seconds (data loading excluded).
 */
public final class HandWrittenLoop {
    private HandWrittenLoop() {
    }

    public static void main(String[] args) throws Exception {
        SequentialBlock block = args[0].equals("mlp") ? mlp() : lenet();
        Path file = Path.of(args[1]);
        Design design = new DesignCodec().read(file);
        DataSplits data = DatasetSpec.parse(design.dataset(), file.toAbsolutePath().getParent()).load(42);
        Number batch = (Number) design.training().get("batchSize");
        Number epochs = (Number) design.training().get("epochs");
        Number rate = (Number) design.training().get("learningRate");
        double seconds = train(block, data, batch.intValue(), epochs.intValue(), rate.floatValue());
        System.out.printf(Locale.ROOT, "trained %d epochs of %d samples in %.3f s%n", epochs.intValue(),
                data.train().size(), seconds);
    }

    /** Trains {@code block} and returns the seconds it took. */
    static double train(SequentialBlock block, DataSplits data, int batch, int epochs, float rate) {
        Examples train = data.train();
        long t0 = System.nanoTime();
        Engine.getEngine("PyTorch").setRandomSeed(42);
        try (Model model = Model.newInstance("hand", "PyTorch")) {
            model.setBlock(block);
            Loss loss = Loss.softmaxCrossEntropyLoss();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(rate)).build());
            long[] sample = Arrays.stream(train.sampleShape()).asLongStream().toArray();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(withBatch(batch, sample));
                int[] order = new int[train.size()];
                Arrays.setAll(order, i -> i);
                Random random = new Random(42);
                int per = train.sampleSize();
                for (int epoch = 0; epoch < epochs; epoch++) {
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    for (int from = 0; from < order.length; from += batch) {
                        int n = Math.min(batch, order.length - from);
                        float[] x = new float[n * per];
                        float[] y = new float[n];
                        for (int i = 0; i < n; i++) {
                            System.arraycopy(train.features(), order[from + i] * per, x, i * per, per);
                            y[i] = train.targets()[order[from + i]];
                        }
                        try (NDManager m = trainer.getManager().newSubManager()) {
                            NDArray labels = m.create(y, new Shape(n));
                            try (GradientCollector gc = trainer.newGradientCollector()) {
                                NDList pred = trainer.forward(new NDList(m.create(x, withBatch(n, sample))));
                                NDArray l = loss.evaluate(new NDList(labels), pred);
                                gc.backward(l);
                                l.getFloat();
                            }
                            trainer.step();
                        }
                    }
                    validate(trainer, loss, data.validation(), sample);
                }
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    private static void validate(Trainer trainer, Loss loss, Examples val, long[] sample) {
        int per = val.sampleSize();
        for (int from = 0; from < val.size(); from += 512) {
            int n = Math.min(512, val.size() - from);
            try (NDManager m = trainer.getManager().newSubManager()) {
                float[] x = Arrays.copyOfRange(val.features(), from * per, (from + n) * per);
                float[] y = Arrays.copyOfRange(val.targets(), from, from + n);
                NDList pred = trainer.evaluate(new NDList(m.create(x, withBatch(n, sample))));
                loss.evaluate(new NDList(m.create(y, new Shape(n))), pred).getFloat();
            }
        }
    }

    private static Shape withBatch(long n, long[] sample) {
        long[] dims = new long[sample.length + 1];
        dims[0] = n;
        System.arraycopy(sample, 0, dims, 1, sample.length);
        return new Shape(dims);
    }

    /** The mnist-mlp sample's network: 784-256-128-10 with ReLUs. */
    static SequentialBlock mlp() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    /** The lenet5 sample's network. */
    static SequentialBlock lenet() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(6).setKernelShape(new Shape(5, 5)).optPadding(new Shape(2, 2)).build())
                .add(Activation.reluBlock()).add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(5, 5)).build())
                .add(Activation.reluBlock()).add(Pool.avgPool2dBlock(new Shape(2, 2), new Shape(2, 2)))
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(120).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(84).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }
}
