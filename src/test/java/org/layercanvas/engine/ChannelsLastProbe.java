package org.layercanvas.engine;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.util.List;

/**
 * Probes libtorch's 2-D convolution given a channels-last input, beside the plain layout, both
 * against the same convolution in float64: the output, the input's gradient and the weight's
 * gradient. Prints each case where any of them is off by more than 1e-4 of its largest value. Not
 * a test: the channels-last layout saves oneDNN's reorders, and this shows which of its kernels are
 * wrong (docs/native-kernels.md, "Channels-last"). Optional argument: the kernel sizes to probe,
 * comma-separated ({@code 3x3,1x3}); 1x1 kernels over 1 channel crash the JVM in channels-last,
 * as do 1x1 kernels of stride 2: {@code -Dprobe.minChannels=2} skips the inputs with fewer channels,
 * {@code -Dprobe.maxStride=1} the strides above 1; {@code -Dprobe.filters=272,320} probes those filter
 * counts instead.
 */
public final class ChannelsLastProbe {
    /** Input channels, filters and image sizes: small counts on both sides of the vector blocks, then wide ones. */
    private static final int[][] SMALL = {{1, 2, 3, 8, 16, 24, 32, 64}, {8, 16, 24, 32, 64}, {7, 28}};
    private static final int[][] WIDE = {{64, 128, 256, 512}, {64, 128, 256, 512}, {2, 4, 7, 14}};
    private static final double TOLERANCE = 1e-4;

    private ChannelsLastProbe() {
    }

    public static void main(String[] args) {
        System.out.println("ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA"));
        List<String> kernels = List.of((args.length > 0 ? args[0] : "1x1,3x3,5x5,7x7,1x3,3x1,2x2").split(","));
        int[] counts = new int[2];
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            m.getEngine().setRandomSeed(1);
            for (int[][] grid : new int[][][] {SMALL, WIDE}) {
                for (int in : grid[0]) {
                    if (in < Integer.getInteger("probe.minChannels", 1)) {
                        continue;
                    }
                    for (int out : filters(grid[1])) {
                        for (String kernel : kernels) {
                            int kh = Integer.parseInt(kernel.split("x")[0]);
                            int kw = Integer.parseInt(kernel.split("x")[1]);
                            for (int size : grid[2]) {
                                for (int stride = 1; stride <= Integer.getInteger("probe.maxStride", 2); stride++) {
                                    for (int dilation = 1; dilation <= 2; dilation++) {
                                        if (Math.max(kh, kw) * dilation <= size) {
                                            counts[0]++;
                                            counts[1] += probe(m, in, out, kh, kw, size, stride, dilation) ? 0 : 1;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.printf("done: %d cases, %d with a wrong value%n", counts[0], counts[1]);
    }

    /** Returns these filter counts, or those {@code -Dprobe.filters} lists (comma-separated). */
    private static int[] filters(int[] counts) {
        String listed = System.getProperty("probe.filters");
        return listed == null ? counts : java.util.Arrays.stream(listed.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    /** Returns whether both layouts are right in the output and both gradients. */
    private static boolean probe(NDManager m, int in, int out, int kh, int kw, int size, int stride, int dilation) {
        try (NDManager c = m.newSubManager()) {
            NDArray x = c.randomNormal(new Shape(2, in, size, size));
            NDArray w = c.randomNormal(new Shape(out, in, kh, kw));
            Conv conv = new Conv(kh, kw, stride, dilation);
            Pass exact = pass(x.toType(DataType.FLOAT64, true), w.toType(DataType.FLOAT64, true), conv);
            Pass plain = pass(x.duplicate(), w.duplicate(), conv);
            Pass last = pass(ChannelPaddedConvolution.channelsLast(x), w.duplicate(), conv);
            double[] p = plain.errors(exact);
            double[] l = last.errors(exact);
            boolean right = true;
            for (int i = 0; i < 3; i++) {
                right &= p[i] <= TOLERANCE && l[i] <= TOLERANCE;
            }
            if (!right) {
                System.out.printf("%2dx%-2d %3d -> %3d, kernel %dx%d, stride %d, dilation %d: plain %.1e %.1e %.1e,"
                        + " channels-last %.1e %.1e %.1e (output, input gradient, weight gradient)%n",
                        size, size, in, out, kh, kw, stride, dilation, p[0], p[1], p[2], l[0], l[1], l[2]);
            }
            return right;
        }
    }

    /** A convolution's output and, for the sum of the output times fixed weights, both gradients. */
    private record Pass(NDArray y, NDArray dx, NDArray dw) {
        double[] errors(Pass exact) {
            return new double[] {error(y, exact.y), error(dx, exact.dx), error(dw, exact.dw)};
        }

        private static double error(NDArray got, NDArray exact) {
            return got.toType(DataType.FLOAT64, true).sub(exact).abs().max().getDouble()
                    / Math.max(exact.abs().max().getDouble(), 1e-30);
        }
    }

    /** Convolves {@code input} with {@code weight}, both fresh arrays that this makes leaves of the gradient. */
    private record Conv(int kh, int kw, int stride, int dilation) {
    }

    private static Pass pass(NDArray input, NDArray weight, Conv conv) {
        input.setRequiresGradient(true);
        weight.setRequiresGradient(true);
        NDArray y;
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            y = input.getNDArrayInternal().convolution(input, weight, null, new Shape(conv.stride, conv.stride),
                    new Shape(conv.kh / 2 * conv.dilation, conv.kw / 2 * conv.dilation),
                    new Shape(conv.dilation, conv.dilation), 1).head();
            // fixed upstream weights, the same for every layout and type: a smooth function of position
            NDArray upstream = y.getManager().arange(0f, (float) y.size()).reshape(y.getShape()).mul(0.37f).sin()
                    .toType(y.getDataType(), false);
            gc.backward(y.mul(upstream).sum());
        }
        return new Pass(y, input.getGradient(), weight.getGradient());
    }
}
