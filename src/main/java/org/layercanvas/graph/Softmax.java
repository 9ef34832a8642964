package org.layercanvas.graph;

/** Turns values along one axis into probabilities that sum to 1. */
public record Softmax(int axis) implements Activation {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        if (axis >= in.rank() || axis < -in.rank()) {
            return Inference.error("has axis " + axis + " but its input " + in + " has " + in.rank() + " axes");
        }
        return Inference.ok(in);
    }
}
