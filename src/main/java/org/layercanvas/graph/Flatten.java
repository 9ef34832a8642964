package org.layercanvas.graph;

/** Flattens each sample to a vector. */
public record Flatten() implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        long size = inputs.shape().size();
        if (size > Integer.MAX_VALUE) {
            return Inference.error("would produce a vector of " + size + " values, too many for one axis");
        }
        return Inference.ok(Shape.of((int) size));
    }
}
