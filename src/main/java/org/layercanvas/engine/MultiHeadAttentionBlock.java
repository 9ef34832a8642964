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
 * Multi-head self-attention over (N, T, E) with PyTorch's parameters and names: {@code in_proj_weight}
 * (3E, E) holding the query, key and value projections one after the other, {@code in_proj_bias},
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
        NDArray x = inputs.singletonOrThrow();
        return new NDList(attend(x, value(store, inWeight, x, training), value(store, inBias, x, training),
                value(store, outWeight, x, training), value(store, outBias, x, training), heads, dropout, causal,
                training));
    }

    /**
     * Returns multi-head self-attention of {@code x} (N, T, E) with PyTorch's packed parameters; the
     * biases may be null.
     */
    static NDArray attend(NDArray x, NDArray inWeight, NDArray inBias, NDArray outWeight, NDArray outBias,
            int heads, float dropout, boolean causal, boolean training) {
        long n = x.getShape().get(0);
        long t = x.getShape().get(1);
        long width = x.getShape().get(2);
        long d = width / heads;
        NDArray qkv = Linear.linear(x, inWeight, inBias).singletonOrThrow();
        NDList parts = qkv.split(3, 2);
        NDArray q = parts.get(0).reshape(n, t, heads, d).transpose(0, 2, 1, 3);
        NDArray k = parts.get(1).reshape(n, t, heads, d).transpose(0, 2, 3, 1);
        NDArray v = parts.get(2).reshape(n, t, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k).div(Math.sqrt(d));
        if (causal) {
            scores = scores.add(x.getManager().create(MultiHeadAttention.causalMask((int) t), new Shape(t, t))
                    .toType(x.getDataType(), false));
        }
        NDArray weights = scores.softmax(-1);
        if (training && dropout > 0) {
            weights = weights.getNDArrayInternal().dropout(weights, dropout, true).singletonOrThrow();
        }
        NDArray joined = weights.matMul(v).transpose(0, 2, 1, 3).reshape(n, t, width);
        return Linear.linear(joined, outWeight, outBias).singletonOrThrow();
    }

    private static NDArray value(ParameterStore store, Parameter p, NDArray x, boolean training) {
        return p == null ? null : store.getValue(p, x.getDevice(), training);
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
