package org.layercanvas.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.layercanvas.graph.Activation;
import org.layercanvas.graph.AvgPool1d;
import org.layercanvas.graph.AvgPool2d;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Convolution;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.GELU;
import org.layercanvas.graph.GRU;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.GlobalMaxPool;
import org.layercanvas.graph.LSTM;
import org.layercanvas.graph.LayerInputs;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.MaxPool1d;
import org.layercanvas.graph.MaxPool2d;
import org.layercanvas.graph.Pooling;
import org.layercanvas.graph.Recurrent;
import org.layercanvas.graph.SiLU;
import org.layercanvas.graph.Shape;
import org.layercanvas.graph.Sigmoid;
import org.layercanvas.graph.Tanh;

/**
 * A known-answer check of the native kernels the layer catalog runs on: every layer family through
 * the blocks training uses, forward and backward, against {@link KernelReference}'s plain-Java
 * answers.
 *
 * <p>oneDNN's kernels differ with the instruction set it is allowed ({@code ONEDNN_MAX_CPU_ISA},
 * read once when libtorch loads), and some are wrong on some CPUs, for some shapes only and
 * sometimes differently on every call. So the cases aim at the shapes that went wrong on this
 * project's machines (channel counts and hidden sizes that end in a partial vector block, first
 * layers, strides, groups) and each case runs {@value #REPEATS} times on fresh arrays. Run it in a
 * process started with the setting to be judged; {@link #main} prints one verdict per family.
 */
public final class KernelCheck {
    /** Starts each verdict line {@link #main} prints: {@code KERNELCHECK <family> PASS|FAIL [what]}. */
    public static final String PREFIX = "KERNELCHECK ";
    /** Changes whenever the cases do, so that choices cached by an earlier check are made again. */
    public static final int REVISION = 2;
    /** The largest difference allowed, relative to the answer's largest magnitude (at least 1). */
    static final double TOLERANCE = 1e-4;
    private static final int REPEATS = 3;
    private static final int BATCH = 3;
    /** At most this many coordinates of each array get a gradient by differences. */
    private static final int GRADIENT_SAMPLES = 48;

    private final Blocks blocks;

    /** Builds the block of a layer, as {@link LayerBlockFactory#create(LayerSpec, List, boolean)}. */
    @FunctionalInterface
    interface Blocks {
        Block create(LayerSpec spec, List<Shape> inputShapes, boolean inputGradient);
    }

    /** The verdict on one family: {@code detail} names the first case and array that differed. */
    public record Result(String family, boolean passed, String detail) {
    }

    /** One layer on one input shape per sample, in training (with gradients) or inference. */
    record Case(String family, LayerSpec spec, int[] sample, boolean training, boolean inputGradient) {
        @Override
        public String toString() {
            return spec + " on " + Shape.of(sample) + (training ? " training" : " inference");
        }
    }

    /** Checks the blocks {@code blocks} builds. */
    KernelCheck(Blocks blocks) {
        this.blocks = blocks;
    }

    /** Returns the check of the blocks the engine trains with. */
    public static KernelCheck standard() {
        LayerBlockFactory factory = new LayerBlockFactory();
        return new KernelCheck(factory::create);
    }

    /** Returns every case, grouped by family in the order they are reported. */
    static List<Case> cases() {
        List<Case> all = new ArrayList<>();
        List<Integer> one = List.of(1, 1);
        // conv1d: a first layer (no input gradient), the 28-channel case that went NaN, tails of
        // 8 and 16 in channels and filters, stride, dilation, 1-wide, grouped, depthwise
        train(all, "conv1d", new Conv1d(6, 3, 1, "1", 1, 1, true), false, 1, 16);
        train(all, "conv1d", new Conv1d(8, 3, 1, "1", 1, 1, true), true, 28, 12);
        train(all, "conv1d", new Conv1d(20, 5, 2, "2", 1, 1, false), true, 12, 15);
        train(all, "conv1d", new Conv1d(16, 3, 1, "same", 2, 1, true), true, 32, 10);
        train(all, "conv1d", new Conv1d(12, 1, 1, "valid", 1, 1, true), true, 17, 9);
        train(all, "conv1d", new Conv1d(12, 3, 1, "1", 1, 4, true), true, 8, 10);
        train(all, "conv1d", new Conv1d(6, 3, 1, "1", 1, 6, false), true, 6, 10);
        infer(all, "conv1d", new Conv1d(8, 3, 1, "1", 1, 1, true), 28, 12);
        train(all, "conv2d", new Conv2d(6, List.of(5, 5), one, "2", one, 1, true), false, 1, 10, 10);
        train(all, "conv2d", new Conv2d(8, List.of(3, 3), List.of(2, 2), "1", one, 1, false), true, 3, 9, 9);
        train(all, "conv2d", new Conv2d(20, List.of(3, 3), one, "1", one, 1, true), true, 24, 7, 7);
        train(all, "conv2d", new Conv2d(32, List.of(3, 3), one, "same", List.of(2, 2), 1, true), true, 16, 8, 8);
        train(all, "conv2d", new Conv2d(12, List.of(1, 1), one, "valid", one, 1, true), true, 17, 6, 6);
        train(all, "conv2d", new Conv2d(8, List.of(3, 3), one, "1", one, 2, true), true, 4, 6, 6);
        train(all, "conv2d", new Conv2d(6, List.of(3, 3), one, "same", one, 6, false), true, 6, 7, 7);
        infer(all, "conv2d", new Conv2d(32, List.of(3, 3), one, "same", one, 1, true), 24, 7, 7);
        // the channels-last route: one channel with its input gradient (the plain kernel's partial
        // filter block), a strided non-square kernel over partial blocks, and 1x1 with 512 filters
        // and stride 2, where oneDNN's own channels-last kernels were wrong and corrupted memory
        train(all, "conv2d", new Conv2d(8, List.of(3, 3), one, "1", one, 1, true), true, 1, 8, 8);
        train(all, "conv2d", new Conv2d(40, List.of(1, 3), List.of(2, 2), "valid", one, 1, true), true, 24, 7, 7);
        train(all, "conv2d", new Conv2d(512, List.of(1, 1), List.of(2, 2), "valid", one, 1, false), true, 64, 4, 4);
        // recurrent: hidden sizes on both sides of oneDNN's 16- and 32-wide blocks, stacked, both ways
        for (LSTM lstm : List.of(new LSTM(16, 1, false, false), new LSTM(8, 2, true, true),
                new LSTM(33, 1, true, false))) {
            train(all, "lstm", lstm, true, 4, 3);
            infer(all, "lstm", lstm, 4, 3);
        }
        for (GRU gru : List.of(new GRU(10, 1, false, true), new GRU(6, 2, true, false))) {
            train(all, "gru", gru, true, 4, 5);
            infer(all, "gru", gru, 4, 5);
        }
        train(all, "pooling", new MaxPool2d(List.of(2, 2), List.of(2, 2), List.of(0, 0)), true, 3, 8, 8);
        train(all, "pooling", new AvgPool2d(List.of(3, 3), List.of(2, 2), List.of(1, 1)), true, 2, 7, 7);
        train(all, "pooling", new MaxPool1d(3, 1, 1), true, 4, 9);
        train(all, "pooling", new AvgPool1d(4, 3, 2), true, 2, 13);
        train(all, "pooling", new GlobalAvgPool(), true, 5, 4, 3);
        train(all, "pooling", new GlobalMaxPool(), true, 7, 6, 6);
        for (BatchNorm bn : List.of(new BatchNorm(0.9, 1e-5), new BatchNorm(0.5, 1e-3))) {
            int[] sample = bn.momentum() == 0.9 ? new int[] {6, 5, 5} : new int[] {10};
            train(all, "batchnorm", bn, true, sample);
            infer(all, "batchnorm", bn, sample);
        }
        train(all, "dense", new Dense(7, true), true, 12);
        train(all, "dense", new Dense(33, false), true, 20);
        for (Activation a : List.of(new GELU(), new Tanh(), new Sigmoid(), new SiLU())) {
            train(all, "activations", a, true, 40);
        }
        return all;
    }

    private static void train(List<Case> all, String family, LayerSpec spec, boolean inputGradient, int... sample) {
        all.add(new Case(family, spec, sample, true, inputGradient));
    }

    private static void infer(List<Case> all, String family, LayerSpec spec, int... sample) {
        all.add(new Case(family, spec, sample, false, false));
    }

    /** Runs every case and returns one verdict per family, in {@link #cases()} order. */
    public List<Result> run() {
        Map<String, String> failures = new LinkedHashMap<>();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            List<Case> cases = cases();
            for (int i = 0; i < cases.size(); i++) {
                Case c = cases.get(i);
                failures.putIfAbsent(c.family(), null);
                if (failures.get(c.family()) != null) {
                    continue;
                }
                for (int repeat = 0; repeat < REPEATS && failures.get(c.family()) == null; repeat++) {
                    String wrong;
                    try {
                        wrong = check(c, manager, 31L * i + 7);
                    } catch (RuntimeException e) {
                        wrong = "failed: " + e;
                    }
                    if (wrong != null) {
                        failures.put(c.family(), c + (repeat > 0 ? " (call " + (repeat + 1) + ")" : "") + ": " + wrong);
                    }
                }
            }
        }
        List<Result> results = new ArrayList<>();
        failures.forEach((family, detail) -> results.add(new Result(family, detail == null, detail == null ? "" : detail)));
        return results;
    }

    /** Returns what differed from the known answer in one run of {@code c}, or null when nothing did. */
    private String check(Case c, NDManager parent, long seed) {
        Random random = new Random(seed);
        int[] shape = new int[c.sample().length + 1];
        shape[0] = BATCH;
        System.arraycopy(c.sample(), 0, shape, 1, c.sample().length);
        ai.djl.ndarray.types.Shape djlShape = new ai.djl.ndarray.types.Shape(
                java.util.Arrays.stream(shape).asLongStream().toArray());
        try (NDManager m = parent.newSubManager()) {
            Block block = blocks.create(c.spec(), List.of(Shape.of(c.sample())), c.inputGradient());
            block.initialize(m, DataType.FLOAT32, djlShape);
            Map<String, double[]> params = new LinkedHashMap<>();
            List<NDArray> trainable = new ArrayList<>();
            List<String> trainableNames = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                String name = shortName(p.getKey());
                double[] values = randoms(random, (int) array.size(), name.equals("runningVar"));
                array.set(floats(values));
                params.put(name, values);
                if (c.training() && p.getValue().requiresGradient()) {
                    array.setRequiresGradient(true);
                    trainable.add(array);
                    trainableNames.add(name);
                }
            }
            double[] x = randoms(random, (int) djlShape.size(), false);
            NDArray input = m.create(floats(x), djlShape);
            if (!c.training()) {
                float[] out = block.forward(new ParameterStore(m, false), new NDList(input), false)
                        .singletonOrThrow().toFloatArray();
                return differs("output", out, forward(c, shape, params).apply(x));
            }
            if (c.inputGradient()) {
                input.setRequiresGradient(true);
            }
            try (GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray y = block.forward(new ParameterStore(m, false), new NDList(input), true).singletonOrThrow();
                double[] up = randoms(random, (int) y.size(), false);
                collector.backward(y.mul(m.create(floats(up), y.getShape())).sum());
                Answer expected = answer(c, shape, x, params, trainableNames, up);
                String wrong = differs("output", y.toFloatArray(), expected.out());
                if (wrong == null && c.inputGradient()) {
                    wrong = differs("input gradient", input.getGradient().toFloatArray(), expected.dInput());
                }
                for (int i = 0; i < trainable.size() && wrong == null; i++) {
                    wrong = differs(trainableNames.get(i) + " gradient", trainable.get(i).getGradient().toFloatArray(),
                            expected.dParams().get(trainableNames.get(i)));
                }
                return wrong;
            }
        }
    }

    /** A case's known output and gradients; NaN marks coordinates nobody computed. */
    private record Answer(double[] out, double[] dInput, Map<String, double[]> dParams) {
    }

    private static Answer answer(Case c, int[] shape, double[] x, Map<String, double[]> params,
            List<String> trainable, double[] up) {
        if (c.spec() instanceof Convolution conv) {
            KernelReference.ConvAnswer a = KernelReference.convolution(conv, x, shape, params.get("weight"),
                    params.get("bias"), up);
            Map<String, double[]> grads = new LinkedHashMap<>();
            grads.put("weight", a.dWeight());
            grads.put("bias", a.dBias());
            return new Answer(a.out(), a.dInput(), grads);
        }
        UnaryOperator<double[]> f = forward(c, shape, params);
        double[] dx = KernelReference.gradient(v -> KernelReference.dot(up, f.apply(v)), x, GRADIENT_SAMPLES);
        Map<String, double[]> grads = new LinkedHashMap<>();
        for (String name : trainable) {
            grads.put(name, KernelReference.gradient(v -> {
                Map<String, double[]> changed = new LinkedHashMap<>(params);
                changed.put(name, v);
                return KernelReference.dot(up, forward(c, shape, changed).apply(x));
            }, params.get(name), GRADIENT_SAMPLES));
        }
        return new Answer(f.apply(x), dx, grads);
    }

    /** Returns the case's output as a function of its input, for these parameters. */
    private static UnaryOperator<double[]> forward(Case c, int[] shape, Map<String, double[]> params) {
        LayerSpec spec = c.spec();
        int last = shape[shape.length - 1];
        if (spec instanceof Convolution conv) {
            return v -> KernelReference.convolution(conv, v, shape, params.get("weight"), params.get("bias"),
                    new double[outputs(conv, shape)]).out();
        }
        if (spec instanceof Recurrent r) {
            return v -> KernelReference.recurrent(r, v, shape[0], shape[1], shape[2], params);
        }
        if (spec instanceof Pooling p) {
            return v -> KernelReference.pooling(p, v, shape);
        }
        if (spec instanceof GlobalAvgPool || spec instanceof GlobalMaxPool) {
            return v -> KernelReference.globalPool(spec instanceof GlobalMaxPool, v, shape[0] * shape[1],
                    v.length / (shape[0] * shape[1]));
        }
        if (spec instanceof BatchNorm bn) {
            return v -> KernelReference.batchNorm(bn, v, shape, params, c.training());
        }
        if (spec instanceof Dense d) {
            return v -> KernelReference.dense(d, v, last, params.get("weight"), params.get("bias"));
        }
        return v -> {
            double[] out = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                out[i] = activation(spec, v[i]);
            }
            return out;
        };
    }

    private static double activation(LayerSpec spec, double v) {
        if (spec instanceof GELU) {
            return KernelReference.gelu(v);
        }
        if (spec instanceof Tanh) {
            return Math.tanh(v);
        }
        if (spec instanceof Sigmoid) {
            return KernelReference.sigmoid(v);
        }
        if (spec instanceof SiLU) {
            return v * KernelReference.sigmoid(v);
        }
        throw new IllegalArgumentException("no reference for " + spec);
    }

    private static int outputs(Convolution conv, int[] shape) {
        int[] sample = java.util.Arrays.copyOfRange(shape, 1, shape.length);
        return Math.toIntExact(shape[0] * conv.infer(LayerInputs.of(Shape.of(sample))).output().size());
    }

    /** Returns a parameter's own name, without the prefix a containing block gives it. */
    private static String shortName(String key) {
        return !key.isEmpty() && Character.isDigit(key.charAt(0)) ? key.substring(key.indexOf('_') + 1) : key;
    }

    /** Returns what differs between {@code actual} and {@code expected}, or null when they agree. */
    static String differs(String what, float[] actual, double[] expected) {
        if (actual.length != expected.length) {
            return what + " has " + actual.length + " values, not " + expected.length;
        }
        double scale = 1;
        for (double e : expected) {
            if (!Double.isNaN(e)) {
                scale = Math.max(scale, Math.abs(e));
            }
        }
        for (int i = 0; i < actual.length; i++) {
            if (Double.isNaN(expected[i])) {
                continue;
            }
            double diff = Math.abs(actual[i] - expected[i]);
            if (!(diff <= TOLERANCE * scale)) {
                return String.format(java.util.Locale.ROOT, "%s [%d] is %s, not %.6g", what, i, actual[i], expected[i]);
            }
        }
        return null;
    }

    /** Returns standard normal values, or positive ones in [0.5, 1.5) (variances), rounded to float. */
    private static double[] randoms(Random random, int n, boolean positive) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            // rounded to float, so the reference sees exactly what the kernels see
            v[i] = (float) (positive ? 0.5 + random.nextDouble() : random.nextGaussian());
        }
        return v;
    }

    /** Returns {@code v} as floats. */
    static float[] floats(double[] v) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return f;
    }

    /**
     * Checks the kernels of this process's native library and prints one verdict line per family,
     * then {@code KERNELCHECK END}; exits 0 when it ran, whatever the verdicts.
     */
    public static void main(String[] args) {
        for (Result r : standard().run()) {
            System.out.println(PREFIX + r.family() + (r.passed() ? " PASS" : " FAIL " + r.detail()));
        }
        System.out.println(PREFIX + "END");
        System.out.flush();
        System.exit(0);
    }
}
