package org.layercanvas.graph;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A reusable block: its name and its body, a graph of layers with one {@link BlockInput} node per
 * input of the block (indexed from 0) and one {@link BlockOutput} node. Definitions live in the
 * design ({@link Graph#blocks()}), so a body's own blocks are instances of other definitions there.
 *
 * @param name the block's name, as the palette offers it
 * @param body the layers inside, with their inputs and output
 */
public record BlockDefinition(String name, Graph body) {
    public BlockDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(body, "body");
        if (!body.blocks().isEmpty()) {
            throw new IllegalArgumentException("block definitions live in the design, not inside a block's body");
        }
    }

    /** Returns the body's input nodes, by index. */
    public List<LayerNode> inputs() {
        return body.nodes().stream().filter(n -> n.spec() instanceof BlockInput)
                .sorted(Comparator.comparingInt(n -> ((BlockInput) n.spec()).index())).toList();
    }

    /** Returns the body's output nodes; a well-formed block has exactly one. */
    public List<LayerNode> outputs() {
        return body.nodes().stream().filter(n -> n.spec() instanceof BlockOutput).toList();
    }

    /** Returns this definition with another body. */
    public BlockDefinition withBody(Graph newBody) {
        return new BlockDefinition(name, newBody);
    }
}
