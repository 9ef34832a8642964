package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * Looks up a learned vector per integer id. DJL's own embeddings map arbitrary items through a
 * vocabulary; a design's ids are already indices, so this block reads them directly.
 */
final class EmbeddingBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int dim;
    private final Parameter weight;

    EmbeddingBlock(int vocabulary, int dim) {
        super(VERSION);
        this.dim = dim;
        weight = addParameter(Parameter.builder()
                .setName("weight")
                .setType(Parameter.Type.WEIGHT)
                .optShape(new Shape(vocabulary, dim))
                .build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray ids = inputs.singletonOrThrow().toType(DataType.INT64, false);
        NDArray table = store.getValue(weight, ids.getDevice(), training);
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0].add(dim)};
    }
}
