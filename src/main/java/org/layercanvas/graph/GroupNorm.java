package org.layercanvas.graph;

/**
 * Normalizes each sample over groups of its channels (the first axis) and all their positions, then
 * optionally scales and shifts each channel, as PyTorch's {@code nn.GroupNorm}; independent of the
 * batch, so it suits small batches where a batch norm does not.
 *
 * @param groups how many groups the channels are split into; must divide them
 * @param epsilon added to the variance to avoid dividing by zero
 * @param affine whether each channel learns a scale and a shift
 */
public record GroupNorm(int groups, double epsilon, boolean affine) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        int channels = in.dim(0);
        if (channels % groups != 0) {
            return Inference.error("has " + groups + " groups, which must divide its input's " + channels
                    + " channels (the first axis of " + in + ")");
        }
        return Inference.ok(in, affine ? 2L * channels : 0, 2 * in.size());
    }
}
