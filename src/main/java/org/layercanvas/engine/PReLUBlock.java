package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.util.PairList;

/**
 * A ReLU whose negative slope is learned, as PyTorch's {@code nn.PReLU}: one slope, or one per
 * channel (axis 1 of a batch), starting at 0.25. DJL's own Prelu is not implemented on PyTorch.
 */
final class PReLUBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final Parameter weight;

    PReLUBlock(long slopes) {
        super(VERSION);
        weight = addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(0.25f)).optShape(new Shape(slopes)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        NDArray slope = store.getValue(weight, x.getDevice(), training);
        if (slope.size() > 1) {
            long[] dims = new long[x.getShape().dimension()];
            java.util.Arrays.fill(dims, 1);
            dims[1] = slope.size();
            slope = slope.reshape(new Shape(dims));
        }
        return new NDList(x.maximum(0).add(x.minimum(0).mul(slope)));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
