package org.layercanvas.graph;

/** Where the network's prediction leaves it, with the loss training compares it by. */
public record Output(String loss, int classes) implements LayerSpec {
    /** Softmax cross-entropy on logits: one class per sample. */
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax_cross_entropy";
    /** Sigmoid binary cross-entropy on logits: one yes/no per output. */
    public static final String BINARY_CROSS_ENTROPY = "binary_cross_entropy";
    /** Mean squared error: regression. */
    public static final String MSE = "mse";
    /**
     * Softmax cross-entropy over the channel axis at every position of a (C,H,W) or (C,L) output:
     * one class per pixel or step (segmentation), averaged over the positions.
     */
    public static final String SOFTMAX_CROSS_ENTROPY_PER_POSITION = "softmax_cross_entropy_per_position";
    /** Mean squared error over every value of a (C,H,W) or (C,L) output: an image as target (autoencoders). */
    public static final String MSE_PER_POSITION = "mse_per_position";

    /** Returns whether this output predicts classes rather than values. */
    public boolean isClassification() {
        return !loss.equals(MSE) && !loss.equals(MSE_PER_POSITION);
    }

    /** Returns whether this output predicts at every position of a (C,H,W) or (C,L) output, not once per sample. */
    public boolean isPerPosition() {
        return loss.equals(SOFTMAX_CROSS_ENTROPY_PER_POSITION) || loss.equals(MSE_PER_POSITION);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (isPerPosition()) {
            return inferPerPosition(inputs);
        }
        String what = isClassification() ? " classes" : " values";
        if (in.rank() != 1) {
            String instead = in.rank() == 2 || in.rank() == 3
                    ? "; or, for a prediction at every position, use the loss "
                            + (isClassification() ? SOFTMAX_CROSS_ENTROPY_PER_POSITION : MSE_PER_POSITION)
                    : "";
            return Inference.error("expects a vector of " + classes + what + ", got " + in
                    + "; add a Flatten or a pooling layer before it" + instead);
        }
        if (in.dim(0) != classes) {
            return Inference.error("has " + classes + what + " but its input " + inputs.describe(0) + " has width "
                    + in.dim(0) + "; set the layer before it to " + classes + " outputs");
        }
        if (loss.equals(SOFTMAX_CROSS_ENTROPY) && classes < 2) {
            return Inference.error("uses softmax cross-entropy with " + classes
                    + " class; use binary cross-entropy for a yes/no output");
        }
        return Inference.ok(in);
    }

    private Inference inferPerPosition(LayerInputs inputs) {
        Shape in = inputs.shape();
        boolean classify = isClassification();
        String what = classify ? " classes" : " channels";
        if (in.rank() != 2 && in.rank() != 3) {
            String instead = in.rank() == 1 ? "; for one prediction per sample use the loss "
                    + (classify ? SOFTMAX_CROSS_ENTROPY : MSE) : "";
            return Inference.error("uses " + loss + ", which expects (C,H,W) or (C,L) with " + classes + what
                    + " first, got " + in + instead);
        }
        if (in.dim(0) != classes) {
            return Inference.error("has " + classes + what + " but its input " + inputs.describe(0) + " has "
                    + in.dim(0) + " channels; set the layer before it to " + classes + " filters");
        }
        if (classify && classes < 2) {
            return Inference.error("uses softmax cross-entropy per position with " + classes
                    + " class; it needs 2 or more (the background counts as one)");
        }
        return Inference.ok(in);
    }
}
