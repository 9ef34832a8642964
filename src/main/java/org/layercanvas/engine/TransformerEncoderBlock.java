package org.layercanvas.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.ConstantInitializer;
import ai.djl.training.initializer.Initializer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.HashMap;
import java.util.Map;
import org.layercanvas.graph.TransformerEncoder;

/**
 * A stack of transformer encoder layers over (N, T, E) with the parameters of PyTorch's
 * {@code nn.TransformerEncoder}, under its names: {@code layers.0.self_attn.in_proj_weight},
 * {@code layers.0.linear1.weight}, {@code layers.0.norm1.bias}, and so on.
 */
final class TransformerEncoderBlock extends AbstractBlock {
    private static final byte VERSION = 1;
    private static final float EPSILON = 1e-5f;

    private final int width;
    private final TransformerEncoder spec;
    private final Map<String, Parameter> byName = new HashMap<>();

    TransformerEncoderBlock(TransformerEncoder spec, int width) {
        super(VERSION);
        this.spec = spec;
        this.width = width;
        long e = width;
        long f = spec.feedForward();
        Initializer xavier = new XavierInitializer();
        Initializer zero = new ConstantInitializer(0f);
        Initializer one = new ConstantInitializer(1f);
        for (int i = 0; i < spec.layers(); i++) {
            String p = "layers." + i + ".";
            add(p + "self_attn.in_proj_weight", new Shape(3 * e, e), xavier);
            add(p + "self_attn.in_proj_bias", new Shape(3 * e), zero);
            add(p + "self_attn.out_proj.weight", new Shape(e, e), xavier);
            add(p + "self_attn.out_proj.bias", new Shape(e), zero);
            add(p + "linear1.weight", new Shape(f, e), xavier);
            add(p + "linear1.bias", new Shape(f), zero);
            add(p + "linear2.weight", new Shape(e, f), xavier);
            add(p + "linear2.bias", new Shape(e), zero);
            add(p + "norm1.weight", new Shape(e), one);
            add(p + "norm1.bias", new Shape(e), zero);
            add(p + "norm2.weight", new Shape(e), one);
            add(p + "norm2.bias", new Shape(e), zero);
        }
    }

    private void add(String name, Shape shape, Initializer init) {
        byName.put(name, addParameter(Parameter.builder().setName(name).setType(Parameter.Type.OTHER)
                .optInitializer(init).optShape(shape).build()));
    }

    @Override
    protected NDList forwardInternal(ParameterStore store, NDList inputs, boolean training,
            PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();
        ai.djl.Device device = x.getDevice();
        float rate = (float) spec.dropout();
        for (int i = 0; i < spec.layers(); i++) {
            String p = "layers." + i + ".";
            java.util.function.Function<String, NDArray> w = name -> store.getValue(byName.get(p + name), device,
                    training);
            java.util.function.UnaryOperator<NDArray> attention = in -> dropout(MultiHeadAttentionBlock.attend(in,
                    in, in, w.apply("self_attn.in_proj_weight"), w.apply("self_attn.in_proj_bias"),
                    w.apply("self_attn.out_proj.weight"), w.apply("self_attn.out_proj.bias"), spec.heads(), rate,
                    false, training), rate, training);
            java.util.function.UnaryOperator<NDArray> feedForward = in -> {
                NDArray hidden = Linear.linear(in, w.apply("linear1.weight"), w.apply("linear1.bias")).head();
                hidden = spec.activation().equals("gelu") ? Activation.gelu(hidden) : Activation.relu(hidden);
                NDArray out = Linear.linear(dropout(hidden, rate, training), w.apply("linear2.weight"),
                        w.apply("linear2.bias")).head();
                return dropout(out, rate, training);
            };
            java.util.function.BiFunction<NDArray, String, NDArray> norm = (in, n) -> in.getNDArrayInternal()
                    .layerNorm(in, new Shape(width), w.apply(n + ".weight"), w.apply(n + ".bias"), EPSILON).head();
            if (spec.normFirst()) {
                x = x.add(attention.apply(norm.apply(x, "norm1")));
                x = x.add(feedForward.apply(norm.apply(x, "norm2")));
            } else {
                x = norm.apply(x.add(attention.apply(x)), "norm1");
                x = norm.apply(x.add(feedForward.apply(x)), "norm2");
            }
        }
        return new NDList(x);
    }

    private static NDArray dropout(NDArray x, float rate, boolean training) {
        return training && rate > 0 ? x.getNDArrayInternal().dropout(x, rate, true).head() : x;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }
}
