package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.engine.Evaluation;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * Trains every sample design on its own sample data through the command line and checks that it
 * learned; then resumes, lists, exports and predicts as a person would.
 */
@Tag("engine")
class TrainCommandTest {
    private final CliRunner cli = new CliRunner();
    private final java.io.StringWriter out = cli.out;
    private final java.io.StringWriter err = cli.err;

    private int run(String... args) {
        return cli.run(args);
    }

    static Stream<Arguments> samples() {
        return Stream.of(
                Arguments.of("spirals-mlp", 0.95, false),
                Arguments.of("iris-mlp", 0.90, false),
                Arguments.of("mnist-mlp", 0.90, true),
                Arguments.of("lenet5", 0.95, true),
                Arguments.of("residual-cnn", 0.90, true),
                Arguments.of("inception-cnn", 0.85, true),
                Arguments.of("sequence-lstm", 0.90, false),
                Arguments.of("gated-mlp", 0.95, false),
                Arguments.of("transformer-classifier", 0.95, false),
                Arguments.of("mobilenet", 0.85, false));
    }

    /** The samples that predict at every pixel: U-Net segments its shapes, the autoencoder reconstructs them. */
    static Stream<Arguments> perPositionSamples() {
        return Stream.of(
                Arguments.of("unet", 0.95),
                Arguments.of("conv-autoencoder", 0.025));
    }

    @ParameterizedTest(name = "{0} reaches {1}")
    @MethodSource("samples")
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everySampleLearnsItsSampleData(String sample, double accuracy, boolean onHeldOutDigits, @TempDir Path runs)
            throws Exception {
        assertThat(run("train", "samples/" + sample + ".json", "--runs", runs.toString())).as(err.toString()).isZero();
        RunFolder folder = RunFolder.list(runs).get(0);
        TrainingEvent.EpochEnded lastEpoch = folder.trainingEvents().stream()
                .filter(e -> e instanceof TrainingEvent.EpochEnded).map(e -> (TrainingEvent.EpochEnded) e)
                .reduce((a, b) -> b).orElseThrow();
        if (onHeldOutDigits) {
            Design design = new DesignCodec().read(Path.of("samples", sample + ".json"));
            DataSplits data = DatasetSpec.parse(design.dataset(), Path.of("samples")).load(42);
            try (TrainedModel model = TrainedModel.load(design.graph(), folder.model())) {
                assertThat(Evaluation.of(model, data.test()).accuracy()).as("held-out accuracy").isGreaterThanOrEqualTo(accuracy);
            }
            assertThat(out.toString()).contains("Test set (2,000 held-out samples): accuracy");
        } else {
            assertThat(lastEpoch.validationMetric()).as("validation accuracy").isGreaterThanOrEqualTo(accuracy);
        }
        assertThat(out.toString()).contains("Finished (completed)").contains("Run folder: " + folder.dir());
    }

    /**
     * Holds a per-position sample to a level and to what a network that learned nothing gets: a
     * segmentation beats calling every pixel background, a reconstruction beats predicting the
     * mean value everywhere (the input's variance).
     */
    @ParameterizedTest(name = "{0} reaches {1}")
    @MethodSource("perPositionSamples")
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void everyPerPositionSampleBeatsItsBaseline(String sample, double level, @TempDir Path runs) throws Exception {
        assertThat(run("train", "samples/" + sample + ".json", "--runs", runs.toString())).as(err.toString()).isZero();
        RunFolder folder = RunFolder.list(runs).get(0);
        TrainingEvent.EpochEnded lastEpoch = folder.trainingEvents().stream()
                .filter(e -> e instanceof TrainingEvent.EpochEnded).map(e -> (TrainingEvent.EpochEnded) e)
                .reduce((a, b) -> b).orElseThrow();
        Design design = new DesignCodec().read(Path.of("samples", sample + ".json"));
        Examples validation = DatasetSpec.parse(design.dataset(), Path.of("samples")).load(42).validation();
        double metric = lastEpoch.validationMetric();
        if (design.dataset().get("task").equals("segment")) {
            int[] counts = validation.classCounts();
            double background = (double) counts[0] / Arrays.stream(counts).sum();
            assertThat(metric).as("per-pixel accuracy against the background share %.3f", background)
                    .isGreaterThan(background + 0.05).isGreaterThanOrEqualTo(level);
        } else {
            double variance = variance(validation.features());
            assertThat(metric).as("mse against the input's variance %.4f", variance)
                    .isLessThan(variance / 2).isLessThanOrEqualTo(level);
        }
        assertThat(out.toString()).contains("Finished (completed)");
    }

    /** Returns the variance of the values about their one mean: the mse of predicting that mean everywhere. */
    private static double variance(float[] values) {
        double sum = 0;
        double squares = 0;
        for (float v : values) {
            sum += v;
            squares += (double) v * v;
        }
        return squares / values.length - (sum / values.length) * (sum / values.length);
    }

    @Test
    void aStoppedRunResumesListsExportsAndPredicts(@TempDir Path dir) throws Exception {
        Path runs = dir.resolve("runs");
        assertThat(run("train", "samples/iris-mlp.json", "--runs", runs.toString(), "--epochs", "20")).isZero();
        RunFolder folder = RunFolder.list(runs).get(0);
        // as if it had crashed after epoch 12: later checkpoints and the final weights are gone
        for (int e = 13; e <= 20; e++) {
            Files.delete(folder.checkpoint(e));
        }
        Files.delete(folder.model());
        out.getBuffer().setLength(0);
        assertThat(run("train", "--resume", folder.dir().toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("epochs 13 to 20").contains("Finished (completed)");

        out.getBuffer().setLength(0);
        assertThat(run("runs", runs.toString())).isZero();
        assertThat(out.toString()).contains("iris-mlp").contains("20/20").contains("finished (completed)");

        Path exported = dir.resolve("iris-model");
        out.getBuffer().setLength(0);
        assertThat(run("export", "--format", "djl", folder.dir().toString(), exported.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Verified with DJL Model.load: largest difference from the trained model 0");
        assertThat(exported.resolve("model-0000.params")).exists();
        JsonNode meta = new ObjectMapper().readTree(exported.resolve("metadata.json").toFile());
        assertThat(meta.get("data").get("classNames").toString()).isEqualTo("[\"setosa\",\"versicolor\",\"virginica\"]");

        Path flowers = dir.resolve("flowers.csv");
        Files.writeString(flowers, "sepal_length,sepal_width,petal_length,petal_width\n5.1,3.5,1.4,0.2\n6.7,3.0,5.2,2.3\n");
        out.getBuffer().setLength(0);
        assertThat(run("predict", exported.toString(), flowers.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("row 1: setosa").contains("row 2: virginica");

        Path onnx = dir.resolve("iris.onnx");
        out.getBuffer().setLength(0);
        assertThat(run("export", "--format", "onnx", folder.dir().toString(), onnx.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("Verified with ONNX Runtime");
        assertThat(onnx).isRegularFile();
        Path torch = dir.resolve("iris-torch");
        out.getBuffer().setLength(0);
        assertThat(run("export", "--format", "pytorch", folder.dir().toString(), torch.toString())).as(err.toString())
                .isZero();
        if (torchHere()) {
            Matcher verified = Pattern.compile("Verified with PyTorch .*: largest difference from the trained model (\\S+)")
                    .matcher(out.toString());
            assertThat(verified.find()).as(out.toString()).isTrue();
            assertThat(Double.parseDouble(verified.group(1))).isLessThanOrEqualTo(1e-4);
        } else {
            assertThat(out.toString()).contains("not verified: no Python with torch found");
        }
        assertThat(torch.resolve("model.py")).content().contains("class IrisMlp(nn.Module):")
                .contains("self.hidden = nn.Linear(4, 16").contains("self.logits = nn.Linear(16, 3");
        assertThat(dir.toFile().list()).as("no staging files left").allMatch(name -> !name.startsWith("."));
    }

    /** Returns whether the Python the PyTorch export verifies with is here and imports torch. */
    private static boolean torchHere() throws Exception {
        String named = System.getenv("LAYERCANVAS_PYTHON");
        Path python = Path.of(named != null && !named.isBlank() ? named : "/usr/bin/python3");
        if (!Files.isExecutable(python)) {
            return false;
        }
        Process p = new ProcessBuilder(python.toString(), "-c", "import torch")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    }

    @Test
    void aMismatchNamesTheDesignAndTheData(@TempDir Path dir) throws Exception {
        Design lenet = new DesignCodec().read(Path.of("samples/lenet5.json"));
        Path file = dir.resolve("lenet-on-iris.json");
        new DesignCodec().write(new Design("lenet-on-iris", lenet.graph(),
                Map.of("kind", "csv", "file", Path.of("samples/data/iris.csv").toAbsolutePath().toString(),
                        "label", "species"), lenet.training()), file);
        assertThat(run("train", file.toString(), "--runs", dir.resolve("runs").toString())).isEqualTo(1);
        assertThat(err.toString()).contains("The data (iris.csv: 150 samples")
                .contains(") does not fit the design:\n  design input 'image' is (1,28,28) but iris.csv gives (4)");
        assertThat(dir.resolve("runs")).doesNotExist();
    }

    @Test
    void aRunSaysWhereItTrainedAndAGpuThatIsNotThereIsRefusedBeforeAnythingIsWritten(@TempDir Path dir)
            throws Exception {
        Path runs = dir.resolve("runs");
        assertThat(run("train", "samples/iris-mlp.json", "--runs", runs.toString(), "--device", "gpu")).isEqualTo(1);
        assertThat(err.toString()).contains("training.device: gpu, but no GPU can be used (the PyTorch library in use"
                + " is the CPU build bundled with LayerCanvas); set the device to auto or cpu");
        assertThat(runs).doesNotExist();

        assertThat(run("train", "samples/iris-mlp.json", "--runs", runs.toString(), "--epochs", "1",
                "--device", "auto")).isZero();
        assertThat(out.toString()).contains("epochs 1 to 1, on cpu (oneDNN " + System.getenv("ONEDNN_MAX_CPU_ISA"));
        RunFolder folder = RunFolder.list(runs).get(0);
        TrainingEvent.Started started = (TrainingEvent.Started) folder.trainingEvents().get(0);
        assertThat(started.device()).isEqualTo("cpu");
        assertThat(started.kernels()).isEqualTo("oneDNN " + System.getenv("ONEDNN_MAX_CPU_ISA"));
        assertThat(folder.settings().device()).isEqualTo("auto");
    }

    @Test
    void jsonModePrintsOneEventPerLine(@TempDir Path runs) throws Exception {
        assertThat(run("train", "samples/iris-mlp.json", "--runs", runs.toString(), "--epochs", "2", "--json")).isZero();
        List<String> lines = out.toString().lines().toList();
        ObjectMapper mapper = new ObjectMapper();
        assertThat(mapper.readTree(lines.get(0)).get("type").asText()).isEqualTo("started");
        assertThat(mapper.readTree(lines.get(lines.size() - 1)).get("type").asText()).isEqualTo("finished");
        assertThat(lines).allSatisfy(l -> assertThat(mapper.readTree(l).has("type")).isTrue());
        // the same lines as the run folder keeps
        RunFolder folder = RunFolder.list(runs).get(0);
        assertThat(lines).isEqualTo(Files.readAllLines(folder.dir().resolve(RunFolder.METRICS)));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void ctrlCStopsAfterTheCurrentBatchAndLeavesAResumableRun(@TempDir Path runs) throws Exception {
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.layercanvas.Main",
                "train", "samples/mnist-mlp.json", "--runs", runs.toString(), "--epochs", "50")
                .redirectErrorStream(true).redirectOutput(runs.resolveSibling("train.log").toFile()).start();
        try {
            stopAndResume(p, runs);
        } finally {
            // a failed check must not leave it training 50 epochs beside the next tests
            p.destroyForcibly();
        }
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void aRunKilledWithSigkillResumesToTheWeightsAndLossesOfAnUninterruptedRun(@TempDir Path dir) throws Exception {
        Path whole = dir.resolve("whole");
        assertThat(run("train", "samples/iris-mlp.json", "--runs", whole.toString(), "--epochs", "300"))
                .as(err.toString()).isZero();
        RunFolder uninterrupted = RunFolder.list(whole).get(0);

        Path runs = dir.resolve("killed");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.layercanvas.Main",
                "train", "samples/iris-mlp.json", "--runs", runs.toString(), "--epochs", "300")
                .redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile()).start();
        RunFolder folder = null;
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (folder == null && System.nanoTime() < deadline) {
                List<RunFolder> list = RunFolder.list(runs);
                if (!list.isEmpty() && list.get(0).lastCheckpointEpoch().orElse(0) >= 3) {
                    folder = list.get(0);
                }
                Thread.sleep(5);
            }
        } finally {
            // SIGKILL: no shutdown hook runs, nothing is flushed or saved at the stop
            p.destroyForcibly();
            p.waitFor(30, TimeUnit.SECONDS);
        }
        assertThat(folder).as("training checkpointed").isNotNull();
        List<TrainingEvent> beforeKill = folder.trainingEvents();
        assertThat(beforeKill).as("killed before it finished").noneMatch(e -> e instanceof TrainingEvent.Finished
                || e instanceof TrainingEvent.Stopped);
        assertThat(folder.model()).doesNotExist();

        assertThat(run("train", "--resume", folder.dir().toString())).as(err.toString()).isZero();
        assertThat(err.toString()).as("no warning that the optimizer restarts").doesNotContain("Warning");
        // every line of the log is an event, though the kill may have cut one
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(folder.dir().resolve(RunFolder.METRICS))) {
            assertThat(json.readTree(line).has("type")).as(line).isTrue();
        }
        // the epochs trained again after the last checkpoint count as trained the last time
        assertThat(lossesByStep(folder.trainingEvents())).isEqualTo(lossesByStep(uninterrupted.trainingEvents()))
                .hasSize(300 * 8);
        assertThat(epochsByNumber(folder.trainingEvents())).isEqualTo(epochsByNumber(uninterrupted.trainingEvents()))
                .hasSize(300);
        assertThat(Files.readAllBytes(folder.model())).as("the final weights")
                .isEqualTo(Files.readAllBytes(uninterrupted.model()));
        assertThat(folder.summary().bestValidationMetric()).isEqualTo(uninterrupted.summary().bestValidationMetric());
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void killingTheLauncherWithSigkillStopsTheTrainingItStartedAndLeavesItResumable(@TempDir Path dir)
            throws Exception {
        Path runs = dir.resolve("runs");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"), "org.layercanvas.Main",
                "train", "samples/iris-mlp.json", "--runs", runs.toString(), "--epochs", "100000")
                .redirectErrorStream(true).redirectOutput(dir.resolve("train.log").toFile());
        // without it Main starts a second JVM to train in, as it does for a person who set nothing
        builder.environment().remove("GLIBC_TUNABLES");
        Process launcher = builder.start();
        ProcessHandle trainer = null;
        try {
            RunFolder folder = null;
            long deadline = System.nanoTime() + 90_000_000_000L;
            while (folder == null && System.nanoTime() < deadline) {
                List<RunFolder> list = RunFolder.list(runs);
                if (!list.isEmpty() && list.get(0).lastCheckpointEpoch().orElse(0) >= 2) {
                    folder = list.get(0);
                }
                Thread.sleep(20);
            }
            assertThat(folder).as("training checkpointed").isNotNull();
            trainer = launcher.toHandle().children().findFirst().orElseThrow();
            launcher.destroyForcibly();
            launcher.waitFor();
            assertThat(trainer.onExit().get(60, TimeUnit.SECONDS).isAlive()).as("the trainer ends with it").isFalse();
            List<TrainingEvent> events = folder.trainingEvents();
            assertThat(events).last().isInstanceOf(TrainingEvent.Stopped.class);
            assertThat(((TrainingEvent.Stopped) events.get(events.size() - 1)).checkpoint())
                    .isEqualTo("checkpoints/stopped.params");
        } finally {
            launcher.destroyForcibly();
            if (trainer != null) {
                trainer.destroyForcibly();
            }
        }
    }

    private static Map<Integer, Double> lossesByStep(List<TrainingEvent> events) {
        Map<Integer, Double> losses = new java.util.TreeMap<>();
        events.stream().filter(e -> e instanceof TrainingEvent.BatchEnded).map(e -> (TrainingEvent.BatchEnded) e)
                .forEach(b -> losses.put(b.step(), b.loss()));
        return losses;
    }

    private static Map<Integer, List<Double>> epochsByNumber(List<TrainingEvent> events) {
        Map<Integer, List<Double>> epochs = new java.util.TreeMap<>();
        events.stream().filter(e -> e instanceof TrainingEvent.EpochEnded).map(e -> (TrainingEvent.EpochEnded) e)
                .forEach(e -> epochs.put(e.epoch(), List.of(e.trainLoss(), e.trainMetric(), e.validationLoss(),
                        e.validationMetric())));
        return epochs;
    }

    private void stopAndResume(Process p, Path runs) throws Exception {
        RunFolder folder = null;
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.nanoTime() < deadline) {
            List<RunFolder> list = RunFolder.list(runs);
            if (!list.isEmpty() && list.get(0).trainingEvents().stream()
                    .filter(e -> e instanceof TrainingEvent.BatchEnded).count() > 20) {
                folder = list.get(0);
                break;
            }
            Thread.sleep(100);
        }
        assertThat(folder).as("training started").isNotNull();
        new ProcessBuilder("kill", "-INT", Long.toString(p.pid())).start().waitFor();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        List<TrainingEvent> events = folder.trainingEvents();
        assertThat(events).last().isInstanceOf(TrainingEvent.Stopped.class);
        TrainingEvent.Stopped last = (TrainingEvent.Stopped) events.get(events.size() - 1);
        assertThat(last.checkpoint()).isEqualTo("checkpoints/stopped.params");
        assertThat(folder.stopCheckpoint()).exists();

        // the stopped epoch is trained again from the weights saved at the stop
        int stoppedIn = last.epoch();
        assertThat(run("train", "--resume", folder.dir().toString(), "--epochs", Integer.toString(stoppedIn)))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("epochs " + stoppedIn + " to " + stoppedIn).contains("Finished (completed)");
    }
}
