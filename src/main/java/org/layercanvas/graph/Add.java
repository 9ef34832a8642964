package org.layercanvas.graph;

/** Adds its inputs element-wise: the merge of a residual (skip) connection. */
public record Add() implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape first = inputs.shape();
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.shapes().get(i).equals(first)) {
                return Inference.error("needs inputs of one shape; got " + inputs.describe(0) + " and "
                        + inputs.describe(i));
            }
        }
        return Inference.ok(first);
    }
}
