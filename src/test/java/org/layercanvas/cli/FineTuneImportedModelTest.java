package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.data.Examples;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * A model trained in PyTorch (an MLP on half of Iris, Debian's python3-torch), exported with
 * {@code torch.onnx.export}, imported, and fine-tuned with {@code train --init} on the other half,
 * which it never saw: its first epoch's loss starts where the imported model's loss on that data is,
 * far below a fresh model's. Skipped where no Python with torch is installed, unless
 * {@code LAYERCANVAS_REQUIRE_PYTHON=1} (CI) says it must be.
 */
@Tag("engine")
class FineTuneImportedModelTest {
    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private final CliRunner cli = new CliRunner();

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void anImportedPyTorchModelFineTunesFromItsOwnLossNotAFreshModels(@TempDir Path dir) throws Exception {
        requireTorch();
        Path script = dir.resolve("iris_torch.py");
        try (InputStream in = FineTuneImportedModelTest.class.getResourceAsStream("iris_torch.py")) {
            Files.copy(in, script);
        }
        String made = python(script.toString(), Path.of("samples/data/iris.csv").toAbsolutePath().toString(),
                dir.toString());
        Path design = dir.resolve("iris-torch.json");
        Path runs = dir.resolve("runs");
        assertThat(cli.run("import", dir.resolve("iris-mlp.onnx").toString(), design.toString(), "--runs",
                runs.toString())).as(cli.err.toString()).isZero();
        RunFolder imported = RunFolder.list(runs).get(0);

        String[] unseen = {"--data", "kind=csv", "--data", "file=" + dir.resolve("unseen.csv"), "--data",
            "label=species", "--epochs", "3"};
        assertThat(cli.run(args(List.of("train", design.toString(), "--init", imported.dir().toString(), "--runs",
                dir.resolve("fine-tuned").toString()), unseen))).as(cli.err.toString()).isZero();
        assertThat(cli.err.toString()).contains("Starting from the weights of " + imported.dir().getFileName());
        assertThat(cli.run(args(List.of("train", design.toString(), "--runs", dir.resolve("fresh").toString()),
                unseen))).as(cli.err.toString()).isZero();

        double importedLoss = importedLossOn(design, imported, dir.resolve("unseen.csv"));
        double fineTuned = firstEpochLoss(dir.resolve("fine-tuned"));
        double fresh = firstEpochLoss(dir.resolve("fresh"));
        String numbers = String.format(java.util.Locale.ROOT, "%s; imported model's loss %.4f, first epoch"
                + " fine-tuned %.4f, fresh %.4f", made.strip(), importedLoss, fineTuned, fresh);
        System.out.println(numbers);
        assertThat(Math.abs(fineTuned - importedLoss)).as(numbers).isLessThan(0.25 * importedLoss + 0.05);
        assertThat(fresh).as(numbers).isGreaterThan(5 * fineTuned).isGreaterThan(0.5);
    }

    /** Returns the imported model's mean cross-entropy on the training split the fine-tuning run trains on. */
    private static double importedLossOn(Path designFile, RunFolder imported, Path csv) throws Exception {
        Design design = new DesignCodec().read(designFile);
        Examples train = DatasetSpec.parse(Map.of("kind", "csv", "file", csv.toString(), "label", "species"),
                csv.getParent()).load(TrainingSettings.DEFAULTS.seed()).train();
        try (TrainedModel model = TrainedModel.load(design.graph(), imported.model())) {
            float[] logits = model.predict(train.features(), train.size());
            int classes = logits.length / train.size();
            double sum = 0;
            for (int i = 0; i < train.size(); i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < classes; c++) {
                    max = Math.max(max, logits[i * classes + c]);
                }
                double exp = 0;
                for (int c = 0; c < classes; c++) {
                    exp += Math.exp(logits[i * classes + c] - max);
                }
                sum += max + Math.log(exp) - logits[i * classes + (int) train.targets()[i]];
            }
            return sum / train.size();
        }
    }

    private static double firstEpochLoss(Path runs) throws Exception {
        return RunFolder.list(runs).get(0).trainingEvents().stream()
                .filter(e -> e instanceof TrainingEvent.EpochEnded).map(e -> (TrainingEvent.EpochEnded) e)
                .findFirst().orElseThrow().trainLoss();
    }

    private static String[] args(List<String> first, String... rest) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(rest));
        return all.toArray(String[]::new);
    }

    private static void requireTorch() throws Exception {
        boolean torch = Files.isExecutable(PYTHON);
        if (torch) {
            Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            torch = p.waitFor() == 0;
        }
        if (!torch) {
            if ("1".equals(System.getenv("LAYERCANVAS_REQUIRE_PYTHON"))) {
                fail("LAYERCANVAS_REQUIRE_PYTHON=1 but " + PYTHON + " cannot import torch");
            }
            assumeTrue(false, "no Python with torch at " + PYTHON);
        }
    }

    /** Runs a Python script and returns what it printed; fails when it does. */
    private static String python(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(PYTHON.toString(), "-B"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        Process p = pb.start();
        // a Python that hangs is killed, which ends the reading too
        CompletableFuture.delayedExecutor(90, TimeUnit.SECONDS).execute(p::destroyForcibly);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out;
    }
}
