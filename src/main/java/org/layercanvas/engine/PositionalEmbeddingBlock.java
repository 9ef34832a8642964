package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.PairList;
import org.layercanvas.graph.PositionalEmbedding;

/**
 * Adds a position table to (N, T, D): the first T rows of a learned {@code weight} (maxLength, D),
 * which starts as small normal values (σ = 0.02, as transformers usually start theirs), or of the
 * fixed sinusoidal table.
 */
final class PositionalEmbeddingBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int dim;
    private final Parameter weight;

    PositionalEmbeddingBlock(PositionalEmbedding spec, int dim) {
        super(VERSION);
        this.dim = dim;
        weight = spec.learned() ? addParameter(Parameter.builder().setName("weight").setType(Parameter.Type.OTHER)
                .optInitializer(new NormalInitializer(0.02f)).optShape(new Shape(spec.maxLength(), dim)).build())
                : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        int length = (int) x.getShape().get(1);
        NDArray table;
        if (weight != null) {
            // a slice of the parameter belongs to its manager unless moved to the batch's
            table = store.getValue(weight, x.getDevice(), training).get("0:" + length);
            table.attach(x.getManager());
        } else {
            table = x.getManager().create(PositionalEmbedding.sinusoid(length, dim), new Shape(length, dim))
                    .toType(x.getDataType(), false);
        }
        return new NDList(x.add(table));
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
