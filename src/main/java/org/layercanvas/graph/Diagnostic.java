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
    /** How a block's diagnostic lifted from a layer inside it begins: {@code in 'stage2/block1/conv2' (Conv2d): …}. */
    static final String INSIDE = "in '";

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
        if (node.spec() instanceof Block && message.startsWith(INSIDE)) {
            // lifted from a layer inside the block, which it names by its path: 'stage2/block1/conv2' (Conv2d): …
            return message.substring(INSIDE.length() - 1);
        }
        return node.kind() + " '" + node.name() + "' " + message;
    }
}
