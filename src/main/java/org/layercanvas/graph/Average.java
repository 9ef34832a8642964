package org.layercanvas.graph;

/** Averages its inputs element-wise. */
public record Average() implements Merge {
}
