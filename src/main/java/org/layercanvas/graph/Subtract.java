package org.layercanvas.graph;

/** Subtracts its second input from its first, element-wise. */
public record Subtract() implements Merge {

    @Override
    public Inference infer(LayerInputs inputs) {
        if (inputs.size() != 2) {
            return Inference.error("subtracts its second input from its first, so it takes exactly two; it has "
                    + inputs.size());
        }
        return Merge.sameShape(inputs);
    }
}
