package org.layercanvas.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.PreparedRun;
import org.layercanvas.engine.Readiness;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * Trains one design twice, once with {@code train} and once as the window does (a readiness check,
 * then a fresh run from the launcher, then the training service), and checks that the two runs
 * cannot be told apart but by their time.
 */
@Tag("engine")
class OneWayToStartARunTest {
    private final CliRunner cli = new CliRunner();

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void theCommandLineAndTheWindowMakeTheSameRunOfTheSameDesign(@TempDir Path dir) throws Exception {
        // an unnamed design, its data beside it under a relative path: both naming and base-folder rules apply
        Path designs = dir.resolve("designs");
        Files.createDirectories(designs.resolve("data"));
        Files.copy(Path.of("samples/data/iris.csv"), designs.resolve("data/iris.csv"));
        Design iris = new DesignCodec().read(Path.of("samples/iris-mlp.json"));
        Path file = designs.resolve("flowers.json");
        new DesignCodec().write(new Design("", iris.graph(),
                Map.of("kind", "csv", "file", "data/iris.csv", "label", "species"), Map.of("epochs", 2)), file);

        Path cliRuns = dir.resolve("cli-runs");
        assertThat(cli.run("train", file.toString(), "--runs", cliRuns.toString())).as(cli.err.toString()).isZero();

        Path windowRuns = dir.resolve("window-runs");
        RunLauncher launcher = new RunLauncher(windowRuns);
        Design opened = new DesignCodec().read(file);
        Readiness readiness = launcher.readiness(opened, file);
        assertThat(readiness.state()).as(readiness.messages().toString()).isEqualTo(Readiness.State.READY);
        PreparedRun prepared = launcher.prepare(opened, file);
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = new TrainingService(new LayerBlockFactory()).start(prepared.job(), events::add);
        assertThat(run.await(2, TimeUnit.MINUTES)).isInstanceOf(TrainingEvent.Finished.class);

        RunFolder fromCli = RunFolder.list(cliRuns).get(0);
        RunFolder fromWindow = RunFolder.list(windowRuns).get(0);
        assertThat(List.of(fromCli, fromWindow)).allSatisfy(folder ->
                assertThat(folder.dir().getFileName().toString()).matches("\\d{8}-\\d{6}-flowers"));
        assertThat(files(fromWindow)).isEqualTo(files(fromCli)).contains(RunFolder.DESIGN, RunFolder.SETTINGS,
                RunFolder.DATA, RunFolder.METRICS, RunFolder.MODEL, "checkpoints/epoch-0002.params");
        for (String same : List.of(RunFolder.DESIGN, RunFolder.SETTINGS, RunFolder.DATA)) {
            assertThat(fromWindow.dir().resolve(same)).as(same).hasSameBinaryContentAs(fromCli.dir().resolve(same));
        }
        assertThat(fromWindow.data().get("baseDir")).isEqualTo(designs.toAbsolutePath().normalize().toString());
        // the same seed, data and design: the same events but for their times, the same loss at every step
        assertThat(withoutTimes(fromWindow.trainingEvents())).isEqualTo(withoutTimes(fromCli.trainingEvents()))
                .isEqualTo(withoutTimes(events));
    }

    private static List<String> files(RunFolder folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder.dir())) {
            return all.filter(Files::isRegularFile).map(p -> folder.dir().relativize(p).toString()).sorted().toList();
        }
    }

    /** Returns the events with what depends on the clock (elapsed time, speed) left out. */
    private static List<TrainingEvent> withoutTimes(List<TrainingEvent> events) {
        return events.stream().map(OneWayToStartARunTest::withoutTime).toList();
    }

    private static TrainingEvent withoutTime(TrainingEvent e) {
        if (e instanceof TrainingEvent.BatchEnded b) {
            return new TrainingEvent.BatchEnded(b.epoch(), b.step(), b.batch(), b.loss(), b.learningRate(), 0, 0);
        }
        if (e instanceof TrainingEvent.EpochEnded ep) {
            return new TrainingEvent.EpochEnded(ep.epoch(), ep.trainLoss(), ep.trainMetric(), ep.validationLoss(),
                    ep.validationMetric(), 0, ep.bestEpoch());
        }
        if (e instanceof TrainingEvent.Finished f) {
            return new TrainingEvent.Finished(f.epochs(), f.bestEpoch(), f.bestValidationMetric(), f.reason(), 0);
        }
        return e;
    }
}
