package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.Readiness.Cause;
import org.layercanvas.engine.Readiness.Problem;
import org.layercanvas.engine.Readiness.State;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Flatten;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;
import org.layercanvas.io.DesignCodec;

/** Prepares runs without training them: nothing here loads the native engine. */
class RunLauncherTest {
    private static final Clock NINE_THIRTY = Clock.fixed(
            LocalDateTime.of(2026, 12, 1, 9, 30, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
    private static final Graph IRIS_MLP = TestGraphs.chain(List.of(4), 3, new Dense(8, true), new ReLU(),
            new Dense(3, true));
    private static final Map<String, Object> IRIS = Map.of("kind", "csv", "file", "data/iris.csv", "label", "species");

    @TempDir
    Path dir;
    private Path designs;
    private Path file;
    private Path runs;
    private RunLauncher launcher;

    @BeforeEach
    void copyIrisBesideADesignFile() throws IOException {
        designs = dir.resolve("designs");
        Files.createDirectories(designs.resolve("data"));
        Files.copy(Path.of("samples/data/iris.csv"), designs.resolve("data/iris.csv"));
        file = designs.resolve("flowers.json");
        runs = dir.resolve("runs");
        launcher = new RunLauncher(runs, NINE_THIRTY);
    }

    private static Design design(Graph graph, Map<String, Object> dataset, Map<String, Object> training) {
        return new Design("", graph, dataset, training);
    }

    @Test
    void aRunIsNamedAfterTheDesignElseItsFileElseUntitled() {
        Design named = new Design("iris mlp", IRIS_MLP, IRIS, Map.of());
        assertThat(RunLauncher.runName(named, file)).isEqualTo("iris mlp");
        assertThat(RunLauncher.runName(design(IRIS_MLP, IRIS, Map.of()), file)).isEqualTo("flowers");
        assertThat(RunLauncher.runName(design(IRIS_MLP, IRIS, Map.of()), null)).isEqualTo("untitled");
        assertThat(RunLauncher.runName(design(IRIS_MLP, IRIS, Map.of()), Path.of("designs/.json"))).isEqualTo(".json");
    }

    @Test
    void aDesignsRunsGoNextToItUnlessItIsUnsavedOrItsFolderCannotBeWritten() throws Exception {
        Path fallback = dir.resolve("user-runs");
        var rule = RunLauncher.nextToDesign(fallback);
        assertThat(rule.apply(file)).isEqualTo(designs.toAbsolutePath().resolve("runs"));
        assertThat(rule.apply(null)).isEqualTo(fallback);
        Path readOnly = Files.createDirectories(dir.resolve("installed"));
        Files.writeString(readOnly.resolve("sample.json"), "{}");
        assertThat(readOnly.toFile().setWritable(false)).isTrue();
        try {
            // root may write anywhere: the rule follows what the file system says
            assertThat(rule.apply(readOnly.resolve("sample.json")))
                    .isEqualTo(Files.isWritable(readOnly) ? readOnly.toAbsolutePath().resolve("runs") : fallback);
        } finally {
            readOnly.toFile().setWritable(true);
        }
        Files.writeString(designs.resolve("runs"), "a file, not a folder");
        assertThat(rule.apply(file)).isEqualTo(fallback);
        RunLauncher nextTo = new RunLauncher(rule, NINE_THIRTY);
        Files.delete(designs.resolve("runs"));
        assertThat(nextTo.prepare(design(IRIS_MLP, IRIS, Map.of()), file).job().folder().dir())
                .isEqualTo(designs.toAbsolutePath().resolve("runs").resolve("20261201-093000-flowers"));
    }

    @Test
    void relativeDataPathsResolveAgainstTheDesignsFolderOrTheCurrentDirectory() {
        assertThat(RunLauncher.baseDir(file)).isEqualTo(designs.toAbsolutePath().normalize());
        assertThat(RunLauncher.baseDir(Path.of("samples/./iris-mlp.json")))
                .isEqualTo(Path.of("samples").toAbsolutePath().normalize());
        assertThat(RunLauncher.baseDir(null)).isEqualTo(Path.of("").toAbsolutePath());
        assertThat(launcher.readiness(design(IRIS_MLP, IRIS, Map.of()), file).isReady()).isTrue();
        // unsaved, the same relative path is looked for in the current directory, where it is not
        assertThat(launcher.readiness(design(IRIS_MLP, IRIS, Map.of()), null).problems())
                .extracting(Problem::cause).containsExactly(Cause.DATA);
    }

    @Test
    void aDesignThatCanTrainIsReadyAndSaysWhatItsDataIs() {
        Readiness r = launcher.readiness(design(IRIS_MLP, IRIS, Map.of("epochs", 3)), file);
        assertThat(r.state()).isEqualTo(State.READY);
        assertThat(r.description()).startsWith("iris.csv: 150");
        assertThat(r.problems()).isEmpty();
        assertThat(r.blocker()).isEmpty();
    }

    @Test
    void readinessSaysEveryReasonADesignCannotTrainYet() {
        Graph broken = TestGraphs.chain(List.of(4), 3, new Dense(0, true), new Dense(3, true));
        Readiness r = launcher.readiness(design(broken, Map.of(), Map.of("epochs", 0)), file);
        assertThat(r.state()).isEqualTo(State.BLOCKED);
        assertThat(r.problems()).extracting(Problem::cause).containsExactly(Cause.SETTINGS, Cause.DESIGN,
                Cause.NO_DATASET);
        assertThat(r.messages()).containsExactly(
                "Settings: training.epochs: expected a whole number from 1 to 100000, got 0",
                "The design has an error; fix it first",
                "No dataset: the design has no dataset section");
        assertThat(r.blocker()).isEqualTo(r.messages().get(0));

        Map<String, Object> missing = new LinkedHashMap<>(IRIS);
        missing.put("file", "data/roses.csv");
        assertThat(launcher.readiness(design(IRIS_MLP, missing, Map.of()), file).messages())
                .singleElement().asString().startsWith("Data: ").contains("roses.csv");

        Graph images = TestGraphs.chain(List.of(1, 28, 28), 10, new Flatten(), new Dense(10, true));
        Readiness mismatch = launcher.readiness(design(images, IRIS, Map.of()), file);
        assertThat(mismatch.description()).startsWith("iris.csv: 150");
        assertThat(mismatch.messages()).containsExactly(
                "Mismatch: design input 'input' is (1,28,28) but iris.csv gives (4)",
                "Mismatch: design output 'output' has 10 classes but iris.csv has 3 (setosa, versicolor, virginica)");
    }

    @Test
    void aFreshRunHoldsTheDesignAsTrainedItsSettingsAndWhatItTrainsOn() throws Exception {
        Design design = design(IRIS_MLP, IRIS, Map.of("epochs", 3));
        PreparedRun prepared = launcher.prepare(design, file, new RunLauncher.Overrides(
                Map.of("learningRate", 0.01), Map.of("validation", 0.3)));

        RunFolder folder = prepared.job().folder();
        assertThat(folder.dir()).isEqualTo(runs.resolve("20261201-093000-flowers"));
        TrainingSettings settings = TrainingSettings.DEFAULTS.with(Map.of("epochs", 3, "learningRate", 0.01));
        Map<String, Object> dataset = new LinkedHashMap<>(IRIS);
        dataset.put("validation", 0.3);
        Design trained = new Design("flowers", IRIS_MLP, dataset, settings.toMap());
        assertThat(prepared.design()).isEqualTo(trained);
        Design snapshot = new DesignCodec().parse(folder.designJson(), "design.json");
        assertThat(snapshot.withTraining(Map.of())).isEqualTo(trained.withTraining(Map.of()));
        assertThat(TrainingSettings.fromMap(snapshot.training())).isEqualTo(settings);
        assertThat(snapshot.training()).containsOnlyKeys(SettingsCatalog.keys());
        assertThat(folder.settings()).isEqualTo(settings);
        assertThat(prepared.job().settings()).isEqualTo(settings);
        assertThat(folder.data()).containsEntry("baseDir", designs.toAbsolutePath().normalize().toString())
                .containsEntry("dataset", new ObjectMapper().convertValue(dataset, Map.class))
                .containsEntry("trainSize", 105).containsEntry("validationSize", 45);
        assertThat(prepared.job().designName()).isEqualTo("flowers");
        assertThat(prepared.job().firstEpoch()).isEqualTo(1);
        assertThat(prepared.earlier()).isEmpty();
        assertThat(prepared.summary()).startsWith("Training flowers on iris.csv: 150");
    }

    @Test
    void aRefusedRunSaysWhyAndLeavesNoFolder() {
        Graph images = TestGraphs.chain(List.of(1, 28, 28), 10, new Flatten(), new Dense(10, true));
        assertThatThrownBy(() -> launcher.prepare(design(images, IRIS, Map.of()), file))
                .isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::cause).containsOnly(Cause.MISMATCH);
                    assertThat(e.description()).startsWith("iris.csv: 150");
                    assertThat(e.getMessage()).startsWith("Mismatch: design input 'input' is (1,28,28)");
                });
        assertThatThrownBy(() -> launcher.prepare(design(IRIS_MLP, IRIS, Map.of()), file,
                new RunLauncher.Overrides(Map.of("optimizer", "rmsprop"), Map.of())))
                .hasMessage("Settings: training.optimizer: expected one of sgd, adam, adamw, got rmsprop");
        assertThat(runs).doesNotExist();
    }

    @Test
    void theDataLoadedForReadinessIsTheDataTheRunTrainsOn() throws Exception {
        Design design = design(IRIS_MLP, IRIS, Map.of());
        assertThat(launcher.readiness(design, file).isReady()).isTrue();
        // gone from disk: the run can only train on what the check loaded
        Files.delete(designs.resolve("data/iris.csv"));
        PreparedRun first = launcher.prepare(design, file);
        PreparedRun second = launcher.prepare(design, file);
        assertThat(second.job().data()).isSameAs(first.job().data());
        // another seed splits the data otherwise, so it is loaded again, and now fails
        assertThat(launcher.readiness(design.withTraining(Map.of("seed", 7)), file).problems())
                .extracting(Problem::cause).containsExactly(Cause.DATA);
    }

    @Test
    void checksAndPreparationsFromManyThreadsShareOneLoad() throws Exception {
        Design design = design(IRIS_MLP, IRIS, Map.of());
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<PreparedRun>> prepared = new ArrayList<>();
            List<Future<Readiness>> checks = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                prepared.add(pool.submit(() -> launcher.prepare(design, file)));
                checks.add(pool.submit(() -> launcher.readiness(design, file)));
            }
            Object data = prepared.get(0).get().job().data();
            List<Path> folders = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                assertThat(prepared.get(i).get().job().data()).isSameAs(data);
                assertThat(checks.get(i).get().isReady()).isTrue();
                folders.add(prepared.get(i).get().job().folder().dir());
            }
            assertThat(folders).doesNotHaveDuplicates().hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Writes what a run that trained {@code epochs} epochs of 2 and was stopped in the next leaves. */
    private RunFolder stoppedAfter(int epochs) throws Exception {
        RunFolder folder = launcher.prepare(design(IRIS_MLP, IRIS, Map.of("epochs", 2)), file).job().folder();
        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.Started("flowers", 1, 2, 4, 120, 30, "accuracy", "cpu", "oneDNN SSE41"));
            for (int e = 1; e <= epochs; e++) {
                Files.writeString(folder.checkpoint(e), "weights");
                log.append(new TrainingEvent.CheckpointSaved(e, "checkpoints/epoch-000" + e + ".params"));
            }
        }
        return folder;
    }

    @Test
    void aStoppedRunResumesAfterItsLastCheckpointWithItsEarlierEvents() throws Exception {
        RunFolder folder = stoppedAfter(1);
        PreparedRun resumed = launcher.resume(folder.dir());
        assertThat(resumed.job().folder().dir()).isEqualTo(folder.dir());
        assertThat(resumed.job().firstEpoch()).isEqualTo(2);
        assertThat(resumed.job().initialWeights()).isEqualTo(folder.checkpoint(1));
        assertThat(resumed.job().settings().epochs()).isEqualTo(2);
        assertThat(resumed.job().designName()).isEqualTo("flowers");
        assertThat(resumed.earlier()).isEqualTo(folder.trainingEvents()).hasSize(2);
        assertThat(resumed.summary()).isEqualTo("Resuming 20261201-093000-flowers at epoch 2");
        // checkpoints written before they carried the optimizer's state still resume, with a word that it restarts
        assertThat(resumed.warnings()).containsExactly("checkpoints/epoch-0001.params holds weights alone (it was"
                + " written by an earlier version): the optimizer starts afresh, so the losses will not be those of"
                + " an uninterrupted run");
        // the data comes from where the run read it, not from the current directory
        assertThat(resumed.job().data().train().size()).isEqualTo(120);
    }

    @Test
    void aRunThatCannotResumeSaysWhy() throws Exception {
        RunFolder done = stoppedAfter(2);
        assertThatThrownBy(() -> launcher.resume(done.dir())).isInstanceOf(LaunchException.class)
                .hasMessage("20261201-093000-flowers has trained all 2 of its epochs; resume it with more epochs to"
                        + " train it further");
        assertThatThrownBy(() -> launcher.resume(done.dir(), 1)).isInstanceOfSatisfying(LaunchException.class,
                e -> assertThat(e.problems()).extracting(Problem::cause).containsExactly(Cause.TRAINED))
                .hasMessage("20261201-093000-flowers has trained 2 epochs; to go on, ask for more than 2 epochs"
                        + " (asked for 1)");
        assertThat(launcher.resume(done.dir(), 4).job().firstEpoch()).isEqualTo(3);
        assertThatThrownBy(() -> launcher.resume(done.dir(), 0))
                .hasMessage("Settings: training.epochs: expected a whole number from 1 to 100000, got 0");

        RunFolder fresh = launcher.prepare(design(IRIS_MLP, IRIS, Map.of()), file).job().folder();
        assertThatThrownBy(() -> launcher.resume(fresh.dir()))
                .hasMessage(fresh.dir().getFileName() + " saved no checkpoint to resume from; train the design again");
        assertThatThrownBy(() -> launcher.resume(designs)).isInstanceOfSatisfying(LaunchException.class,
                e -> assertThat(e.problems()).extracting(Problem::cause).containsExactly(Cause.RUN))
                .hasMessageContaining("is not a run folder");

        Files.delete(designs.resolve("data/iris.csv"));
        assertThatThrownBy(() -> new RunLauncher(runs).resume(done.dir(), 4)).hasMessageStartingWith("Data: ");
    }
}
