package org.layercanvas.graph;

/** The sigmoid linear unit (swish), x·sigmoid(x). */
public record SiLU() implements Activation {
}
