package org.layercanvas.graph;

/** Normalizes each sample over its last axis, with learned scale and shift. */
public record LayerNorm(double epsilon) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        return Inference.ok(in, 2L * in.dim(-1), 0);
    }
}
