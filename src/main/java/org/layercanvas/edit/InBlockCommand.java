package org.layercanvas.edit;

import java.util.Map;
import java.util.Objects;
import org.layercanvas.graph.BlockDefinition;
import org.layercanvas.graph.Graph;

/**
 * An edit made inside a block's body, opened on the canvas: the command runs on the body, and every
 * instance of the block changes with it. The body sees the design's block definitions while the
 * command runs, so that grouping, ungrouping and reusing blocks work inside blocks too; definitions
 * it adds or removes become the design's.
 *
 * @param blockId the definition whose body is edited
 * @param inner the edit
 */
public record InBlockCommand(String blockId, EditCommand inner) implements EditCommand {
    public InBlockCommand {
        Objects.requireNonNull(blockId, "blockId");
        Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Graph apply(Graph graph) {
        BlockDefinition d = graph.blocks().get(blockId);
        if (d == null) {
            throw new IllegalArgumentException("the block being edited is gone");
        }
        Graph body = inner.apply(d.body().withBlocks(graph.blocks()));
        Map<String, BlockDefinition> blocks = body.blocks();
        Graph g = graph.withBlocks(blocks);
        BlockDefinition edited = (blocks.containsKey(blockId) ? blocks.get(blockId) : d)
                .withBody(body.withBlocks(Map.of()));
        return g.withBlock(blockId, edited);
    }

    @Override
    public String description() {
        return inner.description();
    }
}
