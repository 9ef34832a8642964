package org.layercanvas.graph;

/** Takes the element-wise maximum of its inputs. */
public record Maximum() implements Merge {
}
