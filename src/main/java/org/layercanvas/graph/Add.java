package org.layercanvas.graph;

/** Adds its inputs element-wise: the merge of a residual (skip) connection. */
public record Add() implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        return Merge.sameShape(inputs);
    }
}
