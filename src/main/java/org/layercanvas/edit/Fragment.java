package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * A copied part of a design: some layers and the connections among them (connections to layers
 * outside the copy are left out), with the definitions of the blocks among them. Pasting it adds
 * fresh copies with new ids and unique names; into another design, the blocks' definitions come too.
 *
 * @param nodes the copied layers
 * @param edges the connections inside the copy
 * @param blocks the definitions the copied blocks use, and those their bodies use, by id
 */
public record Fragment(List<LayerNode> nodes, List<Edge> edges, Map<String, BlockDefinition> blocks) {
    public Fragment {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        blocks = Map.copyOf(blocks);
    }

    /** A copy of layers that holds no block. */
    public Fragment(List<LayerNode> nodes, List<Edge> edges) {
        this(nodes, edges, Map.of());
    }

    /** Copies the layers with these ids and the connections among them. */
    public static Fragment copy(Graph graph, Set<String> ids) {
        List<LayerNode> nodes = graph.nodes().stream().filter(n -> ids.contains(n.id())).toList();
        List<Edge> edges = graph.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
        Map<String, BlockDefinition> used = new HashMap<>();
        List<LayerNode> open = new ArrayList<>(nodes);
        while (!open.isEmpty()) {
            LayerNode n = open.remove(open.size() - 1);
            if (n.spec() instanceof Block b && graph.blocks().containsKey(b.definition())
                    && used.put(b.definition(), graph.blocks().get(b.definition())) == null) {
                open.addAll(graph.blocks().get(b.definition()).body().nodes());
            }
        }
        return new Fragment(nodes, edges, used);
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
        // a definition the design has as it is is shared; one it lacks comes along, under a new id
        // when its own is taken by another
        Map<String, String> definitionIds = new HashMap<>();
        Map<String, BlockDefinition> added = new HashMap<>();
        Graph withBlocks = graph;
        for (Map.Entry<String, BlockDefinition> b : blocks.entrySet()) {
            BlockDefinition there = graph.blocks().get(b.getKey());
            String id = b.getKey();
            if (there == null || !there.equals(b.getValue())) {
                id = there == null ? id : withBlocks.newBlockId();
                withBlocks = withBlocks.withBlock(id, b.getValue());
            }
            definitionIds.put(b.getKey(), id);
        }
        for (Map.Entry<String, BlockDefinition> b : blocks.entrySet()) {
            String id = definitionIds.get(b.getKey());
            if (!graph.blocks().containsKey(id)) {
                added.put(id, b.getValue().withBody(renamed(b.getValue().body(), definitionIds)));
            }
        }
        Map<String, String> ids = new HashMap<>();
        Graph g = graph;
        List<LayerNode> copies = new ArrayList<>();
        for (LayerNode n : nodes) {
            String id = g.newId();
            LayerNode copy = new LayerNode(id, g.uniqueName(n.name()), renamed(n, definitionIds).spec(),
                    n.position().plus(dx, dy));
            ids.put(n.id(), id);
            copies.add(copy);
            g = g.withNode(copy);
        }
        List<Edge> links = edges.stream().map(e -> new Edge(ids.get(e.from()), ids.get(e.to()), e.port())).toList();
        return new AddNodesCommand(copies, links, description, added);
    }

    private static LayerNode renamed(LayerNode n, Map<String, String> definitionIds) {
        return n.spec() instanceof Block b && definitionIds.containsKey(b.definition())
                ? n.withSpec(new Block(definitionIds.get(b.definition()), b.repeat())) : n;
    }

    private static Graph renamed(Graph body, Map<String, String> definitionIds) {
        Graph g = body;
        for (LayerNode n : body.nodes()) {
            LayerNode r = renamed(n, definitionIds);
            if (r != n) {
                g = g.withNode(r);
            }
        }
        return g;
    }
}
