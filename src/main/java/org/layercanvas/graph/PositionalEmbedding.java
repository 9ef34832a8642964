package org.layercanvas.graph;

/**
 * Adds a vector per position to a sequence of vectors (T,D), so that the layers after it (attention)
 * can tell positions apart: learned (a (maxLength, D) table trained with the network) or sinusoidal
 * (the fixed table of "Attention Is All You Need": sin(p / 10000^(i/D)) at even i, cos at odd i).
 *
 * @param kind {@code learned} or {@code sinusoidal}
 * @param maxLength the longest sequence the table covers
 */
public record PositionalEmbedding(String kind, int maxLength) implements LayerSpec {
    /** The kind whose table is trained. */
    public static final String LEARNED = "learned";

    /** Returns whether the table is trained rather than fixed. */
    public boolean learned() {
        return kind.equals(LEARNED);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (in.rank() != 2) {
            return Inference.error("expects a sequence (T,D) of vectors, got " + in
                    + "; an Embedding or a Dense before it makes one");
        }
        if (in.dim(0) > maxLength) {
            return Inference.error("covers sequences up to maxLength " + maxLength + ", but its input " + in
                    + " has " + in.dim(0) + " positions");
        }
        return Inference.ok(in, learned() ? (long) maxLength * in.dim(1) : 0, in.size());
    }

    /** Returns the sinusoidal table's first {@code length} rows of width {@code dim}, row-major. */
    public static float[] sinusoid(int length, int dim) {
        float[] table = new float[length * dim];
        for (int p = 0; p < length; p++) {
            for (int i = 0; i < dim; i++) {
                double angle = p / Math.pow(10_000, (double) (i - i % 2) / dim);
                table[p * dim + i] = (float) (i % 2 == 0 ? Math.sin(angle) : Math.cos(angle));
            }
        }
        return table;
    }
}
