package org.layercanvas.graph;

/**
 * Multi-head attention over sequences of vectors, as PyTorch's
 * {@code nn.MultiheadAttention(E, heads, batch_first=True)}: on one input (T,E) it is self-attention,
 * the sequence being query, key and value; on three, a query (Tq,E) attends over a key and a value
 * (Tk,E) of one length and the output is (Tq,E). Each head attends over every position (or, causal,
 * over those up to its own) with E/heads of the projected width, and the heads' outputs are joined
 * and projected back to E. Key and value have the query's width, so the projections stay PyTorch's
 * packed {@code in_proj_weight}; a Dense before them changes a width.
 *
 * @param heads the number of heads; must divide E
 * @param dropout the share of attention weights zeroed while training
 * @param causal whether each position sees only itself and the positions before it
 * @param bias whether the projections learn offsets
 */
public record MultiHeadAttention(int heads, double dropout, boolean causal, boolean bias) implements LayerSpec {
    private static final String[] ROLES = {"query (input 0)", "key (input 1)", "value (input 2)"};

    @Override
    public Inference infer(LayerInputs inputs) {
        boolean self = inputs.size() == 1;
        for (int i = 0; i < inputs.size(); i++) {
            Shape s = inputs.shapes().get(i);
            if (s.rank() != 2) {
                return Inference.error("expects " + (self ? "a sequence" : "its " + ROLES[i] + " to be a sequence")
                        + " (T,E) of vectors, got " + (self ? s : inputs.describe(i))
                        + "; an Embedding or a Dense before it makes one");
            }
        }
        Shape query = inputs.shape();
        int e = query.dim(1);
        if (e % heads != 0) {
            return Inference.error("has " + heads + " heads, which must divide its " + (self ? "input's" : "query's")
                    + " width " + e + " (the last axis of " + query + ")");
        }
        long t = query.dim(0);
        long params = 4L * e * e + (bias ? 4L * e : 0);
        if (self) {
            return Inference.ok(query, params, 4 * t * e * e + 2 * t * t * e);
        }
        for (int i = 1; i < 3; i++) {
            if (inputs.shapes().get(i).dim(1) != e) {
                return Inference.error("expects its " + ROLES[i] + " as wide as its query, " + e + ", got "
                        + inputs.describe(i) + "; a Dense before it makes the width " + e);
            }
        }
        long keys = inputs.shapes().get(1).dim(0);
        if (inputs.shapes().get(2).dim(0) != keys) {
            return Inference.error("expects its key (input 1) and value (input 2) of one length, got "
                    + inputs.describe(1) + " and " + inputs.describe(2));
        }
        if (causal && keys != t) {
            return Inference.error("is causal, so its query (input 0) and key (input 1) must be of one length, got "
                    + inputs.describe(0) + " and " + inputs.describe(1) + "; turn causal off to attend across lengths");
        }
        return Inference.ok(query, params, 2 * t * e * e + 2 * keys * e * e + 2 * t * keys * e);
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
