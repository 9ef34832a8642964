package org.layercanvas.edit;

import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;

/** Connects one layer's output to an input of another. */
public record ConnectCommand(Edge edge) implements EditCommand {

    @Override
    public Graph apply(Graph graph) {
        return graph.withEdge(edge);
    }

    @Override
    public String description() {
        return "Connect";
    }
}
