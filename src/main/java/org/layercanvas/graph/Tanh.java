package org.layercanvas.graph;

/** The hyperbolic tangent, squashing to (-1, 1). */
public record Tanh() implements Activation {
}
