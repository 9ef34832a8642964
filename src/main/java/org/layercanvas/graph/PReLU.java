package org.layercanvas.graph;

/**
 * x for x > 0, a·x otherwise, where the slope a is learned: one for the whole layer, or one per
 * channel (the first axis of a sample).
 *
 * @param perChannel whether each channel learns its own slope
 */
public record PReLU(boolean perChannel) implements Activation {

    @Override
    public Inference infer(LayerInputs inputs) {
        Shape in = inputs.shape();
        return Inference.ok(in, perChannel ? in.dim(0) : 1, 0);
    }
}
