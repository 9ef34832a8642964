package org.layercanvas.edit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

class UndoPropertyTest {

    /**
     * Applies random command sequences, then undoes them all: the graph is exactly the first one
     * again. Every change on the way names all it touched: a layer left out of it is the same
     * layer with the same report and problems before and after.
     */
    @Property(tries = 200)
    void undoingEverySequenceRestoresTheStartAndEveryChangeNamesWhatItTouched(
            @ForAll("commands") List<Integer> choices) {
        Graph start = TestGraphs.chain(List.of(4), 2, new Dense(8, true), new ReLU(), new Dense(2, true));
        DesignSession s = new DesignSession(Design.of("random", start), 1000);
        s.onChange(UndoPropertyTest::checkComplete);
        int applied = 0;
        for (int choice : choices) {
            EditCommand c = command(s.design().graph(), choice);
            if (c == null) {
                continue;
            }
            long before = s.revision();
            // a command that does not fit the current graph is refused whole; nothing to undo
            s.execute(c);
            applied += s.revision() > before ? 1 : 0;
        }
        for (int i = 0; i < applied; i++) {
            s.undo();
        }
        assertThat(s.design().graph()).isEqualTo(start);
        assertThat(s.isSaved()).isTrue();
    }

    private static void checkComplete(DesignChange c) {
        Graph a = c.before().graph();
        Graph b = c.after().graph();
        Analysis was = Analysis.of(a);
        for (LayerNode n : b.nodes()) {
            if (c.added().contains(n.id())) {
                assertThat(a.contains(n.id())).isFalse();
            } else if (!c.updated().contains(n.id())) {
                assertThat(a.node(n.id())).isEqualTo(n);
                assertThat(was.report(n.id())).isEqualTo(c.analysis().report(n.id()));
                assertThat(was.diagnosticsOf(n.id())).isEqualTo(c.analysis().diagnosticsOf(n.id()));
            }
        }
        for (LayerNode n : a.nodes()) {
            assertThat(b.contains(n.id())).isNotEqualTo(c.removed().contains(n.id()));
        }
        for (Edge e : c.edgesRemoved()) {
            assertThat(b.edges()).doesNotContain(e);
        }
        java.util.Set<Edge> kept = new java.util.HashSet<>(a.edges());
        kept.removeAll(c.edgesRemoved());
        kept.addAll(c.edgesAdded());
        assertThat(kept).isEqualTo(new java.util.HashSet<>(b.edges()));
    }

    @Provide
    Arbitrary<List<Integer>> commands() {
        return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(40);
    }

    /** Builds a command from a number: which kind, which layer, which value. */
    private static EditCommand command(Graph g, int choice) {
        List<LayerNode> nodes = new ArrayList<>(g.nodes());
        int kind = choice % 9;
        LayerNode some = nodes.isEmpty() ? null : nodes.get((choice / 6) % nodes.size());
        List<LayerType> types = LayerCatalog.all();
        return switch (kind) {
            case 0 -> AddNodesCommand.of(new LayerNode(g.newId(), "x" + choice, types.get(choice % types.size()).defaults(),
                    new Position(choice % 300, choice % 170)));
            case 1 -> some == null ? null : new RemoveCommand(Set.of(some.id()), List.of());
            case 2 -> some == null || g.edges().isEmpty() ? null
                    : new RemoveCommand(Set.of(), List.of(g.edges().get(choice % g.edges().size())));
            case 3 -> some == null || nodes.size() < 2 ? null
                    : Connections.connect(g, some.id(), nodes.get((choice / 7) % nodes.size()).id()).edge()
                            .map(e -> (EditCommand) new ConnectCommand(e)).orElse(null);
            case 4 -> some == null ? null : new MoveNodesCommand(Map.of(some.id(), new Position(choice, -choice)), "Move");
            case 5 -> some == null || some.spec().type().params().isEmpty() ? null
                    : new RenameCommand(some.id(), "renamed" + choice);
            // blocks: group a layer and the one after it, ungroup, edit inside a block
            case 6 -> some == null ? null : GroupCommand.of(g, groupFrom(g, some), "g" + choice);
            case 7 -> some == null || !(some.spec() instanceof Block) ? null : new UngroupCommand(some.id());
            default -> g.blocks().isEmpty() ? null : insideABlock(g, choice);
        };
    }

    private static Set<String> groupFrom(Graph g, LayerNode first) {
        Set<String> ids = new java.util.HashSet<>(Set.of(first.id()));
        g.outputsOf(first.id()).stream().findFirst().ifPresent(e -> ids.add(e.to()));
        return ids;
    }

    private static EditCommand insideABlock(Graph g, int choice) {
        List<String> blocks = new ArrayList<>(g.blocks().keySet());
        String block = blocks.get(choice % blocks.size());
        List<LayerNode> body = new ArrayList<>(g.blocks().get(block).body().nodes());
        LayerNode n = body.get((choice / 9) % body.size());
        return new InBlockCommand(block, n.spec() instanceof Dense d
                ? new SetParamCommand(n.id(), "units", d.units() + 1)
                : new RenameCommand(n.id(), "inside" + choice));
    }
}
