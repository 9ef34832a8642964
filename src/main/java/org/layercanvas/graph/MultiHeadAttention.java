package org.layercanvas.graph;

/**
 * Multi-head self-attention over a sequence of vectors (T,E), as PyTorch's
 * {@code nn.MultiheadAttention(E, heads, batch_first=True)} called with the sequence as query, key
 * and value: each head attends over every position (or, causal, over those up to its own) with
 * E/heads of the projected width, and the heads' outputs are joined and projected back to E.
 *
 * @param heads the number of heads; must divide E
 * @param dropout the share of attention weights zeroed while training
 * @param causal whether each position sees only itself and the positions before it
 * @param bias whether the projections learn offsets
 */
public record MultiHeadAttention(int heads, double dropout, boolean causal, boolean bias) implements LayerSpec {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != 2) {
            return Inference.error("expects a sequence (T,E) of vectors, got " + in
                    + "; an Embedding or a Dense before it makes one");
        }
        int e = in.dim(1);
        if (e % heads != 0) {
            return Inference.error("has " + heads + " heads, which must divide its input's width " + e
                    + " (the last axis of " + in + ")");
        }
        long t = in.dim(0);
        long params = 4L * e * e + (bias ? 4L * e : 0);
        return Inference.ok(in, params, 4 * t * e * e + 2 * t * t * e);
    }

    /** Returns the (T, T) scores a causal mask adds: 0 where a position may look, −∞ at the positions after it. */
    public static float[] causalMask(int length) {
        float[] m = new float[length * length];
        for (int i = 0; i < length; i++) {
            for (int j = i + 1; j < length; j++) {
                m[i * length + j] = Float.NEGATIVE_INFINITY;
            }
        }
        return m;
    }
}
