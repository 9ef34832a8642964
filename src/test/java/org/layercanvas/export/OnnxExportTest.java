package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerCases;
import org.layercanvas.graph.SingleLayerDesigns;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.Samples;

/**
 * Exports every layer case and every sample design to ONNX, runs the file in ONNX Runtime on the
 * probe inputs, and checks the outputs against DJL's; where Debian's python3-onnx is installed, its
 * checker must accept every file too.
 */
class OnnxExportTest {
    private static final double TOLERANCE = 1e-4;
    private static final Path PYTHON = Path.of("/usr/bin/python3");

    static Stream<LayerCases.Case> layerCases() {
        return LayerCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("layerCases")
    void everyLayerKindRunsInOnnxRuntimeAsInDjl(LayerCases.Case c, @TempDir Path dir) throws Exception {
        Design design = SingleLayerDesigns.of(c);
        assertThat(exportInitialized(design, dir.resolve("layer.onnx"))).isLessThanOrEqualTo(TOLERANCE);
        checkWithPythonOnnx(dir.resolve("layer.onnx"));
    }

    static List<Path> samples() {
        return Samples.designs();
    }

    @ParameterizedTest
    @MethodSource("samples")
    void everySampleRunsInOnnxRuntimeAsInDjl(Path sample, @TempDir Path dir) throws Exception {
        Design design = new DesignCodec().read(sample);
        Path file = dir.resolve("model.onnx");
        assertThat(exportInitialized(design, file)).isLessThanOrEqualTo(TOLERANCE);
        List<String> nodeNames = checkWithPythonOnnx(file);
        if (!nodeNames.isEmpty()) {
            // every operator is named after the layer it comes from (inside a block, by its path)
            Graph layers = Exporter.expanded(design.graph());
            ExportNames names = ExportNames.of(layers);
            assertThat(nodeNames).allSatisfy(n -> assertThat(layers.nodes().stream()
                    .flatMap(node -> Stream.of(names.of(node.id()), node.name()))
                    .anyMatch(name -> n.equals(name) || n.startsWith(name + "/")))
                    .as(n).isTrue());
        }
        try (OrtSession session = OrtEnvironment.getEnvironment().createSession(file.toString())) {
            assertThat(session.getInputInfo().values().iterator().next().getInfo().toString())
                    .as("a symbolic batch axis").contains("batch");
        }
    }

    @Test
    void aDesignTheFormatCannotExpressIsRefusedByNodeAndNothingIsWritten(@TempDir Path dir) {
        Graph twoInputs = Graph.of(List.of(new LayerNode("a", "left eye", new Input(List.of(3)), new Position(0, 0)),
                new LayerNode("b", "right eye", new Input(List.of(3)), new Position(0, 0)),
                new LayerNode("s", "sum", new org.layercanvas.graph.Add(), new Position(0, 0)),
                new LayerNode("o", "out", new org.layercanvas.graph.Output("mse", 3), new Position(0, 0))),
                List.of(new Edge("a", "s", 0), new Edge("b", "s", 1), new Edge("s", "o", 0)));
        TrainedRun run = new TrainedRun(null, Design.of("two inputs", twoInputs), dir.resolve("none.params"), Map.of());
        Path out = dir.resolve("model.onnx");
        assertThatThrownBy(() -> new OnnxExporter().export(run, out)).isInstanceOf(ExportException.class)
                .hasMessageContaining("'left eye'").hasMessageContaining("'right eye'")
                .hasMessageContaining("takes exactly one");
        assertThat(out).doesNotExist();
        assertThat(dir.toFile().list()).isEmpty();
    }

    private static double exportInitialized(Design design, Path file) throws IOException {
        try (TrainedModel model = TrainedModel.initialized(design.graph(), 11)) {
            return new OnnxExporter().write(design, model, file, Map.of("layercanvas.design", design.name()));
        }
    }

    /** Runs python3-onnx's full checker on the file and returns its operator names; empty when not installed. */
    static List<String> checkWithPythonOnnx(Path file) throws Exception {
        boolean required = "1".equals(System.getenv("LAYERCANVAS_REQUIRE_PYTHON"));
        if (!Files.isExecutable(PYTHON)) {
            Assumptions.assumeFalse(required, "python3 is required but missing");
            return List.of();
        }
        Process p = new ProcessBuilder(PYTHON.toString(), "-c", """
                import sys
                try:
                    import onnx
                except ImportError:
                    sys.exit(3)
                m = onnx.load(sys.argv[1])
                onnx.checker.check_model(m, full_check=True)
                print("\\n".join(n.name for n in m.graph.node))
                """, file.toString()).redirectErrorStream(true).start();
        // reading its output ends when it exits; one that hangs is killed, which ends the reading too
        java.util.concurrent.CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(p::destroyForcibly);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        if (p.exitValue() == 3) {
            assertThat(required).as("python3-onnx is required (LAYERCANVAS_REQUIRE_PYTHON=1) but missing").isFalse();
            return List.of();
        }
        assertThat(p.exitValue()).as("onnx.checker says:\n" + out).isZero();
        return out.lines().filter(l -> !l.isBlank()).toList();
    }
}
