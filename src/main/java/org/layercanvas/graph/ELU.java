package org.layercanvas.graph;

/** x for x > 0, alpha·(e^x − 1) otherwise. */
public record ELU(double alpha) implements Activation {
}
