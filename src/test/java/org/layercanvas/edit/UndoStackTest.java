package org.layercanvas.edit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

class UndoStackTest {
    private final List<Graph> seen = new ArrayList<>();

    private UndoStack stack(Graph g, int limit) {
        return new UndoStack(g, limit, seen::add);
    }

    @Test
    void undoRestoresTheGraphBeforeConnectAndRedoReappliesIt() {
        Graph start = new TestGraphs().add("a", new Dense(3, true)).add("b", new ReLU()).build();
        UndoStack s = stack(start, 10);
        s.execute(new ConnectCommand(new Edge("a", "b", 0)));
        Graph connected = s.graph();
        assertThat(connected.edges()).hasSize(1);
        assertThat(s.undoDescription()).contains("Connect");
        s.undo();
        assertThat(s.graph()).isEqualTo(start);
        s.redo();
        assertThat(s.graph()).isEqualTo(connected);
        assertThat(seen).hasSize(3);
    }

    @Test
    void theStackIsBoundedAndANewCommandClearsRedo() {
        UndoStack s = stack(Graph.empty(), 3);
        for (int i = 0; i < 5; i++) {
            s.execute(AddNodesCommand.of(new LayerNode("n" + i, "d" + i, new Dense(1, true), Position.ORIGIN)));
        }
        for (int i = 0; i < 5; i++) {
            s.undo();
        }
        assertThat(s.graph().size()).isEqualTo(2);
        s.execute(new RenameCommand("n0", "first"));
        s.redo();
        assertThat(s.graph().node("n0").name()).isEqualTo("first");
        assertThat(s.redoDescription()).isEmpty();
    }

    @Test
    void aListenerCannotEditWhileBeingTold() {
        UndoStack[] holder = new UndoStack[1];
        holder[0] = new UndoStack(Graph.empty(), 5,
                g -> holder[0].execute(new RenameCommand("x", "y")));
        assertThatThrownBy(() -> holder[0].execute(AddNodesCommand.of(
                new LayerNode("x", "x", new ReLU(), Position.ORIGIN)))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aCommandThatDoesNotApplyChangesNothing() {
        UndoStack s = stack(Graph.empty(), 5);
        assertThatThrownBy(() -> s.execute(new ConnectCommand(new Edge("a", "b", 0))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(s.revision()).isZero();
        assertThat(s.undoDescription()).isEmpty();
    }

    @Test
    void connectionsAreRefusedWithTheReason() {
        Graph g = new TestGraphs().add("in", new org.layercanvas.graph.Input(List.of(3))).add("a", new Dense(3, true))
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
    }
}
