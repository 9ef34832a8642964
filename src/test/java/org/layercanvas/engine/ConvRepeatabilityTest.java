package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.Conv1d;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.TestGraphs;

/**
 * The same weights on the same input give the same finite outputs, call after call: oneDNN's AVX2
 * kernels gave NaN and new values on every call for this Conv1d (the SSE4.1 ones do not).
 */
class ConvRepeatabilityTest {

    @Test
    void aConv1dOverTwentyEightChannelsIsFiniteAndRepeatable() {
        Graph graph = TestGraphs.chain(List.of(28, 28), 224, new Conv1d(8, 3, 1, "1", 1, 1, true), new Flatten());
        float[] x = new float[4 * 28 * 28];
        java.util.Random r = new java.util.Random(3);
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        try (TrainedModel model = TrainedModel.initialized(graph, 5)) {
            float[] first = model.predict(x, 4);
            for (int call = 0; call < 20; call++) {
                float[] again = model.predict(x, 4);
                assertThat(again).as("call %d", call).containsExactly(first);
            }
            for (float v : first) {
                assertThat(Float.isFinite(v)).isTrue();
            }
        }
    }
}
