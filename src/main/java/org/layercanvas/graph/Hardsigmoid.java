package org.layercanvas.graph;

/** ReLU6(x + 3)/6: a piecewise-linear sigmoid. */
public record Hardsigmoid() implements Activation {
}
