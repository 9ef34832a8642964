package org.layercanvas.graph;

/**
 * Normalizes each channel of each sample over its positions, then optionally scales and shifts it,
 * as PyTorch's {@code nn.InstanceNorm1d/2d} (which keep no running statistics by default either).
 *
 * @param epsilon added to the variance to avoid dividing by zero
 * @param affine whether each channel learns a scale and a shift
 */
public record InstanceNorm(double epsilon, boolean affine) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != 2 && in.rank() != 3) {
            return Inference.error("expects input (C,L) or (C,H,W), got " + in);
        }
        return Inference.ok(in, affine ? 2L * in.dim(0) : 0, 2 * in.size());
    }
}
