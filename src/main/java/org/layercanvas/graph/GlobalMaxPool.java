package org.layercanvas.graph;

/** Takes each channel's maximum over all its spatial positions: (C,...) to (C). */
public record GlobalMaxPool() implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        return global(inputs);
    }

    static Inference global(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() < 2) {
            return Inference.error("expects input with spatial axes, (C,L) or (C,H,W), got " + in);
        }
        return Inference.ok(Shape.of(in.dim(0)));
    }
}
