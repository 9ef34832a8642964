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
 * Normalizes (N, C, ...) over groups of channels and their positions with the biased variance, then
 * scales and shifts each channel: PyTorch's {@code nn.GroupNorm}, and with one group per channel its
 * {@code nn.InstanceNorm}. The scale ({@code weight}) starts at 1, the shift ({@code bias}) at 0.
 */
final class GroupNormBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int groups;
    private final float epsilon;
    private final Parameter weight;
    private final Parameter bias;

    GroupNormBlock(int channels, int groups, double epsilon, boolean affine) {
        super(VERSION);
        this.groups = groups;
        this.epsilon = (float) epsilon;
        weight = affine ? addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(1f)).optShape(new Shape(channels)).build()) : null;
        bias = affine ? addParameter(Parameter.builder().setName("bias").setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(0f)).optShape(new Shape(channels)).build()) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        Shape shape = x.getShape();
        NDArray grouped = x.reshape(shape.get(0), groups, -1);
        NDArray mean = grouped.mean(new int[] {2}, true);
        NDArray centred = grouped.sub(mean);
        NDArray variance = centred.square().mean(new int[] {2}, true);
        NDArray y = centred.div(variance.add(epsilon).sqrt()).reshape(shape);
        if (weight != null) {
            long[] perChannel = new long[shape.dimension()];
            java.util.Arrays.fill(perChannel, 1);
            perChannel[1] = shape.get(1);
            Shape broadcast = new Shape(perChannel);
            NDArray w = store.getValue(weight, x.getDevice(), training).reshape(broadcast);
            NDArray b = store.getValue(bias, x.getDevice(), training).reshape(broadcast);
            w.attach(x.getManager());
            b.attach(x.getManager());
            y = y.mul(w).add(b);
        }
        return new NDList(y);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
