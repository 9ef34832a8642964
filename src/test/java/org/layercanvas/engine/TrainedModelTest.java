package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.TestGraphs;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;

@Tag("engine")
class TrainedModelTest {

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void savedWeightsReloadIntoAFreshlyCompiledBlockWithBitIdenticalOutputs(Path sample, @TempDir Path dir)
            throws Exception {
        Graph graph = new DesignCodec().read(sample).graph();
        Path params = dir.resolve("w.params");
        float[] x = input(graph, 4);
        float[] before;
        try (TrainedModel m = TrainedModel.initialized(graph, 3)) {
            before = m.predict(x, 4);
            m.save(params);
        }
        try (TrainedModel again = TrainedModel.load(graph, params)) {
            assertThat(again.predict(x, 4)).containsExactly(before);
        }
        try (TrainedModel other = TrainedModel.initialized(graph, 4)) {
            assertThat(other.predict(x, 4)).isNotEqualTo(before);
        }
    }

    @Test
    void weightsOfAnotherDesignAreRefused(@TempDir Path dir) throws Exception {
        Path params = dir.resolve("w.params");
        try (TrainedModel m = TrainedModel.initialized(TestGraphs.chain(List.of(4), 3, new Dense(3, true)), 1)) {
            m.save(params);
        }
        Graph wider = TestGraphs.chain(List.of(4), 5, new Dense(5, true));
        assertThatThrownBy(() -> TrainedModel.load(wider, params)).hasMessageContaining("does not hold weights of this design");
    }

    /** Random features for the design's Input; token ids for designs that start with an Embedding. */
    static float[] input(Graph graph, int n) {
        Input in = (Input) graph.nodes().stream().map(LayerNode::spec).filter(s -> s instanceof Input).findFirst()
                .orElseThrow();
        int size = in.shape().stream().mapToInt(Integer::intValue).reduce(1, (a, b) -> a * b);
        Random r = new Random(11);
        float[] x = new float[n * size];
        boolean tokens = graph.nodes().stream().anyMatch(node -> node.spec() instanceof org.layercanvas.graph.Embedding);
        for (int i = 0; i < x.length; i++) {
            x[i] = tokens ? r.nextInt(16) : (float) r.nextGaussian();
        }
        return x;
    }
}
