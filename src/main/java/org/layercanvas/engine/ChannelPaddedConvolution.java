package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1-D or 2-D convolution with DJL's parameters ({@code weight}, {@code bias}) that hands oneDNN
 * channel counts in whole blocks of {@value #BLOCK}, padded with zeros, so its direct kernels never
 * see a partial block.
 *
 * <p>oneDNN 3.7.1 (in libtorch 2.7.1) computes wrong values, often NaN and different on every call,
 * when the channels it sums over end in a partial vector block (8 floats wide under AVX/AVX2, 16
 * under AVX-512): forward passes with more than 8 input channels that are not a multiple of the
 * block, and input gradients with filters that are not (docs/native-kernels.md). Zero channels add
 * nothing to any sum, so padding both the data and the weights with them, and cutting the padded
 * filters off the output, computes the same convolution through the kernels that are right. The
 * parameters keep their real shapes, so saved weights and exports do not change. Grouped and
 * depthwise convolutions run other kernels that were right with every channel count, and are left
 * as they are.
 */
final class ChannelPaddedConvolution extends Convolution {
    /** The widest vector block of oneDNN's float kernels here (AVX-512), a multiple of the others. */
    static final int BLOCK = 16;
    /** Up to this many input channels oneDNN takes its plain-layout path, which was right. */
    private static final int PLAIN_INPUT_CHANNELS = 8;

    private final int spatialDims;
    private final boolean inputGradient;

    /**
     * Creates the convolution that {@code builder} describes, over {@code spatialDims} (1 or 2)
     * spatial axes.
     *
     * @param inputGradient whether training asks for the gradient of this layer's input: false
     *     when only data and layers without parameters lie upstream, where padding the filters
     *     would cost time and fix nothing
     */
    ChannelPaddedConvolution(ConvolutionBuilder<?> builder, int spatialDims, boolean inputGradient) {
        super(builder);
        if (spatialDims != 1 && spatialDims != 2) {
            throw new IllegalArgumentException("1 or 2 spatial axes, not " + spatialDims);
        }
        this.spatialDims = spatialDims;
        this.inputGradient = inputGradient;
    }

    /** Returns {@code channels} rounded up to whole blocks. */
    static long padded(long channels) {
        return (channels + BLOCK - 1) / BLOCK * BLOCK;
    }

    /** Returns whether a forward pass over this many input channels is padded. */
    static boolean padsInput(long inputChannels) {
        return inputChannels > PLAIN_INPUT_CHANNELS && inputChannels % BLOCK != 0;
    }

    /** Returns whether a pass that also needs the input's gradient pads this many filters. */
    static boolean padsFilters(long filters) {
        return filters % BLOCK != 0;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = includeBias ? store.getValue(bias, x.getDevice(), training) : null;
        return convolve(x, w, b, stride, padding, dilation, groups, training && inputGradient);
    }

    /**
     * Convolves {@code x} with {@code w} (and {@code b}, which may be null) as oneDNN computes it right:
     * ungrouped channel counts padded to whole blocks where they would end in a partial one.
     *
     * @param padFilters whether the pass also needs the input's gradient, which sums over the filters
     */
    static NDList convolve(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding, Shape dilation, int groups,
            boolean padFilters) {
        if (groups != 1) {
            return x.getNDArrayInternal().convolution(x, w, b, stride, padding, dilation, groups);
        }
        long in = w.getShape().get(1);
        long filters = w.getShape().get(0);
        if (padsInput(in)) {
            NDManager batch = x.getManager();
            x = withZeros(x, 1, padded(in), batch);
            w = withZeros(w, 1, padded(in), batch);
        }
        boolean pad = padFilters && padsFilters(filters);
        if (pad) {
            w = withZeros(w, 0, padded(filters), x.getManager());
            b = b == null ? null : withZeros(b, 0, padded(filters), x.getManager());
        }
        NDList out = x.getNDArrayInternal().convolution(x, w, b, stride, padding, dilation, groups);
        return pad ? new NDList(out.head().get(":, 0:" + filters)) : out;
    }

    /**
     * Appends zeros along {@code axis} until it holds {@code size}, in {@code batch}: the padded
     * weights belong to the batch, not to the model that holds the parameters, or every step would
     * leave a copy behind until the model closes.
     */
    private static NDArray withZeros(NDArray a, int axis, long size, NDManager batch) {
        long[] dims = a.getShape().getShape().clone(); // the array is the shape's own
        dims[axis] = size - dims[axis];
        NDArray zeros = batch.zeros(new Shape(dims), a.getDataType(), a.getDevice());
        NDArray joined = NDArrays.concat(new NDList(a, zeros), axis);
        joined.attach(batch);
        return joined;
    }

    @Override
    protected LayoutType[] getExpectedLayout() {
        return spatialDims == 1
                ? new LayoutType[] {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.WIDTH}
                : new LayoutType[] {LayoutType.BATCH, LayoutType.CHANNEL, LayoutType.HEIGHT, LayoutType.WIDTH};
    }

    @Override
    protected String getStringLayout() {
        return spatialDims == 1 ? "NCW" : "NCHW";
    }

    @Override
    protected int numDimensions() {
        return spatialDims + 2;
    }
}
