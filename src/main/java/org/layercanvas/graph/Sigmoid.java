package org.layercanvas.graph;

/** 1 / (1 + e^-x), squashing to (0, 1). */
public record Sigmoid() implements Activation {
}
