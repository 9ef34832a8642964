package org.layercanvas.graph;

/** How serious a {@link Diagnostic} is: errors keep a design from training, warnings do not. */
public enum Severity {
    ERROR,
    WARNING
}
