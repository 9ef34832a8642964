package org.layercanvas.graph;

/** Multiplies its inputs element-wise: the gate of a gated unit. */
public record Multiply() implements Merge {
}
