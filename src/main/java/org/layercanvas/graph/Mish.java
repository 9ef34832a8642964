package org.layercanvas.graph;

/** x·tanh(softplus(x)). */
public record Mish() implements Activation {
}
