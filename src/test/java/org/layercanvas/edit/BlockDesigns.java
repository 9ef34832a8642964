package org.layercanvas.edit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.io.DesignCodec;

/**
 * The residual CNN sample regrouped as a person would group it in the window, for tests of what
 * blocks compile, train and export to: its first residual unit (n5..n10) a block {@code unit}
 * (repeated as asked), nested in a block {@code stage1} with the relu and pool after it, and its
 * second unit, with the projection, a block {@code stage2}. Flattened, the layers are named
 * {@code stage1/unit/1/b1_conv1} (repeated) or {@code stage1/unit/b1_conv1}, and
 * {@code stage2/b2_conv1}.
 */
public final class BlockDesigns {
    /** The sample file the design is grouped from. */
    public static final Path SAMPLE = Path.of("samples/residual-cnn.json");

    private BlockDesigns() {
    }

    /**
     * Returns the grouped residual CNN with its first unit repeated {@code repeat} times, on the
     * sample's MNIST data (paths made absolute, so the design can be written anywhere) with at most
     * {@code limit} training images.
     */
    public static Design residual(int repeat, int limit) {
        Design sample = sample();
        Graph g = sample.graph();
        Graph unit = GroupCommand.of(g, Set.of("n5", "n6", "n7", "n8", "n9", "n10"), "unit").apply(g);
        LayerNode instance = instanceNamed(unit, "unit");
        unit = unit.withNode(instance.withSpec(new Block(((Block) instance.spec()).definition(), repeat)));
        Graph stage1 = GroupCommand.of(unit, Set.of(instance.id(), "n11", "n12"), "stage1").apply(unit);
        Graph stage2 = GroupCommand.of(stage1, Set.of("n13", "n14", "n15", "n16", "n17", "n18", "n19", "n20"),
                "stage2").apply(stage1);
        Map<String, Object> data = new LinkedHashMap<>(sample.dataset());
        Path base = SAMPLE.toAbsolutePath().getParent();
        data.replaceAll((k, v) -> v instanceof String s && s.startsWith("data/") ? base.resolve(s).toString() : v);
        data.put("limit", limit);
        return new Design("residual blocks", stage2, data, sample.training());
    }

    /** Returns the sample as shipped. */
    public static Design sample() {
        try {
            return new DesignCodec().read(SAMPLE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Returns the block instance of {@code graph} with this name. */
    public static LayerNode instanceNamed(Graph graph, String name) {
        return graph.nodes().stream().filter(n -> n.spec() instanceof Block && n.name().equals(name)).findFirst()
                .orElseThrow();
    }
}
