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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TestData;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * Training throughput of our training service (events on, logged to a run folder) against a
 * minimal hand-written DJL loop on the same network, data, optimizer and batch size, in alternating
 * rounds. Prints samples per second of each and their ratio per round, then the median ratio.
 *
 * <p>Run in a fresh JVM: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test
 * -Dexec.mainClass=org.layercanvas.bench.TrainingBenchmark}
 */
public final class TrainingBenchmark {
    private static final int BATCH = 128;
    private static final int EPOCHS = 5;
    private static final int ROUNDS = 6;

    private TrainingBenchmark() {
    }

    /** Runs both workloads and prints a Markdown table per workload. */
    public static void main(String[] args) throws Exception {
        Examples noise = TestData.noise(20_000, new int[] {1, 28, 28}, 1);
        Examples noiseVal = TestData.noise(1_000, new int[] {1, 28, 28}, 2);
        compare("MLP 784-256-128-10, 20,000 samples", "samples/mnist-mlp.json",
                new DataSplits(noise, noiseVal, null, Normalization.NONE, "noise"), TrainingBenchmark::mlp);
        DataSplits mnist = DatasetSpec.parse(Map.of("kind", "idx",
                "images", "data/mnist/train-images-idx3-ubyte.gz", "labels", "data/mnist/train-labels-idx1-ubyte.gz",
                "validation", 0.1), Path.of("samples")).load(42);
        compare("LeNet-5, MNIST subset (" + mnist.train().size() + " samples)", "samples/lenet5.json", mnist,
                TrainingBenchmark::lenet);
    }

    private static void compare(String title, String design, DataSplits data, Supplier<SequentialBlock> handBlock)
            throws Exception {
        Design d = new DesignCodec().read(Path.of(design));
        TrainingSettings settings = TrainingSettings.DEFAULTS.with(Map.of("batchSize", BATCH, "epochs", EPOCHS,
                "checkpointEvery", 0));
        System.out.println();
        System.out.println("### " + title + ", batch " + BATCH + ", " + EPOCHS + " epochs a run");
        System.out.println();
        System.out.println("| round | ours samples/s | hand-written samples/s | ratio |");
        System.out.println("| ---: | ---: | ---: | ---: |");
        List<Double> ratios = new ArrayList<>();
        ours(d, data, settings);
        hand(handBlock.get(), data);
        for (int round = 1; round <= ROUNDS; round++) {
            double ours;
            double hand;
            if (round % 2 == 1) {
                ours = ours(d, data, settings);
                hand = hand(handBlock.get(), data);
            } else {
                hand = hand(handBlock.get(), data);
                ours = ours(d, data, settings);
            }
            ratios.add(ours / hand);
            System.out.printf(Locale.ROOT, "| %d | %,.0f | %,.0f | %.3f |%n", round, ours, hand, ours / hand);
        }
        double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        double median = (sorted[(sorted.length - 1) / 2] + sorted[sorted.length / 2]) / 2;
        System.out.printf(Locale.ROOT, "%nMedian ratio (ours / hand-written): **%.3f**%n", median);
    }

    private static double ours(Design d, DataSplits data, TrainingSettings settings) throws Exception {
        Path runs = Files.createTempDirectory("bench-runs");
        RunFolder folder = RunFolder.create(runs, d.name(), new DesignCodec().toBytes(d), settings, Map.of(),
                LocalDateTime.now());
        AtomicLong events = new AtomicLong();
        long t0 = System.nanoTime();
        new TrainingService(new LayerBlockFactory())
                .start(TrainingJob.fresh(d.name(), d.graph(), data, settings, folder), e -> events.incrementAndGet())
                .await();
        double seconds = (System.nanoTime() - t0) / 1e9;
        return (double) data.train().size() * EPOCHS / seconds;
    }

    /**
     * Runs the hand-written loop on a thread of its own, as the training service runs ours: which
     * thread drives libtorch changes its speed by up to 1.5× here (OpenMP thread pools are per
     * calling thread), so both loops get the same conditions.
     */
    private static double hand(SequentialBlock block, DataSplits data) throws InterruptedException {
        double[] result = new double[1];
        Thread thread = new Thread(() -> result[0] = handLoop(block, data), "hand-written-loop");
        thread.start();
        thread.join();
        return result[0];
    }

    /** The plainest DJL loop: the same batches, forward, loss, backward, step, close; validation each epoch. */
    private static double handLoop(SequentialBlock block, DataSplits data) {
        Examples train = data.train();
        long t0 = System.nanoTime();
        Engine.getEngine("PyTorch").setRandomSeed(42);
        try (Model model = Model.newInstance("hand", "PyTorch")) {
            model.setBlock(block);
            Loss loss = Loss.softmaxCrossEntropyLoss();
            DefaultTrainingConfig config = new DefaultTrainingConfig(loss)
                    .optOptimizer(Optimizer.adam().optLearningRateTracker(Tracker.fixed(0.001f)).build());
            long[] sample = Arrays.stream(train.sampleShape()).asLongStream().toArray();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(withBatch(BATCH, sample));
                int[] order = new int[train.size()];
                Arrays.setAll(order, i -> i);
                Random random = new Random(42);
                int per = train.sampleSize();
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    for (int i = order.length - 1; i > 0; i--) {
                        int j = random.nextInt(i + 1);
                        int t = order[i];
                        order[i] = order[j];
                        order[j] = t;
                    }
                    for (int from = 0; from < order.length; from += BATCH) {
                        int n = Math.min(BATCH, order.length - from);
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
        double seconds = (System.nanoTime() - t0) / 1e9;
        return (double) train.size() * EPOCHS / seconds;
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

    private static SequentialBlock mlp() {
        return new SequentialBlock().add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(256).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static SequentialBlock lenet() {
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
