package org.layercanvas.graph;

/** max(0, x). */
public record ReLU() implements Activation {
}
