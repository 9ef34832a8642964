package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.Arrays;
import org.layercanvas.graph.ConvTranspose;
import org.layercanvas.graph.Window;

/**
 * A 1-D or 2-D transposed convolution with PyTorch's parameters: {@code weight} of shape
 * (in channels, filters/groups, kernel...) and {@code bias}. DJL's own {@code Conv2dTranspose} is not
 * implemented on PyTorch, so this block computes the same thing as an ordinary convolution: the input
 * spread out with stride − 1 zeros between its positions, padded by dilation·(kernel − 1) − padding
 * on each side (plus the output padding at the far end; a negative padding crops), and convolved at
 * stride 1 with the kernels transposed per group and flipped. That convolution goes through
 * {@link ChannelPaddedConvolution#convolve}, so it avoids the same wrong oneDNN kernels.
 */
final class TransposedConvolutionBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int filters;
    private final int groups;
    private final int[] kernel;
    private final int[] stride;
    private final int[] dilation;
    private final int[] pads;
    private final int[] outputPads;
    private final boolean inputGradient;
    private final Parameter weight;
    private final Parameter bias;

    /**
     * Creates the block of {@code spec} on inputs with {@code channels} channels.
     *
     * @param inputGradient whether training asks for the gradient of this layer's input
     */
    TransposedConvolutionBlock(ConvTranspose spec, int channels, boolean inputGradient) {
        super(VERSION);
        Window w = spec.window();
        filters = spec.filters();
        groups = spec.groups();
        kernel = w.kernel();
        stride = w.stride();
        dilation = w.dilation();
        pads = spec.pads();
        outputPads = spec.outputPads();
        this.inputGradient = inputGradient;
        long[] weightShape = new long[kernel.length + 2];
        weightShape[0] = channels;
        weightShape[1] = filters / groups;
        for (int i = 0; i < kernel.length; i++) {
            weightShape[i + 2] = kernel[i];
        }
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(weightShape)).build());
        bias = spec.bias() ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.BIAS)
                .optShape(new Shape(filters)).build()) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager batch = x.getManager();
        NDArray w = store.getValue(weight, x.getDevice(), training);
        NDArray b = bias == null ? null : store.getValue(bias, x.getDevice(), training);
        int rank = kernel.length;
        for (int i = 0; i < rank; i++) {
            x = spread(x, i + 2, stride[i], batch);
        }
        // F.pad's list runs from the last axis to the first, far end after near end
        long[] pad = new long[2 * rank];
        for (int i = 0; i < rank; i++) {
            long near = (long) dilation[i] * (kernel[i] - 1) - pads[i];
            pad[2 * (rank - 1 - i)] = near;
            pad[2 * (rank - 1 - i) + 1] = near + outputPads[i];
        }
        if (Arrays.stream(pad).anyMatch(p -> p != 0)) {
            x = x.pad(new Shape(pad), 0);
        }
        NDArray k = inBatch(convolutionKernel(w, batch), batch);
        long[] ones = new long[rank];
        Arrays.fill(ones, 1);
        return ChannelPaddedConvolution.convolve(x, k, b, new Shape(ones), new Shape(new long[rank]),
                new Shape(Arrays.stream(dilation).asLongStream().toArray()), groups, training && inputGradient);
    }

    /**
     * Returns the kernels of the equivalent convolution, (filters, channels/groups, kernel...): each
     * group's (channels/groups, filters/groups) block transposed, and every kernel flipped. Each step
     * belongs to the batch, or the model's manager would keep one copy per step.
     */
    private NDArray convolutionKernel(NDArray w, NDManager batch) {
        long[] dims = w.getShape().getShape();
        int rank = kernel.length;
        long perGroupIn = dims[0] / groups;
        long perGroupOut = dims[1];
        long[] grouped = new long[rank + 3];
        grouped[0] = groups;
        grouped[1] = perGroupIn;
        grouped[2] = perGroupOut;
        System.arraycopy(dims, 2, grouped, 3, rank);
        int[] swap = new int[rank + 3];
        swap[0] = 0;
        swap[1] = 2;
        swap[2] = 1;
        for (int i = 0; i < rank; i++) {
            swap[i + 3] = i + 3;
        }
        long[] conv = new long[rank + 2];
        conv[0] = filters;
        conv[1] = perGroupIn;
        System.arraycopy(dims, 2, conv, 2, rank);
        int[] spatial = new int[rank];
        for (int i = 0; i < rank; i++) {
            spatial[i] = i + 2;
        }
        NDArray g = inBatch(w.reshape(new Shape(grouped)), batch);
        NDArray t = inBatch(g.transpose(swap), batch);
        NDArray c = inBatch(t.reshape(new Shape(conv)), batch);
        return c.flip(spatial);
    }

    /** Puts {@code step − 1} zeros between neighbouring positions along {@code axis}. */
    private static NDArray spread(NDArray x, int axis, int step, NDManager batch) {
        if (step == 1) {
            return x;
        }
        long[] dims = x.getShape().getShape();
        long length = dims[axis];
        long[] zerosShape = new long[dims.length + 1];
        System.arraycopy(dims, 0, zerosShape, 0, axis + 1);
        zerosShape[axis + 1] = step - 1;
        System.arraycopy(dims, axis + 1, zerosShape, axis + 2, dims.length - axis - 1);
        NDArray zeros = batch.zeros(new Shape(zerosShape), x.getDataType(), x.getDevice());
        NDArray interleaved = NDArrays.concat(new NDList(x.expandDims(axis + 1), zeros), axis + 1);
        long[] merged = dims.clone();
        merged[axis] = length * step;
        NDArray flat = interleaved.reshape(new Shape(merged));
        StringBuilder index = new StringBuilder();
        for (int i = 0; i < axis; i++) {
            index.append(":,");
        }
        index.append("0:").append((length - 1) * step + 1);
        return flat.get(index.toString());
    }

    private static NDArray inBatch(NDArray a, NDManager batch) {
        a.attach(batch);
        return a;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] in = inputShapes[0].getShape();
        long[] out = in.clone();
        out[1] = filters;
        for (int i = 0; i < kernel.length; i++) {
            out[i + 2] = (in[i + 2] - 1) * stride[i] - 2L * pads[i] + (long) dilation[i] * (kernel[i] - 1)
                    + outputPads[i] + 1;
        }
        return new Shape[] {new Shape(out)};
    }
}
