package org.layercanvas.edit;

import java.util.List;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * Adds layers and connections at once: one new layer from the palette, or a pasted or duplicated
 * group with the connections inside it.
 *
 * @param nodes the layers to add, with ids the graph does not have yet
 * @param edges connections among them or to existing layers
 * @param description what the menu calls it
 */
public record AddNodesCommand(List<LayerNode> nodes, List<Edge> edges, String description) implements EditCommand {
    public AddNodesCommand {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Adds one layer. */
    public static AddNodesCommand of(LayerNode node) {
        return new AddNodesCommand(List.of(node), List.of(), "Add " + node.kind());
    }

    @Override
    public Graph apply(Graph graph) {
        Graph g = graph;
        for (LayerNode n : nodes) {
            if (g.contains(n.id())) {
                throw new IllegalArgumentException("a layer with id '" + n.id() + "' exists already");
            }
            g = g.withNode(n);
        }
        for (Edge e : edges) {
            g = g.withEdge(e);
        }
        return g;
    }
}
