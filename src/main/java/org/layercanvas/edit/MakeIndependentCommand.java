package org.layercanvas.edit;

import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;

/**
 * Gives one block instance a definition of its own, a copy of the one it shared, so that editing it
 * no longer changes the other instances.
 *
 * @param instanceId the instance
 * @param blockId the id the copy gets
 */
public record MakeIndependentCommand(String instanceId, String blockId) implements EditCommand {
    public MakeIndependentCommand {
        Objects.requireNonNull(instanceId, "instanceId");
        Objects.requireNonNull(blockId, "blockId");
    }

    @Override
    public Graph apply(Graph graph) {
        LayerNode n = graph.node(instanceId);
        if (!(n.spec() instanceof Block block) || !graph.blocks().containsKey(block.definition())) {
            throw new IllegalArgumentException(n.kind() + " '" + n.name() + "' is no block");
        }
        if (graph.blocks().containsKey(blockId)) {
            throw new IllegalArgumentException("the block id '" + blockId + "' is taken");
        }
        BlockDefinition shared = graph.blocks().get(block.definition());
        Set<String> names = new HashSet<>();
        graph.blocks().values().forEach(d -> names.add(d.name()));
        String name = n.name();
        for (int i = 2; names.contains(name); i++) {
            name = n.name() + "_" + i;
        }
        return graph.withBlock(blockId, new BlockDefinition(name, shared.body()))
                .withNode(n.withSpec(new Block(blockId, block.repeat())));
    }

    @Override
    public String description() {
        return "Make Block Independent";
    }
}
