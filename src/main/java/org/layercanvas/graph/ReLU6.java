package org.layercanvas.graph;

/** min(max(0, x), 6): the ReLU of mobile networks, bounded for low-precision arithmetic. */
public record ReLU6() implements Activation {
}
