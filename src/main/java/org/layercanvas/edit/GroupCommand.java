package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.BlockInput;
import org.layercanvas.graph.BlockOutput;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Position;

/**
 * Groups layers into a block: a new definition whose body holds them (with their ids, names and
 * positions, and the connections among them), one input for each layer outside that feeds them, and
 * one output; in their place one instance of it, wired as they were. The selection must end in one
 * layer, whose output is the block's.
 *
 * @param ids the layers to group
 * @param name the block's name
 * @param instanceId the id the instance gets
 * @param blockId the id the definition gets
 */
public record GroupCommand(Set<String> ids, String name, String instanceId, String blockId) implements EditCommand {
    private static final double SPACE = 110;

    public GroupCommand {
        ids = Set.copyOf(ids);
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(blockId, "blockId");
    }

    /** Returns the command that groups these layers of {@code graph} into a block named {@code name}. */
    public static GroupCommand of(Graph graph, Set<String> ids, String name) {
        return new GroupCommand(ids, name, graph.newId(), graph.newBlockId());
    }

    @Override
    public Graph apply(Graph graph) {
        if (ids.isEmpty()) {
            throw new IllegalArgumentException("select the layers to group first");
        }
        List<LayerNode> inside = new ArrayList<>();
        for (LayerNode n : graph.nodes()) {
            if (ids.contains(n.id())) {
                if (n.spec() instanceof Input || n.spec() instanceof Output || n.spec() instanceof BlockInput
                        || n.spec() instanceof BlockOutput) {
                    throw new IllegalArgumentException(n.kind() + " '" + n.name() + "' stays outside blocks: "
                            + "a block holds the layers between the design's input and output");
                }
                inside.add(n);
            }
        }
        if (inside.size() != ids.size()) {
            throw new IllegalArgumentException("some of the layers to group are gone");
        }
        if (graph.contains(instanceId) || graph.blocks().containsKey(blockId)) {
            throw new IllegalArgumentException("the block's ids are taken: " + instanceId + ", " + blockId);
        }
        List<Edge> incoming = new ArrayList<>();
        List<Edge> outgoing = new ArrayList<>();
        List<Edge> internal = new ArrayList<>();
        for (Edge e : graph.edges()) {
            boolean from = ids.contains(e.from());
            boolean to = ids.contains(e.to());
            if (from && to) {
                internal.add(e);
            } else if (to) {
                incoming.add(e);
            } else if (from) {
                outgoing.add(e);
            }
        }
        String exit = exit(inside, internal, outgoing);
        // one input for each layer outside that feeds the group, in the order the design lists them
        Set<String> sources = new LinkedHashSet<>();
        for (LayerNode n : graph.nodes()) {
            if (incoming.stream().anyMatch(e -> e.from().equals(n.id()))) {
                sources.add(n.id());
            }
        }
        double minX = inside.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = inside.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        double maxX = inside.stream().mapToDouble(n -> n.position().x()).max().orElse(0);
        double maxY = inside.stream().mapToDouble(n -> n.position().y()).max().orElse(0);
        Map<String, LayerNode> body = new LinkedHashMap<>();
        List<Edge> bodyEdges = new ArrayList<>(internal);
        List<String> sourceList = new ArrayList<>(sources);
        for (int k = 0; k < sourceList.size(); k++) {
            LayerNode in = new LayerNode(free(ids, "in" + (k + 1)), sourceList.size() == 1 ? "in" : "in" + (k + 1),
                    new BlockInput(k), new Position(minX + k * 230, minY - SPACE));
            body.put(in.id(), in);
            String source = sourceList.get(k);
            for (Edge e : incoming) {
                if (e.from().equals(source)) {
                    bodyEdges.add(new Edge(in.id(), e.to(), e.port()));
                }
            }
        }
        inside.forEach(n -> body.put(n.id(), n));
        LayerNode out = new LayerNode(free(ids, "out"), "out", new BlockOutput(),
                new Position(graph.node(exit).position().x(), maxY + SPACE));
        body.put(out.id(), out);
        bodyEdges.add(new Edge(exit, out.id(), 0));
        Graph g = graph.withoutNodes(ids).withBlock(blockId, new BlockDefinition(uniqueBlockName(graph, name),
                Graph.of(body.values(), bodyEdges)));
        // the card stands in the middle of where its layers stood
        g = g.withNode(new LayerNode(instanceId, g.uniqueName(name), new Block(blockId, 1),
                new Position((minX + maxX) / 2, (minY + maxY) / 2)));
        for (int k = 0; k < sourceList.size(); k++) {
            g = g.withEdge(new Edge(sourceList.get(k), instanceId, k));
        }
        for (Edge e : outgoing) {
            g = g.withEdge(new Edge(instanceId, e.to(), e.port()));
        }
        return g;
    }

    /** Returns the layer whose output leaves the group: the one that feeds the rest, or the group's only end. */
    private static String exit(List<LayerNode> inside, List<Edge> internal, List<Edge> outgoing) {
        Set<String> feeding = new LinkedHashSet<>();
        outgoing.forEach(e -> feeding.add(e.from()));
        if (feeding.size() > 1) {
            throw new IllegalArgumentException("a block has one output, but " + feeding.size() + " of these layers"
                    + " feed layers outside them; group layers that end in one layer");
        }
        if (feeding.size() == 1) {
            return feeding.iterator().next();
        }
        List<String> ends = inside.stream().map(LayerNode::id)
                .filter(id -> internal.stream().noneMatch(e -> e.from().equals(id))).toList();
        if (ends.size() != 1) {
            throw new IllegalArgumentException("a block has one output, but these layers end in " + ends.size()
                    + " layers; group layers that end in one layer");
        }
        return ends.get(0);
    }

    private static String free(Set<String> taken, String id) {
        String candidate = id;
        for (int i = 2; taken.contains(candidate); i++) {
            candidate = id + "_" + i;
        }
        return candidate;
    }

    private static String uniqueBlockName(Graph graph, String base) {
        Set<String> names = new LinkedHashSet<>();
        graph.blocks().values().forEach(d -> names.add(d.name()));
        String candidate = base;
        for (int i = 2; names.contains(candidate); i++) {
            candidate = base + "_" + i;
        }
        return candidate;
    }

    @Override
    public String description() {
        return "Group into Block";
    }
}
