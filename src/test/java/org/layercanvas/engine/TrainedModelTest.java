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
    void manySamplesArePredictedInBatchesThatFitMemoryAndAsEachAlone() throws Exception {
        Graph cnn = new DesignCodec().read(Path.of("samples/residual-cnn.json")).graph();
        try (TrainedModel m = TrainedModel.initialized(cnn, 3)) {
            // about 0.8 MiB of activations a 28x28 image: 512 of them held 400 MiB
            assertThat(m.evaluationBatch()).isBetween(16, 64);
            int n = m.evaluationBatch() * 2 + 3;
            float[] x = input(cnn, n);
            float[] all = m.predict(x, n);
            int per = x.length / n;
            int width = all.length / n;
            assertThat(all).hasSize(n * 10);
            for (int i : new int[] {0, m.evaluationBatch(), n - 1}) {
                float[] alone = m.predict(java.util.Arrays.copyOfRange(x, i * per, (i + 1) * per), 1);
                assertThat(alone).containsExactly(java.util.Arrays.copyOfRange(all, i * width, (i + 1) * width),
                        org.assertj.core.data.Offset.offset(1e-5f));
            }
        }
        try (TrainedModel mlp = TrainedModel.initialized(new DesignCodec().read(Path.of("samples/spirals-mlp.json"))
                .graph(), 3)) {
            assertThat(mlp.evaluationBatch()).isEqualTo(512);
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
