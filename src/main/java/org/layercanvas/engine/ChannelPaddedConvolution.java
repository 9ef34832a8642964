package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.LayoutType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * A 1-D or 2-D convolution with DJL's parameters ({@code weight}, {@code bias}) that hands oneDNN
 * only kernels that compute it right: 2-D ones larger than 1x1 on channels-last input, 1x1 ones as
 * matrix products, the others on the plain layout with channel counts in whole blocks of
 * {@value #BLOCK}, padded with zeros.
 *
 * <p>oneDNN 3.7.1 (in libtorch 2.7.1) computes wrong values, often NaN and different on every call,
 * when the channels its plain-layout kernels sum over end in a partial vector block (8 floats wide
 * under AVX/AVX2, 16 under AVX-512): forward passes with more than 8 input channels that are not a
 * multiple of the block, and input gradients with filters that are not (docs/native-kernels.md).
 * Zero channels add nothing to any sum, so padding both the data and the weights with them, and
 * cutting the padded filters off the output, computes the same convolution through the kernels that
 * are right. Its channels-last kernels have no such fault and skip the reorders to and from its
 * blocked layout, except 1x1 ones, which are wrong or crash. The parameters keep their real shapes,
 * so saved weights and exports do not change. Grouped and depthwise convolutions run other kernels
 * that were right with every channel count, on the plain layout.
 */
final class ChannelPaddedConvolution extends Convolution {
    /** The widest vector block of oneDNN's float kernels here (AVX-512), a multiple of the others. */
    static final int BLOCK = 16;
    /**
     * Whether ungrouped 2-D convolutions run channels-last: with every setting but SSE4.1, whose
     * channels-last kernels took 17 % longer than its plain ones (a residual CNN's training, 27.6 s
     * against 23.4 s), where the wider kernels took 15 % less.
     */
    static final boolean CHANNELS_LAST = channelsLastUnder(System.getenv("ONEDNN_MAX_CPU_ISA"));
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
     * Convolves {@code x} with {@code w} (and {@code b}, which may be null) through kernels that compute
     * it right: unless the setting is SSE4.1, an ungrouped 2-D convolution with a kernel larger than
     * 1x1 on the input laid out channels-last and a 1x1 one as a matrix product on that layout; any
     * other on the plain layout with ungrouped channel counts padded to whole blocks where they would
     * end in a partial one.
     *
     * @param padFilters whether the pass also needs the input's gradient, which sums over the filters
     */
    static NDList convolve(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding, Shape dilation, int groups,
            boolean padFilters) {
        if (CHANNELS_LAST && isPointwise(w.getShape(), padding, groups)) {
            return pointwise(x, w, b, stride);
        }
        if (CHANNELS_LAST && takesChannelsLast(w.getShape(), groups)) {
            return channelsLastConvolution(x, w, b, stride, padding, dilation, padFilters);
        }
        if (CHANNELS_LAST) {
            x = plainLayout(x); // a channels-last network's input to the kernels measured in the plain layout
        }
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
        return withFilterBlocks(x, w, b, stride, padding, dilation, padFilters && padsFilters(filters));
    }

    /** Returns whether convolutions run channels-last under this {@code ONEDNN_MAX_CPU_ISA} (null: no cap). */
    static boolean channelsLastUnder(String isa) {
        return !"SSE41".equalsIgnoreCase(isa == null ? "" : isa.strip());
    }

    /**
     * Returns whether a convolution with weights of this shape runs channels-last: ungrouped 2-D ones
     * with a kernel larger than 1x1. Those kernels were right for every channel and filter count,
     * stride and dilation probed, forward and both gradients, where the plain layout's are wrong for
     * partial blocks; and they need no reorders to and from oneDNN's blocked layout
     * (docs/native-kernels.md, "Channels-last").
     */
    static boolean takesChannelsLast(Shape weight, int groups) {
        return weight.dimension() == 4 && groups == 1 && weight.get(2) * weight.get(3) > 1;
    }

    /**
     * Convolves on the channels-last layout. One input channel is both layouts at once, and its input
     * gradient runs the plain layout's kernel, wrong for partial blocks of filters: those are padded.
     */
    private static NDList channelsLastConvolution(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding,
            Shape dilation, boolean padFilters) {
        boolean pad = padFilters && w.getShape().get(1) == 1 && padsFilters(w.getShape().get(0));
        return withFilterBlocks(channelsLast(x), w, b, stride, padding, dilation, pad);
    }

    /**
     * Convolves an ungrouped convolution, when {@code pad}, with its filters padded with zeros to
     * whole blocks and the padded ones cut off the output.
     */
    private static NDList withFilterBlocks(NDArray x, NDArray w, NDArray b, Shape stride, Shape padding,
            Shape dilation, boolean pad) {
        long filters = w.getShape().get(0);
        if (pad) {
            w = withZeros(w, 0, padded(filters), x.getManager());
            b = b == null ? null : withZeros(b, 0, padded(filters), x.getManager());
        }
        NDList out = x.getNDArrayInternal().convolution(x, w, b, stride, padding, dilation, 1);
        return pad ? new NDList(out.head().get(":, 0:" + filters)) : out;
    }

    /** Returns whether this is an ungrouped 2-D 1x1 convolution without padding, which {@link #pointwise} computes. */
    static boolean isPointwise(Shape weight, Shape padding, int groups) {
        return weight.dimension() == 4 && groups == 1 && weight.get(2) == 1 && weight.get(3) == 1
                && padding.get(0) == 0 && padding.get(1) == 0;
    }

    /**
     * A 1x1 convolution as the matrix product it is, on the channels-last layout: each pixel's channels
     * times the filters. oneDNN's channels-last 1x1 kernels are wrong with more than 256 filters and
     * corrupt memory with stride 2, and its plain-layout ones would turn a channels-last network back
     * to the plain layout at every projection (two copies each way, which cost what channels-last
     * saves); the product runs in MKL's matrix kernels, as Dense does.
     */
    private static NDList pointwise(NDArray x, NDArray w, NDArray b, Shape stride) {
        if (stride.get(0) != 1 || stride.get(1) != 1) {
            x = x.get(new NDIndex(":, :, ::{}, ::{}", stride.get(0), stride.get(1)));
        }
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long width = s.get(3);
        long filters = w.getShape().get(0);
        NDArray y = x.transpose(0, 2, 3, 1).reshape(n * h * width, c).matMul(w.reshape(filters, c).transpose());
        if (b != null) {
            y = y.add(b);
        }
        return new NDList(y.reshape(n, h, width, filters).transpose(0, 3, 1, 2));
    }

    /**
     * Returns {@code x}'s values laid out channels-last, (N, H, W, C) in memory, still indexed (N, C,
     * H, W): what follows keeps that layout (libtorch's element-wise ops, batch norm and pooling
     * do), so from the second such convolution on this is a view, not a copy.
     */
    static NDArray channelsLast(NDArray x) {
        Shape s = x.getShape();
        long n = s.get(0);
        long c = s.get(1);
        long h = s.get(2);
        long w = s.get(3);
        return x.transpose(0, 2, 3, 1).reshape(n, h * w * c).reshape(n, h, w, c).transpose(0, 3, 1, 2);
    }

    /** Returns {@code x} laid out plainly (row-major): itself when it is, else a copy. */
    static NDArray plainLayout(NDArray x) {
        return x.reshape(x.getShape().get(0), -1).reshape(x.getShape());
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
