package org.layercanvas.graph;

/** An element-wise merge of two or more inputs of one shape; the output has that shape. */
public sealed interface Merge extends LayerSpec permits Multiply, Subtract, Maximum, Average {

    @Override
    default Inference infer(LayerInputs inputs) {
        return sameShape(inputs);
    }

    /** Returns the shape all inputs share, or an error naming the first two that differ. */
    static Inference sameShape(LayerInputs inputs) {
        Shape first = inputs.shape();
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.shapes().get(i).equals(first)) {
                return Inference.error("needs inputs of one shape; got " + inputs.describe(0) + " and "
                        + inputs.describe(i));
            }
        }
        return Inference.ok(first);
    }
}
