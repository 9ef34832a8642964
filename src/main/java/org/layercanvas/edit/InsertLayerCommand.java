package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * Adds a layer into the middle of a design: on a connection, which it then carries, or after a
 * layer, whose outgoing connections it takes over. One undoable step.
 *
 * @param node the new layer
 * @param removed the connections it replaces
 * @param added the connections into and out of it
 * @param description what the menu calls it
 */
public record InsertLayerCommand(LayerNode node, List<Edge> removed, List<Edge> added, String description)
        implements EditCommand {
    public InsertLayerCommand {
        Objects.requireNonNull(node, "node");
        removed = List.copyOf(removed);
        added = List.copyOf(added);
        Objects.requireNonNull(description, "description");
    }

    /** Inserts {@code node} on the connection {@code edge}: from its source into the node, and on to its target. */
    public static InsertLayerCommand on(Edge edge, LayerNode node) {
        return new InsertLayerCommand(node, List.of(edge), List.of(new Edge(edge.from(), node.id(), 0),
                new Edge(node.id(), edge.to(), edge.port())), "Insert " + node.kind());
    }

    /**
     * Inserts {@code node} after the layer {@code id}: fed by it, and feeding what it fed.
     *
     * @throws IllegalArgumentException when {@code id} is not in {@code graph}
     */
    public static InsertLayerCommand after(Graph graph, String id, LayerNode node) {
        List<Edge> out = graph.outputsOf(graph.node(id).id());
        List<Edge> added = new ArrayList<>();
        added.add(new Edge(id, node.id(), 0));
        for (Edge e : out) {
            added.add(new Edge(node.id(), e.to(), e.port()));
        }
        return new InsertLayerCommand(node, out, added, "Insert " + node.kind());
    }

    @Override
    public Graph apply(Graph graph) {
        if (graph.contains(node.id())) {
            throw new IllegalArgumentException("a layer with id '" + node.id() + "' exists already");
        }
        Graph g = graph;
        for (Edge e : removed) {
            if (!g.edges().contains(e)) {
                throw new IllegalArgumentException("the connection " + e + " is gone");
            }
            g = g.withoutEdge(e);
        }
        g = g.withNode(node);
        for (Edge e : added) {
            g = g.withEdge(e);
        }
        return g;
    }
}
