package org.layercanvas.edit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.BlockInput;
import org.layercanvas.graph.BlockOutput;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;

/**
 * Puts a block's layers back in its place: its body's layers (keeping their ids and names where they
 * are free), wired to what fed and what used the block, placed around the card as they lie in the body. The
 * definition goes too when no other instance uses it. The undo of {@link GroupCommand}.
 *
 * @param instanceId the block instance to ungroup
 */
public record UngroupCommand(String instanceId) implements EditCommand {

    @Override
    public Graph apply(Graph graph) {
        LayerNode instance = graph.node(instanceId);
        if (!(instance.spec() instanceof Block block)) {
            throw new IllegalArgumentException(instance.kind() + " '" + instance.name() + "' is no block");
        }
        BlockDefinition d = graph.blocks().get(block.definition());
        if (d == null) {
            throw new IllegalArgumentException("block '" + instance.name() + "' has no definition to ungroup");
        }
        if (block.repeat() != 1) {
            throw new IllegalArgumentException("block '" + instance.name() + "' repeats " + block.repeat()
                    + " times; set repeat to 1 to ungroup it");
        }
        List<LayerNode> layers = d.body().nodes().stream()
                .filter(n -> !(n.spec() instanceof BlockInput) && !(n.spec() instanceof BlockOutput)).toList();
        double minX = layers.stream().mapToDouble(n -> n.position().x()).min().orElse(0);
        double minY = layers.stream().mapToDouble(n -> n.position().y()).min().orElse(0);
        double maxX = layers.stream().mapToDouble(n -> n.position().x()).max().orElse(0);
        double maxY = layers.stream().mapToDouble(n -> n.position().y()).max().orElse(0);
        // the layers spread around the card as they lay in the body
        Position corner = instance.position().plus(-(maxX - minX) / 2, -(maxY - minY) / 2);
        List<Edge> into = graph.inputsOf(instanceId);
        List<Edge> outOf = graph.outputsOf(instanceId);
        Graph g = graph.withoutNodes(List.of(instanceId));
        Map<String, String> ids = new HashMap<>();
        for (LayerNode n : layers) {
            String id = g.contains(n.id()) ? g.newId() : n.id();
            ids.put(n.id(), id);
            Position at = corner.plus(n.position().x() - minX, n.position().y() - minY);
            g = g.withNode(new LayerNode(id, g.uniqueName(n.name()), n.spec(), at));
        }
        List<Edge> edges = new ArrayList<>();
        for (Edge e : d.body().edges()) {
            LayerNode from = d.body().node(e.from());
            LayerNode to = d.body().node(e.to());
            if (to.spec() instanceof BlockOutput) {
                for (Edge out : outOf) {
                    edges.add(new Edge(ids.get(e.from()), out.to(), out.port()));
                }
            } else if (from.spec() instanceof BlockInput in) {
                for (Edge source : into) {
                    if (source.port() == in.index()) {
                        edges.add(new Edge(source.from(), ids.get(e.to()), e.port()));
                    }
                }
            } else {
                edges.add(new Edge(ids.get(e.from()), ids.get(e.to()), e.port()));
            }
        }
        for (Edge e : edges) {
            g = g.withEdge(e);
        }
        return g.uses(block.definition()) > 0 ? g : g.withoutBlock(block.definition());
    }

    @Override
    public String description() {
        return "Ungroup Block";
    }
}
