package org.layercanvas.graph;

/** x for x > 0, alpha·x otherwise. */
public record LeakyReLU(double alpha) implements Activation {
}
