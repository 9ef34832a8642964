package org.layercanvas.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AnalysisTest {

    private static List<String> described(Graph g) {
        return Analysis.of(g).diagnostics().stream().map(d -> d.describe(g)).toList();
    }

    @Test
    void aCleanChainHasShapesTotalsAndNoDiagnostics() {
        Graph g = TestGraphs.chain(List.of(784), 10, new Dense(128, true), new ReLU(), new Dense(10, true));
        Analysis a = Analysis.of(g);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.shape("l1")).isEqualTo(Shape.of(128));
        assertThat(a.totalParams()).isEqualTo(784 * 128 + 128 + 128 * 10 + 10);
        assertThat(a.totalFlops()).isEqualTo(784 * 128 + 128 * 10);
        assertThat(a.totalMemoryBytes()).isEqualTo(4L * (784 + 128 + 128 + 10 + 10));
        assertThat(a.order()).containsExactly("input", "l1", "l2", "l3", "output");
    }

    @Test
    void aRankErrorNamesTheLayerAndBothShapes() {
        Graph g = TestGraphs.chain(List.of(784), 10,
                new Conv2d(8, List.of(3, 3), List.of(1, 1), "valid", List.of(1, 1), 1, true));
        assertThat(described(g)).containsExactly("Conv2d 'l1' expects input (C,H,W), got (784)");
        assertThat(Analysis.of(g).shape("output")).isNull();
    }

    @Test
    void missingInputAndOutputAreDesignWideErrors() {
        Graph g = new TestGraphs().add("d", new Dense(3, true)).build();
        assertThat(described(g)).contains("The design has no Input layer: add one where data enters.",
                "The design has no Output layer: add one after the last layer to say what it predicts.",
                "Dense 'd' needs an input: connect a layer's output to it");
    }

    @Test
    void aCycleIsReportedOnItsNodesOnly() {
        Graph g = new TestGraphs().add("input", new Input(List.of(4))).add("a", new Add()).add("b", new Dense(4, true))
                .add("c", new ReLU()).add("output", new Output(Output.MSE, 4))
                .link("input", "a", 0).link("c", "a", 1).link("a", "b").link("b", "c").link("c", "output").build();
        List<Diagnostic> d = Analysis.of(g).diagnostics();
        assertThat(d).filteredOn(x -> x.message().contains("cycle")).extracting(Diagnostic::nodeId)
                .containsExactlyInAnyOrder("a", "b", "c");
    }

    @Test
    void tooManyInputsOnASingleInputLayer() {
        Graph g = new TestGraphs().add("input", new Input(List.of(4))).add("x", new Input(List.of(4)))
                .add("d", new Dense(2, true)).add("output", new Output(Output.MSE, 2))
                .link("input", "d").link("x", "d", 1).link("d", "output").build();
        assertThat(described(g)).containsExactly(
                "Dense 'd' takes one input but has 2; merge them with an Add or Concat first");
    }

    @Test
    void unreachableAndDeadEndLayersAreWarnings() {
        Graph g = new TestGraphs().add("input", new Input(List.of(4))).add("d", new Dense(2, true))
                .add("output", new Output(Output.MSE, 2)).add("side", new ReLU()).add("orphan", new Dense(3, true))
                .add("after", new ReLU())
                .link("input", "d").link("d", "output").link("input", "side").link("orphan", "after").build();
        Analysis a = Analysis.of(g);
        assertThat(described(g)).contains("ReLU 'side' leads to no Output, so training ignores it",
                "ReLU 'after' is not reachable from any Input, so it never receives data",
                "Dense 'orphan' needs an input: connect a layer's output to it");
        assertThat(a.diagnosticsOf("side")).allMatch(x -> x.severity() == Severity.WARNING);
    }

    @Test
    void outOfBoundsParametersAreErrorsAndStopInference() {
        Graph g = TestGraphs.chain(List.of(4), 2, new Dense(0, true), new Dense(2, true));
        assertThat(described(g)).containsExactly("Dense 'l1' has units must be between 1 and 1048576; got 0");
        assertThat(Analysis.of(g).shape("l2")).isNull();
    }

    @Test
    void addOfDifferentShapesAndOutputWidthMismatch() {
        Graph g = new TestGraphs().add("input", new Input(List.of(8))).add("a", new Dense(4, true))
                .add("b", new Dense(5, true)).add("sum", new Add()).add("output", new Output(Output.SOFTMAX_CROSS_ENTROPY, 3))
                .link("input", "a").link("input", "b").link("a", "sum", 0).link("b", "sum", 1).link("sum", "output")
                .build();
        assertThat(described(g)).containsExactly(
                "Add 'sum' needs inputs of one shape; got (4) from 'a' and (5) from 'b'");
        Graph fixed = g.withNode(g.node("b").withSpec(new Dense(4, true)));
        assertThat(described(fixed)).containsExactly("Output 'output' has 3 classes but its input (4) from 'sum'"
                + " has width 4; set the layer before it to 3 outputs");
    }

    @Test
    void mergeNeedsTwoDistinctPorts() {
        Graph g = new TestGraphs().add("input", new Input(List.of(4))).add("x", new Input(List.of(4)))
                .add("cat", new Concat(0)).add("output", new Output(Output.MSE, 8))
                .link("input", "cat", 0).link("x", "cat", 0).link("cat", "output").build();
        assertThat(described(g)).containsExactly("Concat 'cat' has two connections into input 0");
        Graph one = new TestGraphs().add("input", new Input(List.of(4))).add("cat", new Concat(0))
                .add("output", new Output(Output.MSE, 4)).link("input", "cat").link("cat", "output").build();
        assertThat(described(one)).containsExactly("Concat 'cat' needs at least two inputs to merge; has 1");
    }

    @Test
    void attentionTakesOneInputOrThree() {
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(5, 8))).add("memory", new Input(List.of(6, 8)))
                .add("attention", new MultiHeadAttention(2, 0.0, false, true)).add("flat", new Flatten())
                .add("output", new Output(Output.MSE, 40)).link("input", "attention", 0).link("attention", "flat")
                .link("flat", "output");
        assertThat(described(g.build())).as("self-attention").noneMatch(m -> m.contains("'attention'"));
        assertThat(described(g.link("memory", "attention", 1).build())).containsExactly("MultiHeadAttention"
                + " 'attention' takes one input (attending over itself) or three (query, key and value, in that"
                + " order) but has 2");
        assertThat(described(g.link("memory", "attention", 2).build())).isEmpty();
    }

    @Test
    void duplicateNamesAreErrors() {
        Graph g = Graph.of(List.of(
                new LayerNode("n1", "x", new Input(List.of(2)), Position.ORIGIN),
                new LayerNode("n2", "x", new Output(Output.MSE, 2), Position.ORIGIN)), List.of(new Edge("n1", "n2", 0)));
        assertThat(described(g)).containsExactly(
                "Output 'x' has the same name as another Input; names must be unique, since exports use them");
    }

    @Test
    void analysisOfALongChainIsLinearNotQuadratic() {
        LayerSpec[] layers = new LayerSpec[20_000];
        for (int i = 0; i < layers.length; i++) {
            layers[i] = i % 2 == 0 ? new Dense(8, true) : new ReLU();
        }
        Graph g = TestGraphs.chain(List.of(8), 8, layers);
        Analysis a = Analysis.of(g);
        assertThat(a.diagnostics()).isEmpty();
        assertThat(a.order()).hasSize(20_002);
    }
}
