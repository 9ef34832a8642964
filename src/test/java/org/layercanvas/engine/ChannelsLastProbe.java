package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Probes libtorch's 2-D convolution forward given a channels-last input, beside the plain layout,
 * both against the same convolution in float64: prints each case where either is off by more than
 * 1e-4 of the largest output. Not a test: the channels-last layout would save oneDNN's reorders,
 * and this shows which of its kernels are wrong (docs/native-kernels.md, "Channels-last").
 */
public final class ChannelsLastProbe {
    private static final int[][] SMALL = {{1, 3, 8, 16, 24, 32, 64}, {16, 64}, {1, 3, 7}, {28}};
    private static final int[][] WIDE = {{64, 128, 256, 512}, {64, 128, 256, 512}, {1, 3}, {2, 4, 7, 14}};

    private ChannelsLastProbe() {
    }

    public static void main(String[] args) {
        System.out.println("ONEDNN_MAX_CPU_ISA=" + System.getenv("ONEDNN_MAX_CPU_ISA"));
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            m.getEngine().setRandomSeed(1);
            for (int[][] grid : new int[][][] {SMALL, WIDE}) {
                for (int in : grid[0]) {
                    for (int out : grid[1]) {
                        for (int k : grid[2]) {
                            for (int size : grid[3]) {
                                for (int stride = 1; stride <= 2; stride++) {
                                    probe(m, in, out, k, size, stride);
                                }
                            }
                        }
                    }
                }
            }
        }
        System.out.println("done");
    }

    private static void probe(NDManager m, int in, int out, int k, int size, int stride) {
        try (NDManager c = m.newSubManager()) {
            NDArray x = c.randomNormal(new Shape(2, in, size, size));
            NDArray w = c.randomNormal(new Shape(out, in, k, k));
            double[] off = {relativeError(x, w, k, stride, false), relativeError(x, w, k, stride, true)};
            if (!(off[0] <= 1e-4 && off[1] <= 1e-4)) {
                System.out.printf("%dx%d, %d -> %d, kernel %d, stride %d: plain %.2e, channels-last %.2e%n",
                        size, size, in, out, k, stride, off[0], off[1]);
            }
        }
    }

    private static double relativeError(NDArray x, NDArray w, int k, int stride, boolean channelsLast) {
        Shape s = new Shape(stride, stride);
        Shape pad = new Shape(k / 2, k / 2);
        Shape dilation = new Shape(1, 1);
        NDArray x64 = x.toType(DataType.FLOAT64, true);
        NDArray exact = x64.getNDArrayInternal().convolution(x64, w.toType(DataType.FLOAT64, true), null, s, pad,
                dilation, 1).head();
        NDArray input = channelsLast ? channelsLast(x) : x;
        NDArray got = input.getNDArrayInternal().convolution(input, w, null, s, pad, dilation, 1).head();
        return got.toType(DataType.FLOAT64, true).sub(exact).abs().max().getDouble()
                / exact.abs().max().getDouble();
    }

    /** The same (N, C, H, W) values laid out channels-last: the (N, H, W, C) view flattened, viewed back. */
    private static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.transpose(0, 2, 3, 1).reshape(n, h * w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
    }
}
