package org.layercanvas.graph;

/** Passes its input through unchanged: a placeholder, or a named point in the graph. */
public record Identity() implements Activation {
}
