package org.layercanvas.graph;

import java.util.Objects;

/**
 * A connection from one node's output to an input of another node.
 *
 * @param from the id of the node whose output is used
 * @param to the id of the node that receives it
 * @param port which input of {@code to}: 0 for single-input layers, the operand order for merges
 */
public record Edge(String from, String to, int port) {
    public Edge {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (port < 0) {
            throw new IllegalArgumentException("port must be >= 0: " + port);
        }
    }
}
