package org.layercanvas.graph;

/**
 * A stack of transformer encoder layers over a sequence of vectors (T,E), as PyTorch's
 * {@code nn.TransformerEncoder(nn.TransformerEncoderLayer(E, heads, feedForward, dropout, activation,
 * batch_first=True, norm_first=normFirst), layers)}: each layer is self-attention then a two-layer
 * feed-forward network, each with a residual connection and a layer norm (after the sum, or, with
 * normFirst, before the sublayer).
 *
 * @param heads the number of attention heads; must divide E
 * @param feedForward the width of the feed-forward network's hidden layer
 * @param dropout the share of values zeroed while training, after attention and in the feed-forward network
 * @param activation {@code relu} or {@code gelu}, in the feed-forward network
 * @param normFirst whether each sublayer normalizes its input (pre-norm) rather than the sum after it
 * @param layers how many encoder layers are stacked
 */
public record TransformerEncoder(int heads, int feedForward, double dropout, String activation, boolean normFirst,
        int layers) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != 2) {
            return Inference.error("expects a sequence (T,E) of vectors, got " + in
                    + "; an Embedding or a Dense before it makes one");
        }
        long e = in.dim(1);
        if (e % heads != 0) {
            return Inference.error("has " + heads + " heads, which must divide its input's width " + e
                    + " (the last axis of " + in + ")");
        }
        long t = in.dim(0);
        long perLayer = 4 * e * e + 4 * e + 2 * e * feedForward + feedForward + e + 4 * e;
        long flops = 4 * t * e * e + 2 * t * t * e + 2 * t * e * feedForward;
        return Inference.ok(in, layers * perLayer, layers * flops);
    }
}
