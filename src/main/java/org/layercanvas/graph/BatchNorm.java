package org.layercanvas.graph;

/** Normalizes each channel (the first axis) over the batch, with learned scale and shift. */
public record BatchNorm(double momentum, double epsilon) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        // scale and shift are learned; the running mean and variance are kept as parameters too,
        // updated from each batch rather than by gradient
        return Inference.ok(in, 4L * in.dim(0), 0).withNonTrainable(2L * in.dim(0));
    }
}
