package org.layercanvas.edit;

import java.util.List;
import java.util.Map;
import org.layercanvas.graph.BlockDefinition;
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
 * @param blocks block definitions the layers use that the graph must gain (pasted from another design)
 */
public record AddNodesCommand(List<LayerNode> nodes, List<Edge> edges, String description,
        Map<String, BlockDefinition> blocks) implements EditCommand {
    public AddNodesCommand {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        blocks = Map.copyOf(blocks);
    }

    /** Adds layers and connections that need no new block definitions. */
    public AddNodesCommand(List<LayerNode> nodes, List<Edge> edges, String description) {
        this(nodes, edges, description, Map.of());
    }

    /** Adds one layer. */
    public static AddNodesCommand of(LayerNode node) {
        return new AddNodesCommand(List.of(node), List.of(), "Add " + node.kind());
    }

    @Override
    public Graph apply(Graph graph) {
        Graph g = graph;
        for (Map.Entry<String, BlockDefinition> b : blocks.entrySet()) {
            if (g.blocks().containsKey(b.getKey()) && !g.blocks().get(b.getKey()).equals(b.getValue())) {
                throw new IllegalArgumentException("a block definition with id '" + b.getKey() + "' exists already");
            }
            g = g.withBlock(b.getKey(), b.getValue());
        }
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
