package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTest {

    @Test
    void edgesMustJoinExistingNodesOnce() {
        Graph g = new TestGraphs().add("a", new Input(List.of(2))).add("b", new ReLU()).link("a", "b").build();
        assertThatThrownBy(() -> g.withEdge(new Edge("a", "zzz", 0)))
                .hasMessage("a connection ends at 'zzz', which is not a node");
        assertThatThrownBy(() -> g.withEdge(new Edge("a", "b", 0))).hasMessageContaining("exists already");
    }

    @Test
    void removingANodeRemovesItsEdgesAndLeavesTheOriginalAlone() {
        Graph g = new TestGraphs().add("a", new Input(List.of(2))).add("b", new ReLU()).add("c", new ReLU())
                .link("a", "b").link("b", "c").build();
        Graph smaller = g.withoutNodes(List.of("b"));
        assertThat(smaller.edges()).isEmpty();
        assertThat(smaller.size()).isEqualTo(2);
        assertThat(g.edges()).hasSize(2);
    }

    @Test
    void newIdsAndNamesDoNotCollide() {
        Graph g = Graph.of(List.of(new LayerNode("n7", "dense", new Dense(1, true), Position.ORIGIN),
                new LayerNode("n2", "dense_2", new Dense(1, true), Position.ORIGIN)), List.of());
        assertThat(g.newId()).isEqualTo("n8");
        assertThat(g.uniqueName("dense")).isEqualTo("dense_3");
        assertThat(g.uniqueName("relu")).isEqualTo("relu");
    }

    @Test
    void equalityIgnoresEdgeOrder() {
        TestGraphs a = new TestGraphs().add("i", new Input(List.of(2))).add("x", new ReLU()).add("y", new ReLU());
        Graph one = a.link("i", "x").link("i", "y").build();
        Graph two = Graph.of(one.nodes(), List.of(one.edges().get(1), one.edges().get(0)));
        assertThat(one).isEqualTo(two).hasSameHashCodeAs(two);
    }
}
