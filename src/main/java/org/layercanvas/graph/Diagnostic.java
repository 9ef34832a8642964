package org.layercanvas.graph;

import java.util.Objects;

/**
 * A problem found in a design.
 *
 * @param nodeId the node it concerns, or {@code null} for the design as a whole
 * @param severity how serious it is
 * @param message what is wrong, phrased for the person editing, without the node's name
 */
public record Diagnostic(String nodeId, Severity severity, String message) {
    public Diagnostic {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    static Diagnostic error(String nodeId, String message) {
        return new Diagnostic(nodeId, Severity.ERROR, message);
    }

    static Diagnostic warning(String nodeId, String message) {
        return new Diagnostic(nodeId, Severity.WARNING, message);
    }

    /** Returns whether this is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** Returns the message with the node it concerns, e.g. {@code Conv2d 'conv1' expects ...}. */
    public String describe(Graph graph) {
        if (nodeId == null || !graph.contains(nodeId)) {
            return message;
        }
        LayerNode node = graph.node(nodeId);
        return node.kind() + " '" + node.name() + "' " + message;
    }
}
