package org.layercanvas.graph;

/** The Gaussian error linear unit, x·Φ(x). */
public record GELU() implements Activation {
}
