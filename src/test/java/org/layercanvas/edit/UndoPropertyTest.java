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
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

class UndoPropertyTest {

    /** Applies random command sequences, then undoes them all: the graph is exactly the first one again. */
    @Property(tries = 200)
    void undoingEverySequenceRestoresTheStart(@ForAll("commands") List<Integer> choices) {
        Graph start = TestGraphs.chain(List.of(4), 2, new Dense(8, true), new ReLU(), new Dense(2, true));
        UndoStack s = new UndoStack(start, 1000, g -> { });
        int applied = 0;
        for (int choice : choices) {
            EditCommand c = command(s.graph(), choice);
            if (c == null) {
                continue;
            }
            try {
                long before = s.revision();
                s.execute(c);
                applied += s.revision() > before ? 1 : 0;
            } catch (IllegalArgumentException notApplicable) {
                // a command that does not fit the current graph is refused whole; nothing to undo
            }
        }
        for (int i = 0; i < applied; i++) {
            s.undo();
        }
        assertThat(s.graph()).isEqualTo(start);
    }

    @Provide
    Arbitrary<List<Integer>> commands() {
        return Arbitraries.integers().between(0, 10_000).list().ofMaxSize(40);
    }

    /** Builds a command from a number: which kind, which layer, which value. */
    private static EditCommand command(Graph g, int choice) {
        List<LayerNode> nodes = new ArrayList<>(g.nodes());
        int kind = choice % 6;
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
            default -> some == null || some.spec().type().params().isEmpty() ? null
                    : new RenameCommand(some.id(), "renamed" + choice);
        };
    }
}
