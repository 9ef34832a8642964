package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.layercanvas.graph.BatchNorm;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.TestGraphs;

class PyTorchModelSourceTest {

    @Test
    void numbersReadBackInPythonAsTheSameValues() {
        assertThat(PyTorchModelSource.number(1e-5)).isEqualTo("0.00001");
        assertThat(PyTorchModelSource.number(1e-8)).isEqualTo("1e-8");
        assertThat(PyTorchModelSource.number(0.9)).isEqualTo("0.9");
        assertThat(PyTorchModelSource.number(2.0)).isEqualTo("2");
        assertThat(PyTorchModelSource.number(0.0)).isEqualTo("0");
    }

    @Test
    void batchNormMomentumBecomesPyTorchsWeightOfTheNewBatch() throws Exception {
        Graph graph = TestGraphs.chain(List.of(4), 2, new BatchNorm(0.9, 1e-5), new Dense(2, true));
        String model = PyTorchModelSource.of("bn", new PyTorchGraph(graph, "bn"), List.of());
        assertThat(model).contains("self.l1 = nn.BatchNorm1d(4, eps=0.00001, momentum=0.1)");
    }

    @Test
    void theClassIsNamedAfterTheDesignAndShadowsNothingModelPyDefines() throws Exception {
        Graph graph = TestGraphs.chain(List.of(4), 2, new Dense(2, true));
        assertThat(new PyTorchGraph(graph, "mnist-mlp").className()).isEqualTo("MnistMlp");
        assertThat(new PyTorchGraph(graph, "add").className()).isEqualTo("AddModel");
        assertThat(new PyTorchGraph(graph, "3 layers").className()).isEqualTo("Layer3Layers");
        assertThat(new PyTorchGraph(graph, "").className()).isEqualTo("Model");
        assertThat(PyTorchModelSource.of("say \"hi\" \\", new PyTorchGraph(graph, "x"), List.of("a\"b")))
                .startsWith("\"\"\"say 'hi' /, as a PyTorch module").contains("CLASS_NAMES = [\"a\\\"b\"]");
    }
}
