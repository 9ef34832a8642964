package org.layercanvas.graph;

/** Where the network's prediction leaves it, with the loss training compares it by. */
public record Output(String loss, int classes) implements LayerSpec {
    /** Softmax cross-entropy on logits: one class per sample. */
    public static final String SOFTMAX_CROSS_ENTROPY = "softmax_cross_entropy";
    /** Sigmoid binary cross-entropy on logits: one yes/no per output. */
    public static final String BINARY_CROSS_ENTROPY = "binary_cross_entropy";
    /** Mean squared error: regression. */
    public static final String MSE = "mse";

    /** Returns whether this output predicts classes rather than values. */
    public boolean isClassification() {
        return !loss.equals(MSE);
    }

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        String what = isClassification() ? " classes" : " values";
        if (in.rank() != 1) {
            return Inference.error("expects a vector of " + classes + what + ", got " + in
                    + "; add a Flatten or a pooling layer before it");
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
}
