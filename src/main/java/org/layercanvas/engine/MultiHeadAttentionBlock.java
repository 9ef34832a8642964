package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import org.layercanvas.graph.MultiHeadAttention;

/**
 * Multi-head attention with PyTorch's parameters and names, over one input (N, T, E) as query, key
 * and value, or over three: {@code in_proj_weight} (3E, E) holding the query, key and value
 * projections one after the other, {@code in_proj_bias},
 * {@code out_proj.weight} and {@code out_proj.bias}. A causal mask adds −∞ to the scores of later
 * positions, as PyTorch's boolean mask does.
 */
final class MultiHeadAttentionBlock extends AbstractBlock {
    private static final byte VERSION = 1;

    private final int heads;
    private final float dropout;
    private final boolean causal;
    private final Parameter inWeight;
    private final Parameter inBias;
    private final Parameter outWeight;
    private final Parameter outBias;

    MultiHeadAttentionBlock(MultiHeadAttention spec, int width) {
        super(VERSION);
        heads = spec.heads();
        dropout = (float) spec.dropout();
        causal = spec.causal();
        inWeight = weight("in_proj_weight", new Shape(3L * width, width));
        inBias = spec.bias() ? bias("in_proj_bias", 3L * width) : null;
        outWeight = weight("out_proj.weight", new Shape(width, width));
        outBias = spec.bias() ? bias("out_proj.bias", width) : null;
    }

    private Parameter weight(String name, Shape shape) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optInitializer(new XavierInitializer()).optShape(shape).build());
    }

    private Parameter bias(String name, long size) {
        return addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optInitializer(new ConstantInitializer(0f)).optShape(new Shape(size)).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray query = inputs.get(0);
        NDArray key = inputs.size() == 3 ? inputs.get(1) : query;
        NDArray value = inputs.size() == 3 ? inputs.get(2) : query;
        return new NDList(attend(query, key, value, value(store, inWeight, query, training),
                value(store, inBias, query, training), value(store, outWeight, query, training),
                value(store, outBias, query, training), heads, dropout, causal, training));
    }

    /**
     * Returns multi-head attention of {@code query} (N, Tq, E) over {@code key} and {@code value}
     * (N, Tk, E) with PyTorch's packed parameters, as (N, Tq, E); the biases may be null. Self-attention
     * passes one array three times.
     */
    static NDArray attend(NDArray query, NDArray key, NDArray value, NDArray inWeight, NDArray inBias,
            NDArray outWeight, NDArray outBias, int heads, float dropout, boolean causal, boolean training) {
        long n = query.getShape().get(0);
        long t = query.getShape().get(1);
        long keys = key.getShape().get(1);
        long width = query.getShape().get(2);
        long d = width / heads;
        NDList w = inWeight.split(3, 0);
        NDList b = inBias == null ? null : inBias.split(3, 0);
        NDArray q = project(query, w, b, 0).reshape(n, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = project(key, w, b, 1).reshape(n, keys, heads, d).transpose(0, 2, 3, 1);
        NDArray v = project(value, w, b, 2).reshape(n, keys, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).div(Math.sqrt(d));
        if (causal) {
            scores = scores.add(query.getManager().create(MultiHeadAttention.causalMask((int) t), new Shape(t, t))
                    .toType(query.getDataType(), false));
        }
        NDArray weights = scores.softmax(-1);
        if (training && dropout > 0) {
            weights = weights.getNDArrayInternal().dropout(weights, dropout, true).singletonOrThrow();
        }
        NDArray joined = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, width);
        return Linear.linear(joined, outWeight, outBias).singletonOrThrow();
    }

    /** Returns {@code x} through the {@code part}-th (query 0, key 1, value 2) third of the input projection. */
    private static NDArray project(NDArray x, NDList weights, NDList biases, int part) {
        return Linear.linear(x, weights.get(part), biases == null ? null : biases.get(part)).singletonOrThrow();
    }

    private static NDArray value(ParameterStore store, Parameter p, NDArray x, boolean training) {
        return p == null ? null : store.getValue(p, x.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
