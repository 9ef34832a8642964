package org.layercanvas.graph;

/** A fully connected layer on the last axis. */
public record Dense(int units, boolean bias) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        int features = in.dim(-1);
        Shape out = in.with(-1, units);
        long params = (long) features * units + (bias ? units : 0);
        return Inference.ok(out, params, (in.size() / features) * features * (long) units);
    }
}
