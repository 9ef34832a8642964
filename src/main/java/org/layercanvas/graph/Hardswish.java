package org.layercanvas.graph;

/** x·ReLU6(x + 3)/6: a cheap swish, as MobileNetV3 uses it. */
public record Hardswish() implements Activation {
}
