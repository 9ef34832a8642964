package org.layercanvas.graph;

/** The logarithm of a softmax along one axis, computed stably. */
public record LogSoftmax(int axis) implements Activation {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        return Axes.check(axis, in) ? Inference.ok(in) : Inference.error(Axes.outOfRange(axis, in));
    }
}
