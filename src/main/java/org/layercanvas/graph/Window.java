package org.layercanvas.graph;

import java.util.Arrays;
import java.util.List;

/**
 * The sliding window of a convolution or pooling layer: kernel, stride and dilation per spatial axis.
 *
 * @param kernel the kernel size per axis
 * @param stride the step per axis
 * @param dilation the spacing of kernel taps per axis
 */
public record Window(int[] kernel, int[] stride, int[] dilation) {

    /** A window with one value per axis taken from a one-dimensional layer's parameters. */
    static Window of1d(int kernel, int stride, int dilation) {
        return new Window(new int[] {kernel}, new int[] {stride}, new int[] {dilation});
    }

    /** A window from a two-dimensional layer's parameters. */
    static Window of(List<Integer> kernel, List<Integer> stride, List<Integer> dilation) {
        return new Window(toArray(kernel), toArray(stride), toArray(dilation));
    }

    static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Returns the number of spatial axes. */
    public int rank() {
        return kernel.length;
    }

    /** Returns the output size along axis {@code i} for an input of size {@code in} padded by {@code pad}. */
    public int outputSize(int i, int in, int pad) {
        long span = (long) dilation[i] * (kernel[i] - 1) + 1;
        return (int) Math.floorDiv(in + 2L * pad - span, stride[i]) + 1;
    }

    /**
     * Returns the shape after sliding this window over a channels-first input, or why it cannot.
     *
     * @param channels the output's channel count
     * @param pads zero padding per spatial axis
     */
    Inference slide(Shape in, int channels, int[] pads) {
        if (in.rank() != rank() + 1) {
            return Inference.error("expects input " + layout(rank()) + ", got " + in);
        }
        int[] out = new int[rank() + 1];
        out[0] = channels;
        for (int i = 0; i < rank(); i++) {
            out[i + 1] = outputSize(i, in.dim(i + 1), pads[i]);
        }
        Shape result = Shape.of(out);
        for (int i = 1; i <= rank(); i++) {
            if (out[i] <= 0) {
                return Inference.error("shrinks its input " + in + " to " + result + ": kernel "
                        + Param.format(kernelList()) + " does not fit");
            }
        }
        return Inference.ok(result);
    }

    /** Returns the padding that keeps sizes, or {@code null} where no symmetric padding does. */
    int[] samePadding() {
        int[] pads = new int[rank()];
        for (int i = 0; i < rank(); i++) {
            int span = dilation[i] * (kernel[i] - 1);
            if (stride[i] != 1 || span % 2 != 0) {
                return null;
            }
            pads[i] = span / 2;
        }
        return pads;
    }

    /** Returns the number of taps, the product of the kernel sizes. */
    public long kernelVolume() {
        long n = 1;
        for (int k : kernel) {
            n *= k;
        }
        return n;
    }

    List<Integer> kernelList() {
        return Arrays.stream(kernel).boxed().toList();
    }

    List<Integer> strideList() {
        return Arrays.stream(stride).boxed().toList();
    }

    /** Returns how a person writes the input layout of a layer with this many spatial axes. */
    static String layout(int spatialRank) {
        return spatialRank == 1 ? "(C,L)" : "(C,H,W)";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Window w && Arrays.equals(kernel, w.kernel) && Arrays.equals(stride, w.stride)
                && Arrays.equals(dilation, w.dilation);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(kernel) * 31 * 31 + Arrays.hashCode(stride) * 31 + Arrays.hashCode(dilation);
    }

    @Override
    public String toString() {
        return "Window[kernel=" + Arrays.toString(kernel) + ", stride=" + Arrays.toString(stride)
                + ", dilation=" + Arrays.toString(dilation) + "]";
    }
}
