package org.layercanvas.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A network design: layers and the connections between them, and the definitions of the reusable
 * blocks its {@link Block} layers are instances of. Immutable; every change returns a new graph.
 * Structure is always consistent (unique ids, edges between existing nodes, no duplicate edge);
 * whether the design makes sense is for {@link Analysis} to say.
 */
public final class Graph {
    private static final Graph EMPTY = new Graph(Map.of(), List.of(), Map.of());

    private final Map<String, LayerNode> nodes;
    private final List<Edge> edges;
    private final Map<String, BlockDefinition> blocks;

    private Graph(Map<String, LayerNode> nodes, List<Edge> edges, Map<String, BlockDefinition> blocks) {
        this.nodes = nodes;
        this.edges = edges;
        this.blocks = blocks;
    }

    /** Returns the graph with no nodes. */
    public static Graph empty() {
        return EMPTY;
    }

    /**
     * Returns a graph of these nodes and edges.
     *
     * @throws IllegalArgumentException for a repeated node id, an edge to or from a missing node, or a
     *     repeated edge
     */
    public static Graph of(Collection<LayerNode> nodes, Collection<Edge> edges) {
        return of(nodes, edges, Map.of());
    }

    /**
     * Returns a graph of these nodes and edges, with these block definitions by id.
     *
     * @throws IllegalArgumentException for a repeated node id, an edge to or from a missing node, or a
     *     repeated edge
     */
    public static Graph of(Collection<LayerNode> nodes, Collection<Edge> edges, Map<String, BlockDefinition> blocks) {
        Map<String, LayerNode> map = new LinkedHashMap<>();
        for (LayerNode n : nodes) {
            if (map.put(n.id(), n) != null) {
                throw new IllegalArgumentException("two nodes have the id '" + n.id() + "'");
            }
        }
        Set<Edge> seen = new HashSet<>();
        for (Edge e : edges) {
            checkEnds(map, e);
            if (!seen.add(e)) {
                throw new IllegalArgumentException("the connection " + e.from() + " -> " + e.to() + " (port "
                        + e.port() + ") is listed twice");
            }
        }
        return new Graph(Collections.unmodifiableMap(map), List.copyOf(edges),
                Collections.unmodifiableMap(new LinkedHashMap<>(blocks)));
    }

    private static void checkEnds(Map<String, LayerNode> nodes, Edge e) {
        if (!nodes.containsKey(e.from())) {
            throw new IllegalArgumentException("a connection starts at '" + e.from() + "', which is not a node");
        }
        if (!nodes.containsKey(e.to())) {
            throw new IllegalArgumentException("a connection ends at '" + e.to() + "', which is not a node");
        }
    }

    /** Returns the nodes in insertion order. */
    public Collection<LayerNode> nodes() {
        return nodes.values();
    }

    /** Returns the edges in insertion order. */
    public List<Edge> edges() {
        return edges;
    }

    /** Returns the number of nodes. */
    public int size() {
        return nodes.size();
    }

    /** Returns whether a node has this id. */
    public boolean contains(String id) {
        return nodes.containsKey(id);
    }

    /**
     * Returns the node with this id.
     *
     * @throws IllegalArgumentException when there is none
     */
    public LayerNode node(String id) {
        LayerNode n = nodes.get(id);
        if (n == null) {
            throw new IllegalArgumentException("no node with id '" + id + "'");
        }
        return n;
    }

    /** Returns the edges into a node, ordered by port. */
    public List<Edge> inputsOf(String id) {
        List<Edge> in = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to().equals(id)) {
                in.add(e);
            }
        }
        in.sort(java.util.Comparator.comparingInt(Edge::port));
        return in;
    }

    /** Returns the edges out of a node. */
    public List<Edge> outputsOf(String id) {
        return edges.stream().filter(e -> e.from().equals(id)).toList();
    }

    /** Returns this graph with a node added, or replaced when one has its id. */
    public Graph withNode(LayerNode node) {
        Map<String, LayerNode> map = new LinkedHashMap<>(nodes);
        map.put(node.id(), node);
        return new Graph(Collections.unmodifiableMap(map), edges, blocks);
    }

    /** Returns this graph with these nodes, and every edge touching them, removed. */
    public Graph withoutNodes(Collection<String> ids) {
        Set<String> gone = new HashSet<>(ids);
        Map<String, LayerNode> map = new LinkedHashMap<>(nodes);
        map.keySet().removeAll(gone);
        List<Edge> kept = edges.stream().filter(e -> !gone.contains(e.from()) && !gone.contains(e.to())).toList();
        return new Graph(Collections.unmodifiableMap(map), kept, blocks);
    }

    /**
     * Returns this graph with an edge added.
     *
     * @throws IllegalArgumentException when an end is missing or the edge exists already
     */
    public Graph withEdge(Edge edge) {
        checkEnds(nodes, edge);
        if (edges.contains(edge)) {
            throw new IllegalArgumentException("the connection exists already: " + edge);
        }
        List<Edge> list = new ArrayList<>(edges);
        list.add(edge);
        return new Graph(nodes, List.copyOf(list), blocks);
    }

    /** Returns this graph without this edge. */
    public Graph withoutEdge(Edge edge) {
        List<Edge> list = new ArrayList<>(edges);
        list.remove(edge);
        return new Graph(nodes, List.copyOf(list), blocks);
    }

    /** Returns the definitions of the design's blocks, by id, in the order they were made. */
    public Map<String, BlockDefinition> blocks() {
        return blocks;
    }

    /** Returns this graph with a block definition added, or replaced when one has its id. */
    public Graph withBlock(String id, BlockDefinition definition) {
        Map<String, BlockDefinition> map = new LinkedHashMap<>(blocks);
        map.put(id, definition);
        return new Graph(nodes, edges, Collections.unmodifiableMap(map));
    }

    /** Returns this graph without a block definition. */
    public Graph withoutBlock(String id) {
        Map<String, BlockDefinition> map = new LinkedHashMap<>(blocks);
        map.remove(id);
        return new Graph(nodes, edges, Collections.unmodifiableMap(map));
    }

    /** Returns this graph's layers and connections with another set of block definitions. */
    public Graph withBlocks(Map<String, BlockDefinition> definitions) {
        return new Graph(nodes, edges, Collections.unmodifiableMap(new LinkedHashMap<>(definitions)));
    }

    /** Returns how many block instances use a definition: layers of the design and of every block's body. */
    public int uses(String definition) {
        int n = count(nodes.values(), definition);
        for (BlockDefinition d : blocks.values()) {
            n += count(d.body().nodes(), definition);
        }
        return n;
    }

    private static int count(Collection<LayerNode> layers, String definition) {
        return (int) layers.stream().filter(x -> x.spec() instanceof Block b && b.definition().equals(definition))
                .count();
    }

    /** Returns a block definition id the design has not used yet: {@code b1}, {@code b2}, ... */
    public String newBlockId() {
        int i = 1;
        while (blocks.containsKey("b" + i)) {
            i++;
        }
        return "b" + i;
    }

    /** Returns whether any layer is a block instance, so that the graph must be expanded before it runs. */
    public boolean hasBlocks() {
        return !blocks.isEmpty() || nodes.values().stream().anyMatch(n -> n.spec() instanceof Structural);
    }

    /** Returns an id no node has yet: {@code n1}, {@code n2}, ... */
    public String newId() {
        int max = 0;
        for (String id : nodes.keySet()) {
            if (id.length() > 1 && id.charAt(0) == 'n') {
                try {
                    max = Math.max(max, Integer.parseInt(id.substring(1)));
                } catch (NumberFormatException e) {
                    // not one of ours: cannot collide with the numbered ids
                }
            }
        }
        return "n" + (max + 1);
    }

    /** Returns {@code base} if no node has that name, else {@code base_2}, {@code base_3}, ... */
    public String uniqueName(String base) {
        Set<String> names = new HashSet<>();
        for (LayerNode n : nodes.values()) {
            names.add(n.name());
        }
        if (!names.contains(base)) {
            return base;
        }
        int i = 2;
        while (names.contains(base + "_" + i)) {
            i++;
        }
        return base + "_" + i;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Graph g && nodes.equals(g.nodes) && new HashSet<>(edges).equals(new HashSet<>(g.edges))
                && blocks.equals(g.blocks);
    }

    @Override
    public int hashCode() {
        return (nodes.hashCode() * 31 + new HashSet<>(edges).hashCode()) * 31 + blocks.hashCode();
    }

    @Override
    public String toString() {
        return "Graph[" + nodes.size() + " nodes, " + edges.size() + " edges]";
    }
}
