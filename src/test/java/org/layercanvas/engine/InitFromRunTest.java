package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.Readiness.Cause;
import org.layercanvas.engine.Readiness.Problem;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

/** A new run that starts from an earlier run's weights, prepared by the launcher as every run is. */
@Tag("engine")
class InitFromRunTest {
    private static final Map<String, Object> IRIS = Map.of("kind", "csv", "file", "data/iris.csv", "label", "species");

    @TempDir
    Path dir;
    private Path file;
    private Path runs;
    private RunLauncher launcher;

    @BeforeEach
    void copyIrisBesideADesignFile() throws Exception {
        Files.createDirectories(dir.resolve("data"));
        Files.copy(Path.of("samples/data/iris.csv"), dir.resolve("data/iris.csv"));
        file = dir.resolve("flowers.json");
        runs = dir.resolve("runs");
        launcher = new RunLauncher(runs, Clock.fixed(LocalDateTime.of(2026, 12, 1, 9, 30, 0)
                .toInstant(ZoneOffset.UTC), ZoneOffset.UTC));
    }

    /** Input(4) → fc1 Dense(8) → relu → [extra Dense(8) → relu2 →] fc2 Dense(hidden) → relu3 → fc3 Dense(3) → output. */
    private static Graph mlp(int hidden, boolean extra) {
        TestGraphs g = new TestGraphs().add("input", new Input(List.of(4))).add("fc1", new Dense(8, true))
                .add("relu", new ReLU()).link("input", "fc1").link("fc1", "relu");
        String last = "relu";
        if (extra) {
            g.add("extra", new Dense(8, true)).add("relu2", new ReLU()).link(last, "extra").link("extra", "relu2");
            last = "relu2";
        }
        return g.add("fc2", new Dense(hidden, true)).add("relu3", new ReLU()).add("fc3", new Dense(3, true))
                .add("output", new Output(Output.SOFTMAX_CROSS_ENTROPY, 3)).link(last, "fc2").link("fc2", "relu3")
                .link("relu3", "fc3").link("fc3", "output").build();
    }

    private static Design design(Graph graph) {
        return new Design("", graph, IRIS, Map.of("epochs", 2));
    }

    /** Trains the design of {@code graph} for two epochs and returns its run folder. */
    private RunFolder trained(Graph graph) throws Exception {
        PreparedRun p = launcher.prepare(design(graph), file);
        TrainingEvent last = new TrainingService(new LayerBlockFactory()).start(p.job(), e -> { })
                .await(60, TimeUnit.SECONDS);
        assertThat(last).isInstanceOf(TrainingEvent.Finished.class);
        return p.job().folder();
    }

    private static Map<String, List<Tensor>> weights(Graph graph, Path params) throws Exception {
        try (TrainedModel m = TrainedModel.load(graph, params)) {
            return m.weights();
        }
    }

    /** Returns what the run's run.json says of where its weights came from. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> initializedFrom(RunFolder folder) throws Exception {
        Map<String, Object> record = new ObjectMapper().readValue(folder.dir().resolve(RunFolder.RUN).toFile(),
                Map.class);
        return (Map<String, Object>) record.get("initializedFrom");
    }

    @Test
    void aNewRunStartsFromTheRunsWeightsWithTheLayersAddedSinceFreshAndSaysWhereTheyCameFrom() throws Exception {
        RunFolder earlier = trained(mlp(8, false));

        PreparedRun p = launcher.prepare(design(mlp(8, true)), file, RunLauncher.Overrides.NONE,
                new InitFrom(earlier.dir(), false));

        InitialWeights w = p.initialWeights();
        assertThat(w.run()).isEqualTo(earlier.dir().getFileName().toString());
        assertThat(w.weights()).isEqualTo("model.params");
        assertThat(w.taken()).containsExactly("fc1", "fc2", "fc3");
        assertThat(w.fresh()).containsExactly("extra");
        assertThat(p.warnings()).isEmpty();
        assertThat(p.summary()).endsWith(", from the weights of " + w.run() + " (3 layers from it, 1 fresh)");
        RunFolder folder = p.job().folder();
        assertThat(folder.dir()).isNotEqualTo(earlier.dir());
        assertThat(p.job().firstEpoch()).isEqualTo(1);
        assertThat(p.job().initialWeights()).isEqualTo(folder.initial());
        Map<String, List<Tensor>> before = weights(mlp(8, false), earlier.model());
        Map<String, List<Tensor>> start = weights(mlp(8, true), folder.initial());
        for (String layer : List.of("fc1", "fc2", "fc3")) {
            assertThat(start.get(layer)).as(layer).usingRecursiveFieldByFieldElementComparator()
                    .isEqualTo(before.get(layer));
        }
        Map<String, Object> record = initializedFrom(folder);
        assertThat(record)
                .containsEntry("run", earlier.dir().toAbsolutePath().normalize().toString())
                .containsEntry("weights", "model.params")
                .containsEntry("layersFromRun", List.of("fc1", "fc2", "fc3"))
                .containsEntry("freshLayers", List.of("extra"));

        TrainingEvent last = new TrainingService(new LayerBlockFactory()).start(p.job(), e -> { })
                .await(60, TimeUnit.SECONDS);
        assertThat(last).isInstanceOf(TrainingEvent.Finished.class);
        assertThat(folder.trainingEvents()).first().isInstanceOfSatisfying(TrainingEvent.Started.class,
                s -> assertThat(s.firstEpoch()).isEqualTo(1));
    }

    @Test
    void aLayerWhoseShapeChangedStopsTheRunNamedUnlessChosenToStartFreshWithAWarning() throws Exception {
        RunFolder earlier = trained(mlp(8, false));
        String run = earlier.dir().getFileName().toString();
        long before;
        try (var listed = Files.list(runs)) {
            before = listed.count();
        }

        assertThatThrownBy(() -> launcher.prepare(design(mlp(6, false)), file, RunLauncher.Overrides.NONE,
                new InitFrom(earlier.dir(), false))).isInstanceOfSatisfying(LaunchException.class, e -> {
                    assertThat(e.problems()).extracting(Problem::cause).containsOnly(Cause.CHANGED);
                    assertThat(e.problems()).extracting(Problem::text).containsExactly(
                            "layer 'fc2': weight is (8,8) in " + run + " but (6,8) in the design",
                            "layer 'fc2': bias is (8) in " + run + " but (6) in the design",
                            "layer 'fc3': weight is (3,8) in " + run + " but (3,6) in the design");
                });
        try (var listed = Files.list(runs)) {
            assertThat(listed.count()).as("no run folder for a refused run").isEqualTo(before);
        }

        PreparedRun p = launcher.prepare(design(mlp(6, false)), file, RunLauncher.Overrides.NONE,
                new InitFrom(earlier.dir(), true));
        assertThat(p.initialWeights().taken()).containsExactly("fc1");
        assertThat(p.warnings()).containsExactly(
                "layer 'fc2' starts fresh: weight is (8,8) in " + run + " but (6,8) in the design; bias is (8) in "
                        + run + " but (6) in the design",
                "layer 'fc3' starts fresh: weight is (3,8) in " + run + " but (3,6) in the design");
        assertThat((List<?>) initializedFrom(p.job().folder()).get("reinitializedLayers")).hasSize(3);
    }

    @Test
    void aFolderThatIsNoRunOrHoldsNoWeightsIsRefusedByName() throws Exception {
        Path notARun = Files.createDirectories(dir.resolve("photos"));
        assertThatThrownBy(() -> launcher.prepare(design(mlp(8, false)), file, RunLauncher.Overrides.NONE,
                new InitFrom(notARun, false))).isInstanceOf(LaunchException.class)
                .hasMessageStartingWith(notARun + " is not a run folder");
        RunFolder unstarted = launcher.prepare(design(mlp(8, false)), file).job().folder();
        assertThatThrownBy(() -> launcher.prepare(design(mlp(8, false)), file, RunLauncher.Overrides.NONE,
                new InitFrom(unstarted.dir(), false))).isInstanceOf(LaunchException.class)
                .hasMessage(unstarted.dir().getFileName() + " has no weights to start from: it saved neither"
                        + " model.params nor a checkpoint");
    }
}
