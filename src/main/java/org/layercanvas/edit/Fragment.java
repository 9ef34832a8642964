package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * A copied part of a design: some layers and the connections among them (connections to layers
 * outside the copy are left out). Pasting it adds fresh copies with new ids and unique names.
 *
 * @param nodes the copied layers
 * @param edges the connections inside the copy
 */
public record Fragment(List<LayerNode> nodes, List<Edge> edges) {
    public Fragment {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** Copies the layers with these ids and the connections among them. */
    public static Fragment copy(Graph graph, Set<String> ids) {
        List<LayerNode> nodes = graph.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = graph.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        return new Fragment(nodes, edges);
    }

    /** Returns whether nothing was copied. */
    public boolean isEmpty() {
        return nodes.isEmpty();
    }

    /**
     * Returns the command that pastes a copy into {@code graph}, moved by ({@code dx}, {@code dy}).
     *
     * @param description what the menu calls it: {@code Paste} or {@code Duplicate}
     */
    public AddNodesCommand pasteInto(Graph graph, double dx, double dy, String description) {
        Map<String, String> ids = new HashMap<>();
        Graph g = graph;
        List<LayerNode> copies = new ArrayList<>();
        for (LayerNode n : nodes) {
            String id = g.newId();
            LayerNode copy = new LayerNode(id, g.uniqueName(n.name()), n.spec(), n.position().plus(dx, dy));
            ids.put(n.id(), id);
            copies.add(copy);
            g = g.withNode(copy);
        }
        List<Edge> links = edges.stream().map(e -> new Edge(ids.get(e.from()), ids.get(e.to()), e.port())).toList();
        return new AddNodesCommand(copies, links, description);
    }
}
