package org.layercanvas.edit;

import java.util.List;
import java.util.Set;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;

/**
 * Deletes layers (with every connection touching them) and connections.
 *
 * @param nodeIds the layers to delete
 * @param edges the connections to delete
 */
public record RemoveCommand(Set<String> nodeIds, List<Edge> edges) implements EditCommand {
    public RemoveCommand {
        nodeIds = Set.copyOf(nodeIds);
        edges = List.copyOf(edges);
    }

    @Override
    public Graph apply(Graph graph) {
        Graph g = graph;
        for (Edge e : edges) {
            g = g.withoutEdge(e);
        }
        return g.withoutNodes(nodeIds);
    }

    @Override
    public String description() {
        int n = nodeIds.size();
        int e = edges.size();
        if (n == 0) {
            return e == 1 ? "Delete Connection" : "Delete " + e + " Connections";
        }
        return n == 1 ? "Delete Layer" : "Delete " + n + " Layers";
    }
}
