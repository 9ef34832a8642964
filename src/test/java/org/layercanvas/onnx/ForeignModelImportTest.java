package org.layercanvas.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.export.ExportReport;
import org.layercanvas.export.OnnxExporter;
import org.layercanvas.export.TrainedRun;
import org.layercanvas.graph.LayerNode;

/**
 * Networks nobody here wrote: an MLP (BatchNorm, GELU and SiLU written out, Dropout), LeNet-5, a
 * residual CNN with BatchNorm folded into its convolutions by PyTorch's eval-mode export, and a 1-D
 * CNN, a bidirectional LSTM classifier, a two-layer GRU, a model with the kinds added for U-Nets and
 * MobileNets, and a sequence model adding a learned position table, built in PyTorch (Debian's python3-torch) and exported with {@code torch.onnx.export} at
 * opsets 13 and 17. Each imports, the design with the imported weights computes PyTorch's outputs
 * on the same inputs within 1e-4, and so does LayerCanvas's own ONNX export of it in ONNX Runtime. Skipped where no Python with torch is installed, unless
 * {@code LAYERCANVAS_REQUIRE_PYTHON=1} (CI) says it must be.
 */
@Tag("engine")
class ForeignModelImportTest {
    private static final double TOLERANCE = 1e-4;
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static final List<String> MODELS = List.of("mlp", "lenet5", "residual-cnn", "conv1d", "lstm", "gru",
            "new-kinds", "positions");
    private static final List<Integer> OPSETS = List.of(13, 17);

    @TempDir
    static Path exported;

    @BeforeAll
    static void exportWithPyTorch() throws Exception {
        boolean required = "1".equals(System.getenv("LAYERCANVAS_REQUIRE_PYTHON"));
        boolean torch = Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import torch").exit == 0;
        if (!torch) {
            if (required) {
                fail("LAYERCANVAS_REQUIRE_PYTHON=1 but " + PYTHON + " cannot import torch");
            }
            assumeTrue(false, "no Python with torch at " + PYTHON);
        }
        Path script = exported.resolve("torch_models.py");
        try (InputStream in = ForeignModelImportTest.class.getResourceAsStream("torch_models.py")) {
            Files.copy(in, script);
        }
        Result r = run(PYTHON.toString(), "-B", script.toString(), exported.toString(),
                String.join(",", OPSETS.stream().map(String::valueOf).toList()));
        assertThat(r.exit).as(r.output).isZero();
    }

    static Stream<Arguments> models() {
        return MODELS.stream().flatMap(m -> OPSETS.stream().map(o -> Arguments.of(m, o)));
    }

    @ParameterizedTest(name = "{0} at opset {1}")
    @MethodSource("models")
    @Timeout(120)
    void aPyTorchModelImportsAndComputesWhatPyTorchComputes(String name, int opset, @TempDir Path dir) throws Exception {
        Path file = exported.resolve(name + "-" + opset + ".onnx");
        ImportedModel imported = OnnxImport.read(file);
        assertThat(imported.design().graph().nodes()).extracting(LayerNode::name)
                .as("layers named after the ONNX nodes").anyMatch(n -> n.startsWith("/"));
        ImportReport report = OnnxImport.write(imported, dir.resolve(name + ".json"), dir.resolve("runs"), false);
        assertThat(report.maxDifference()).as("against ONNX Runtime").isLessThanOrEqualTo(TOLERANCE);

        int[] shape = Arrays.stream(Files.readString(exported.resolve(name + ".shape")).strip().split(","))
                .mapToInt(Integer::parseInt).toArray();
        float[] x = floats(exported.resolve(name + ".input.f32"));
        float[] expected = floats(exported.resolve(name + ".output.f32"));
        try (TrainedModel model = TrainedModel.load(imported.design().graph(), report.run().resolve(RunFolder.MODEL))) {
            float[] actual = model.predict(x, shape[0]);
            assertThat(actual).hasSameSizeAs(expected);
            double diff = 0;
            for (int i = 0; i < actual.length; i++) {
                diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
            }
            assertThat(diff).as("largest difference from PyTorch").isLessThanOrEqualTo(TOLERANCE);
        }

        // and LayerCanvas's own export of what it imported computes PyTorch's outputs in ONNX Runtime
        Path again = dir.resolve(name + "-again.onnx");
        ExportReport exported = new OnnxExporter().export(TrainedRun.open(report.run()), again);
        assertThat(exported.maxDifference()).as("the re-export's own check").isLessThanOrEqualTo(TOLERANCE);
        float[] reexported = onnxRuntime(again, x, shape);
        assertThat(reexported).hasSameSizeAs(expected);
        for (int i = 0; i < expected.length; i++) {
            assertThat((double) Math.abs(reexported[i] - expected[i])).as("re-exported output %d", i)
                    .isLessThanOrEqualTo(TOLERANCE);
        }
    }

    /** PyTorch's own nn.MultiheadAttention is not imported yet: refused by node, saying what it is and what to do. */
    @org.junit.jupiter.api.Test
    @Timeout(60)
    void pyTorchsOwnAttentionIsRefusedSayingWhy() {
        Path file = exported.resolve("attention-17.onnx");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> OnnxImport.read(file))
                .isInstanceOf(OnnxImportException.class)
                .hasMessageContaining("node '/attn/Transpose': Transpose [1, 0, 2] moves the batch axis")
                .hasMessageContaining("nn.MultiheadAttention");
    }

    /** Runs an ONNX file in ONNX Runtime on a batch of the given shape and returns its one output, flat. */
    private static float[] onnxRuntime(Path file, float[] x, int[] shape) throws Exception {
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        long[] dims = Arrays.stream(shape).asLongStream().toArray();
        try (OrtSession session = env.createSession(file.toString());
                OnnxTensor input = OnnxTensor.createTensor(env, java.nio.FloatBuffer.wrap(x), dims);
                OrtSession.Result result = session.run(Map.of(session.getInputNames().iterator().next(), input))) {
            java.nio.FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    private static float[] floats(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        float[] f = new float[b.remaining() / 4];
        b.asFloatBuffer().get(f);
        return f;
    }

    private record Result(int exit, String output) {
    }

    private static Result run(String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        // a Python that hangs is killed, which ends the reading too
        java.util.concurrent.CompletableFuture.delayedExecutor(300, TimeUnit.SECONDS).execute(p::destroyForcibly);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }
}
