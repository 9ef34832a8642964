package org.layercanvas.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

class DesignSessionTest {
    private final List<DesignChange> seen = new ArrayList<>();

    private DesignSession session(Graph g, int limit) {
        DesignSession s = new DesignSession(Design.of("test", g), limit);
        s.onChange(seen::add);
        return s;
    }

    private static Graph chain() {
        return new TestGraphs().add("in", new Input(List.of(4))).add("a", new Dense(3, true)).add("b", new ReLU())
                .add("c", new Dense(2, true)).link("in", "a").link("a", "b").link("b", "c").build();
    }

    @Test
    void undoRestoresTheGraphBeforeConnectAndRedoReappliesIt() {
        Graph start = new TestGraphs().add("a", new Dense(3, true)).add("b", new ReLU()).build();
        DesignSession s = session(start, 10);
        assertThat(s.execute(new ConnectCommand(new Edge("a", "b", 0)))).isEmpty();
        Graph connected = s.design().graph();
        assertThat(connected.edges()).hasSize(1);
        assertThat(s.undoDescription()).contains("Connect");
        s.undo();
        assertThat(s.design().graph()).isEqualTo(start);
        s.redo();
        assertThat(s.design().graph()).isEqualTo(connected);
        assertThat(seen).hasSize(3);
        assertThat(seen.get(0).edgesAdded()).containsExactly(new Edge("a", "b", 0));
        assertThat(seen.get(1).edgesRemoved()).containsExactly(new Edge("a", "b", 0));
    }

    @Test
    void theHistoryIsBoundedAndANewCommandClearsRedo() {
        DesignSession s = session(Graph.empty(), 3);
        for (int i = 0; i < 5; i++) {
            s.execute(AddNodesCommand.of(new LayerNode("n" + i, "d" + i, new Dense(1, true), Position.ORIGIN)));
        }
        for (int i = 0; i < 5; i++) {
            s.undo();
        }
        assertThat(s.design().graph().size()).isEqualTo(2);
        s.execute(new RenameCommand("n0", "first"));
        s.redo();
        assertThat(s.design().graph().node("n0").name()).isEqualTo("first");
        assertThat(s.redoDescription()).isEmpty();
    }

    @Test
    void aListenerCannotEditWhileBeingTold() {
        DesignSession s = new DesignSession(Design.of("test", Graph.empty()), 5);
        s.onChange(c -> s.execute(new RenameCommand("x", "y")));
        assertThatThrownBy(() -> s.execute(AddNodesCommand.of(new LayerNode("x", "x", new ReLU(), Position.ORIGIN))))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCommandThatDoesNotApplyChangesNothingAndSaysWhy() {
        DesignSession s = session(Graph.empty(), 5);
        assertThat(s.execute(new ConnectCommand(new Edge("a", "b", 0)))).hasValueSatisfying(
                reason -> assertThat(reason).contains("'a'"));
        assertThat(s.revision()).isZero();
        assertThat(s.undoDescription()).isEmpty();
        assertThat(seen).isEmpty();
    }

    @Test
    void undoingBackToTheSavedStateShowsTheDesignAsSaved() {
        DesignSession s = session(chain(), 10);
        assertThat(s.isSaved()).isTrue();
        s.execute(new RenameCommand("a", "wide"));
        s.execute(new SetSectionCommand(SetSectionCommand.Section.TRAINING, Map.of("epochs", 3), "Set Epochs"));
        assertThat(s.isSaved()).isFalse();
        s.undo();
        s.undo();
        assertThat(s.isSaved()).as("back where it was opened").isTrue();
        s.redo();
        s.markSaved();
        assertThat(s.isSaved()).isTrue();
        s.undo();
        assertThat(s.isSaved()).isFalse();
        s.redo();
        assertThat(s.isSaved()).isTrue();
    }

    @Test
    void aRestoredDesignIsUnsavedUntilSaved() {
        DesignSession s = session(chain(), 10);
        s.reopen(Design.of("restored", Graph.empty()), true);
        assertThat(s.isSaved()).isFalse();
        assertThat(seen).singleElement().satisfies(c -> assertThat(c.reopened()).isTrue());
        assertThat(s.undoDescription()).isEmpty();
    }

    @Test
    void aChangeNamesTheEditedLayerAndEveryLayerWhoseShapeFollowsFromIt() {
        DesignSession s = session(chain(), 10);
        s.execute(new SetParamCommand("a", "units", 5));
        DesignChange c = seen.get(0);
        // b's output shape follows a's, and c's parameter count follows b's shape; in keeps its shape
        assertThat(c.updated()).containsExactlyInAnyOrder("a", "b", "c");
        assertThat(c.added()).isEmpty();
        assertThat(c.removed()).isEmpty();
        assertThat(c.graphChanged()).isTrue();

        s.execute(new MoveNodesCommand(Map.of("c", new Position(10, 400)), "Move Layer"));
        assertThat(seen.get(1).updated()).containsExactly("c");

        s.execute(new SetSectionCommand(SetSectionCommand.Section.DATASET, Map.of("kind", "csv"), "Use CSV"));
        assertThat(seen.get(2).graphChanged()).as("a section edit leaves every card as drawn").isFalse();
    }

    @Test
    void connectionsAreRefusedWithTheReason() {
        Graph g = new TestGraphs().add("in", new Input(List.of(3))).add("a", new Dense(3, true))
                .add("b", new ReLU()).add("sum", new org.layercanvas.graph.Add())
                .link("in", "a").link("a", "b").build();
        assertThat(Connections.connect(g, "b", "a").refusal()).isEqualTo("Dense 'a' takes one input and has one;"
                + " use an Add or Concat to merge");
        assertThat(Connections.connect(g, "b", "in").refusal()).isEqualTo("Input 'in' takes no inputs");
        Graph g2 = g.withoutEdge(new Edge("in", "a", 0));
        assertThat(Connections.connect(g2, "b", "a").refusal()).isEqualTo("it would make a cycle: 'a' already feeds 'b'");
        assertThat(Connections.connect(g, "a", "sum").edge()).contains(new Edge("a", "sum", 0));
        Graph g3 = g.withEdge(new Edge("a", "sum", 0));
        assertThat(Connections.connect(g3, "b", "sum").edge()).contains(new Edge("b", "sum", 1));
        Graph attention = new TestGraphs().add("q", new Input(List.of(2, 4))).add("k", new Input(List.of(3, 4)))
                .add("v", new Input(List.of(3, 4))).add("more", new Input(List.of(3, 4)))
                .add("mha", new org.layercanvas.graph.MultiHeadAttention(2, 0, false, true))
                .link("q", "mha", 0).link("k", "mha", 1).build();
        assertThat(Connections.connect(attention, "v", "mha").edge()).contains(new Edge("v", "mha", 2));
        assertThat(Connections.connect(attention.withEdge(new Edge("v", "mha", 2)), "more", "mha").refusal())
                .isEqualTo("MultiHeadAttention 'mha' takes one input or three (query, key, value) and has three");
    }
}
