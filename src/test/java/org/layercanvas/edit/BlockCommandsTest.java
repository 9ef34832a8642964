package org.layercanvas.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.io.DesignCodec;

/** Grouping layers into blocks and back, on the residual CNN sample. */
class BlockCommandsTest {
    private static final Graph RESIDUAL = read("samples/residual-cnn.json");
    /** The sample's first residual unit: conv, bn, relu, conv, bn, and the add that joins the skip. */
    private static final Set<String> UNIT = Set.of("n5", "n6", "n7", "n8", "n9", "n10");

    private static Graph read(String file) {
        try {
            return new DesignCodec().read(Path.of(file)).graph();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Groups any set of layers the command accepts: the design computes the same (every layer outside
     * keeps its shape, the totals stay), and ungrouping gives back exactly the design it started from.
     */
    @Property(tries = 150)
    void groupingChangesNothingTheNetworkComputesAndUngroupingRestoresTheDesign(@ForAll("selections") Set<String> ids) {
        Graph grouped;
        try {
            grouped = GroupCommand.of(RESIDUAL, ids, "group").apply(RESIDUAL);
        } catch (IllegalArgumentException refused) {
            Assume.that(false);
            return;
        }
        Analysis before = Analysis.of(RESIDUAL);
        Analysis after = Analysis.of(grouped);
        assertThat(after.diagnostics()).isEqualTo(before.diagnostics());
        assertThat(after.totalParams()).isEqualTo(before.totalParams());
        assertThat(after.totalFlops()).isEqualTo(before.totalFlops());
        for (LayerNode n : grouped.nodes()) {
            if (!(n.spec() instanceof Block)) {
                assertThat(after.report(n.id())).as(n.name()).isEqualTo(before.report(n.id()));
            }
        }
        String instance = grouped.nodes().stream().filter(n -> n.spec() instanceof Block).findFirst().orElseThrow().id();
        assertThat(new UngroupCommand(instance).apply(grouped)).isEqualTo(RESIDUAL);
    }

    @Provide
    Arbitrary<Set<String>> selections() {
        List<String> ids = RESIDUAL.nodes().stream().map(LayerNode::id).toList();
        // contiguous runs of the sample's order are the groups people make; any subset tests refusals
        Arbitrary<Set<String>> runs = Arbitraries.integers().between(1, ids.size() - 2).flatMap(from -> Arbitraries
                .integers().between(from, ids.size() - 2).map(to -> new LinkedHashSet<>(ids.subList(from, to + 1))));
        return Arbitraries.oneOf(runs, Arbitraries.of(ids).set().ofMinSize(1).ofMaxSize(8));
    }

    @Test
    void theUnitBecomesOneBlockWiredAsItsLayersWere() {
        Graph g = GroupCommand.of(RESIDUAL, UNIT, "unit").apply(RESIDUAL);
        LayerNode block = g.nodes().stream().filter(n -> n.spec() instanceof Block).findFirst().orElseThrow();
        assertThat(block.name()).isEqualTo("unit");
        // the stem's relu feeds both the conv and the skip: one input
        assertThat(g.inputsOf(block.id())).extracting(Edge::from).containsExactly("n4");
        assertThat(g.outputsOf(block.id())).extracting(Edge::to).containsExactly("n11");
        assertThat(g.blocks().get(((Block) block.spec()).definition()).inputs()).hasSize(1);
        Analysis was = Analysis.of(RESIDUAL);
        assertThat(Analysis.of(g).report(block.id()).params()).isEqualTo(UNIT.stream()
                .mapToLong(id -> was.report(id).params()).sum());
        assertThat(Analysis.of(g).shape(block.id())).isEqualTo(was.shape("n10"));
    }

    @Test
    void groupingRefusesWhatABlockCannotHold() {
        assertThatThrownBy(() -> GroupCommand.of(RESIDUAL, Set.of("n1", "n2"), "g").apply(RESIDUAL))
                .hasMessageContaining("Input 'image' stays outside blocks");
        // the stem's relu feeds two layers outside: the conv and the add
        assertThatThrownBy(() -> GroupCommand.of(RESIDUAL, Set.of("n2", "n3", "n4", "n6"), "g").apply(RESIDUAL))
                .hasMessageContaining("a block has one output");
        assertThatThrownBy(() -> GroupCommand.of(RESIDUAL, Set.of(), "g").apply(RESIDUAL))
                .hasMessageContaining("select the layers to group first");
    }

    @Test
    void anEditInsideABlockChangesEveryInstanceAndMakingOneIndependentStopsThat() {
        Graph g = GroupCommand.of(RESIDUAL, UNIT, "unit").apply(RESIDUAL);
        String instance = g.nodes().stream().filter(n -> n.spec() instanceof Block).findFirst().orElseThrow().id();
        String definition = ((Block) g.node(instance).spec()).definition();
        // a second instance of the same block after the first
        g = g.withNode(new LayerNode("twin", "twin", new Block(definition, 1), g.node("n11").position()))
                .withoutEdge(new Edge(instance, "n11", 0));
        g = g.withEdge(new Edge(instance, "twin", 0)).withEdge(new Edge("twin", "n11", 0));
        Analysis a = Analysis.of(g);
        assertThat(a.hasErrors()).isFalse();
        long perUnit = a.report(instance).params();
        assertThat(a.report("twin").params()).isEqualTo(perUnit);

        EditCommand widen = new InBlockCommand(definition, new SetParamCommand("n5", "kernel", List.of(5, 5)));
        Graph both = widen.apply(g);
        assertThat(Analysis.of(both).report(instance).params()).isGreaterThan(perUnit);
        assertThat(Analysis.of(both).report("twin").params()).isEqualTo(Analysis.of(both).report(instance).params());

        Graph apart = new MakeIndependentCommand("twin", g.newBlockId()).apply(g);
        Graph one = widen.apply(apart);
        assertThat(Analysis.of(one).report(instance).params()).isGreaterThan(perUnit);
        assertThat(Analysis.of(one).report("twin").params()).isEqualTo(perUnit);
    }

    @Test
    void ungroupingARepeatedBlockAsksForOneCopyFirst() {
        Graph g = GroupCommand.of(RESIDUAL, UNIT, "unit").apply(RESIDUAL);
        LayerNode block = g.nodes().stream().filter(n -> n.spec() instanceof Block).findFirst().orElseThrow();
        Graph repeated = g.withNode(block.withSpec(new Block(((Block) block.spec()).definition(), 3)));
        assertThat(Analysis.of(repeated).hasErrors()).isFalse();
        assertThat(Analysis.of(repeated).report(block.id()).params()).isEqualTo(3 * Analysis.of(g).report(block.id()).params());
        assertThatThrownBy(() -> new UngroupCommand(block.id()).apply(repeated))
                .hasMessageContaining("repeats 3 times; set repeat to 1 to ungroup it");
    }
}
