package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.layercanvas.engine.TrainingEvent.BatchEnded;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.engine.TrainingEvent.Finished;
import org.layercanvas.engine.TrainingEvent.Stopped;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Dropout;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

/**
 * A run stopped and resumed trains on as if it had never stopped: the same loss at every step, value
 * for value, the same epochs and the same best, for each optimizer that keeps state. The design has
 * dropout, the schedule warms up and decays, and the stop comes inside an epoch.
 */
@Tag("engine")
class ResumeEqualityTest {
    private static final int STEPS_PER_EPOCH = 16;
    private final TrainingService service = new TrainingService(new LayerBlockFactory());
    private final Graph mlp = TestGraphs.chain(List.of(2), 2, new Dense(32, true), new ReLU(), new Dropout(0.3),
            new Dense(16, true), new ReLU(), new Dense(2, true));

    private static TrainingSettings settings(String optimizer) throws SettingsException {
        return TrainingSettings.DEFAULTS.with(Map.of("optimizer", optimizer, "momentum", 0.9, "learningRate",
                optimizer.equals("sgd") ? 0.05 : 0.01, "weightDecay", 0.001, "schedule", "cosine", "warmupEpochs", 1,
                "batchSize", 50, "epochs", 4, "seed", 11, "checkpointEvery", 1));
    }

    private RunFolder folder(Path dir, String name, TrainingSettings s) throws IOException {
        return RunFolder.create(dir, name, "{}".getBytes(StandardCharsets.UTF_8), s, Map.of(),
                LocalDateTime.of(2026, 12, 1, 12, 0));
    }

    /** Runs a job to its end, stopping it once an event matches {@code stopAt}; returns every event. */
    private List<TrainingEvent> run(TrainingJob job, Predicate<TrainingEvent> stopAt) throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun[] run = new TrainingRun[1];
        Object started = new Object();
        synchronized (started) {
            run[0] = service.start(job, e -> {
                events.add(e);
                if (stopAt.test(e)) {
                    synchronized (started) {
                        run[0].stop();
                    }
                }
            });
        }
        assertThat(run[0].await(180, TimeUnit.SECONDS)).as("the run ends").isNotNull();
        return events;
    }

    private TrainingJob resumed(RunFolder folder, TrainingSettings s) throws IOException {
        RunFolder.Resumption from = folder.resumption().orElseThrow();
        return new TrainingJob("resume", mlp, TestData.blobSplits(), s, folder, from.firstEpoch(), from.weights());
    }

    private static List<BatchEnded> batches(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof BatchEnded).map(e -> (BatchEnded) e).toList();
    }

    private static List<EpochEnded> epochs(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof EpochEnded).map(e -> (EpochEnded) e).toList();
    }

    /** What must not change when a run is resumed: everything but the clock. */
    private static List<String> values(List<? extends TrainingEvent> events) {
        return events.stream().map(e -> {
            if (e instanceof BatchEnded b) {
                return b.epoch() + "/" + b.step() + "/" + b.batch() + " loss " + b.loss() + " lr " + b.learningRate();
            }
            EpochEnded x = (EpochEnded) e;
            return x.epoch() + ": " + x.trainLoss() + " " + x.trainMetric() + " " + x.validationLoss() + " "
                    + x.validationMetric() + " best " + x.bestEpoch();
        }).toList();
    }

    private static Finished finished(List<TrainingEvent> events) {
        return (Finished) events.get(events.size() - 1);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"adam", "adamw", "sgd"})
    void aRunStoppedInsideAnEpochAndResumedLosesNothing(String optimizer, @TempDir Path dir) throws Exception {
        TrainingSettings s = settings(optimizer);
        List<TrainingEvent> whole = run(TrainingJob.fresh("whole", mlp, TestData.blobSplits(), s,
                folder(dir, "whole", s)), e -> false);

        RunFolder folder = folder(dir, "stopped", s);
        int stopAfter = 2 * STEPS_PER_EPOCH + 5;
        List<TrainingEvent> first = run(TrainingJob.fresh("stopped", mlp, TestData.blobSplits(), s, folder),
                e -> e instanceof BatchEnded b && b.step() == stopAfter);
        assertThat(first.get(first.size() - 1)).isEqualTo(new Stopped(3, stopAfter, "checkpoints/stopped.params"));
        assertThat(folder.resumption()).contains(new RunFolder.Resumption(3, folder.stopCheckpoint(), true,
                "epoch 3, batch 6"));
        List<TrainingEvent> second = run(resumed(folder, s), e -> false);

        List<BatchEnded> before = batches(first);
        List<BatchEnded> after = batches(second);
        assertThat(after.get(0).step()).isEqualTo(stopAfter + 1);
        assertThat(values(before)).isEqualTo(values(batches(whole).subList(0, stopAfter)));
        assertThat(values(after)).isEqualTo(values(batches(whole).subList(stopAfter, 4 * STEPS_PER_EPOCH)));
        assertThat(values(epochs(second))).isEqualTo(values(epochs(whole).subList(2, 4)));
        Finished expected = finished(whole);
        Finished actual = finished(second);
        assertThat(actual.bestEpoch()).isEqualTo(expected.bestEpoch());
        assertThat(actual.bestValidationMetric()).isEqualTo(expected.bestValidationMetric());
        assertThat(folder.summary().bestValidationMetric()).isEqualTo(expected.bestValidationMetric());
    }

    @Test
    void aRunKilledAfterACheckpointResumesFromItAsIfNeverStopped(@TempDir Path dir) throws Exception {
        TrainingSettings s = settings("adam");
        List<TrainingEvent> whole = run(TrainingJob.fresh("whole", mlp, TestData.blobSplits(), s,
                folder(dir, "whole", s)), e -> false);
        RunFolder folder = folder(dir, "killed", s);
        int killedAt = 2 * STEPS_PER_EPOCH + 9;
        run(TrainingJob.fresh("killed", mlp, TestData.blobSplits(), s, folder),
                e -> e instanceof BatchEnded b && b.step() == killedAt);
        // what kill -9 leaves: no stop checkpoint, no final event, and a last line cut off as it was written
        Files.delete(folder.stopCheckpoint());
        Path log = folder.dir().resolve(RunFolder.METRICS);
        List<String> lines = Files.readAllLines(log);
        Files.writeString(log, String.join("\n", lines.subList(0, lines.size() - 1)) + "\n{\"type\":\"batch\",\"epo");
        assertThat(folder.resumption()).contains(new RunFolder.Resumption(3, folder.checkpoint(2), true, "epoch 3"));

        List<TrainingEvent> resumed = run(resumed(folder, s), e -> false);
        assertThat(values(batches(resumed))).isEqualTo(values(batches(whole).subList(2 * STEPS_PER_EPOCH,
                4 * STEPS_PER_EPOCH)));
        assertThat(values(epochs(resumed))).isEqualTo(values(epochs(whole).subList(2, 4)));
        // every line of the log is an event; the torn one is kept aside
        assertThat(folder.trainingEvents()).hasSize(Files.readAllLines(log).size());
        assertThat(Files.readString(log.resolveSibling(RunFolder.METRICS + ".torn"))).isEqualTo("{\"type\":\"batch\",\"epo\n");
        assertThat(folder.summary().bestValidationMetric()).isEqualTo(finished(whole).bestValidationMetric());
    }

    @Test
    void earlyStoppingCountsTheEpochsBeforeTheResume(@TempDir Path dir) throws Exception {
        TrainingSettings s = settings("adam").with(Map.of("epochs", 30, "schedule", "fixed", "warmupEpochs", 0,
                "earlyStopping", "val_loss", "patience", 2, "learningRate", 0.05));
        List<TrainingEvent> whole = run(TrainingJob.fresh("whole", mlp, TestData.blobSplits(), s,
                folder(dir, "whole", s)), e -> false);
        Finished expected = finished(whole);
        assertThat(expected.reason()).isEqualTo("early stopping");
        RunFolder folder = folder(dir, "stopped", s);
        int stopAfter = (expected.epochs() - 1) * STEPS_PER_EPOCH + 3;
        run(TrainingJob.fresh("stopped", mlp, TestData.blobSplits(), s, folder),
                e -> e instanceof BatchEnded b && b.step() == stopAfter);
        Finished actual = finished(run(resumed(folder, s), e -> false));
        assertThat(actual.reason()).isEqualTo("early stopping");
        assertThat(actual.epochs()).isEqualTo(expected.epochs());
        assertThat(actual.bestEpoch()).isEqualTo(expected.bestEpoch());
        assertThat(actual.bestValidationMetric()).isEqualTo(expected.bestValidationMetric());
    }

    @Test
    void aCheckpointOfWeightsAloneStillResumesWithTheOptimizerAfresh(@TempDir Path dir) throws Exception {
        TrainingSettings s = settings("adam");
        RunFolder folder = folder(dir, "old", s);
        run(TrainingJob.fresh("old", mlp, TestData.blobSplits(), s, folder),
                e -> e instanceof BatchEnded b && b.step() == 2 * STEPS_PER_EPOCH + 4);
        // what an earlier version left: weights alone in the epoch checkpoint, and no stop checkpoint
        try (TrainedModel weights = TrainedModel.load(mlp, folder.checkpoint(2))) {
            weights.save(folder.checkpoint(2));
        }
        Files.delete(folder.stopCheckpoint());
        assertThat(folder.resumption()).contains(new RunFolder.Resumption(3, folder.checkpoint(2)));
        List<TrainingEvent> resumed = run(resumed(folder, s), e -> false);
        assertThat(finished(resumed).epochs()).isEqualTo(4);
        assertThat(batches(resumed).get(0).step()).isEqualTo(2 * STEPS_PER_EPOCH + 1);
        // the schedule goes on where the run was, though the optimizer's moments start again
        assertThat(batches(resumed).get(0).learningRate()).isEqualTo(
                new LearningRateSchedule(s, STEPS_PER_EPOCH, 0).at(2 * STEPS_PER_EPOCH + 1));
    }
}
