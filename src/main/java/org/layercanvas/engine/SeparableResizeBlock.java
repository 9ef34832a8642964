package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Resizes the last one or two axes of (N, C, L) or (N, C, H, W) by a constant matrix per axis
 * ({@link ResizeMatrices}): {@code x·Mw} along the width, then {@code Mhᵀ·(…)} along the height.
 * No parameters; the gradient flows through the products.
 */
final class SeparableResizeBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int[] in;
    private final int[] out;
    private final float[][] matrices;

    /**
     * Creates the block for spatial sizes {@code in} to {@code out}.
     *
     * @param matrices one (in × out) matrix per spatial axis, row-major
     */
    SeparableResizeBlock(int[] in, int[] out, float[][] matrices) {
        super(VERSION);
        this.in = in.clone();
        this.out = out.clone();
        this.matrices = matrices.clone();
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDManager m = x.getManager();
        int last = in.length - 1;
        NDArray width = m.create(matrices[last], new Shape(in[last], out[last])).toType(x.getDataType(), false);
        NDArray y = x.matMul(width);
        if (in.length == 2) {
            float[] heightT = ResizeMatrices.transposed(matrices[0], in[0], out[0]);
            NDArray height = m.create(heightT, new Shape(out[0], in[0])).toType(x.getDataType(), false);
            y = height.matMul(y);
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long[] dims = inputShapes[0].getShape().clone();
        for (int i = 0; i < out.length; i++) {
            dims[i + 2] = out[i];
        }
        return new Shape[] {new Shape(dims)};
    }
}
