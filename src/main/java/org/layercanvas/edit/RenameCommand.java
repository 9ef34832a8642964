package org.layercanvas.edit;

import org.layercanvas.graph.Graph;

/** Renames one layer. */
public record RenameCommand(String nodeId, String name) implements EditCommand {

    @Override
    public Graph apply(Graph graph) {
        return graph.withNode(graph.node(nodeId).withName(name));
    }

    @Override
    public String description() {
        return "Rename";
    }
}
