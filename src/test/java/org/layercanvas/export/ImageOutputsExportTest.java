package org.layercanvas.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Conv2d;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;
import org.layercanvas.io.DesignCodec;

/**
 * Designs whose Output predicts per pixel (segmentation) or a whole image (autoencoder) export to
 * ONNX and PyTorch with the same outputs as DJL, and the exported train.py trains them with the
 * matching loss, targets and metric.
 */
@Tag("engine")
class ImageOutputsExportTest {
    private static final Pattern LAST_EPOCH = Pattern.compile("epoch 2/2 .* val_(accuracy|mse) (\\S+)");

    /** Input (3,12,12) → conv 3×3 same → ReLU → conv 1×1 → the task's Output, trained on generated shapes. */
    private static Path design(Path dir, String task) throws Exception {
        boolean segment = task.equals("segment");
        int channels = segment ? 4 : 3;
        Graph graph = new TestGraphs().add("image", new Input(List.of(3, 12, 12)))
                .add("enc", new Conv2d(8, List.of(3, 3), List.of(1, 1), "same", List.of(1, 1), 1, true))
                .add("act", new ReLU())
                .add("dec", new Conv2d(channels, List.of(1, 1), List.of(1, 1), "valid", List.of(1, 1), 1, true))
                .add("out", new Output(segment ? Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION : Output.MSE_PER_POSITION,
                        channels))
                .link("image", "enc").link("enc", "act").link("act", "dec").link("dec", "out").build();
        Path file = dir.resolve(task + ".json");
        Files.write(file, new DesignCodec().toBytes(new Design(task, graph, Map.of("kind", "shapes", "task", task,
                "size", 12, "count", 60), Map.of("learningRate", 0.01, "batchSize", 16))));
        return file;
    }

    private static TrainedRun untrainedRun(Path designFile, Path runs) throws Exception {
        Design design = new DesignCodec().read(designFile);
        TrainingSettings settings = TrainingSettings.fromMap(design.training());
        Path baseDir = designFile.toAbsolutePath().getParent();
        DataSplits splits = DatasetSpec.parse(design.dataset(), baseDir).load(settings.seed());
        RunFolder folder = RunFolder.create(runs, design.name(), new DesignCodec().toBytes(design), settings,
                RunFolder.describeData(splits, design.dataset(), baseDir), LocalDateTime.now());
        try (TrainedModel model = TrainedModel.initialized(design.graph(), 1)) {
            model.save(folder.model());
        }
        return TrainedRun.open(folder.dir());
    }

    @ParameterizedTest
    @ValueSource(strings = {"segment", "reconstruct"})
    void anImageShapedOutputRunsInOnnxRuntimeAsInDjl(String task, @TempDir Path dir) throws Exception {
        TrainedRun run = untrainedRun(design(dir, task), dir.resolve("runs"));

        ExportReport report = new OnnxExporter().export(run, dir.resolve("model.onnx"));

        assertThat(report.maxDifference()).isLessThanOrEqualTo(1e-4);
        OnnxExportTest.checkWithPythonOnnx(dir.resolve("model.onnx"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"segment", "reconstruct"})
    void theExportedScriptTrainsAnImageShapedOutputWithItsLossAndMetric(String task, @TempDir Path dir)
            throws Exception {
        TorchPython python = PythonAvailability.require();
        Path out = dir.resolve("export");
        ExportReport report = new PyTorchExporter().export(untrainedRun(design(dir, task), dir.resolve("runs")), out);

        String log = python.run(out, Duration.ofSeconds(120), "train.py", "--epochs", "2", "--out",
                dir.resolve("trained.pt").toString());

        assertThat(report.maxDifference()).isLessThanOrEqualTo(1e-4);
        String loss = task.equals("segment") ? Output.SOFTMAX_CROSS_ENTROPY_PER_POSITION : Output.MSE_PER_POSITION;
        assertThat(Files.readString(out.resolve(PyTorchExporter.TRAIN))).contains("LOSS = \"" + loss + "\"");
        Matcher last = LAST_EPOCH.matcher(log);
        assertThat(last.find()).as(log).isTrue();
        assertThat(last.group(1)).isEqualTo(task.equals("segment") ? "accuracy" : "mse");
        double metric = Double.parseDouble(last.group(2));
        // a share of pixels right, or a squared error of values in 0-1
        assertThat(metric).as(log).isBetween(0.0, 1.0);
        assertThat(dir.resolve("trained.pt")).isRegularFile();
    }
}
