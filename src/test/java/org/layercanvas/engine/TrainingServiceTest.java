package org.layercanvas.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.Examples;
import org.layercanvas.data.Normalization;
import org.layercanvas.data.TargetKind;
import org.layercanvas.engine.TrainingEvent.BatchEnded;
import org.layercanvas.engine.TrainingEvent.EpochEnded;
import org.layercanvas.engine.TrainingEvent.Failed;
import org.layercanvas.engine.TrainingEvent.Finished;
import org.layercanvas.engine.TrainingEvent.Stopped;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.ReLU;
import org.layercanvas.graph.TestGraphs;

@Tag("engine")
class TrainingServiceTest {
    private final TrainingService service = new TrainingService(new LayerBlockFactory());
    private final Graph mlp = TestGraphs.chain(List.of(2), 2, new Dense(16, true), new ReLU(), new Dense(2, true));

    private static TrainingSettings settings(Map<String, Object> overrides) throws SettingsException {
        return TrainingSettings.DEFAULTS.with(overrides);
    }

    private List<TrainingEvent> runToEnd(TrainingJob job) throws Exception {
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = service.start(job, events::add);
        assertThat(run.await(120, TimeUnit.SECONDS)).isNotNull();
        return events;
    }

    @Test
    void aSmallMlpLearnsTwoBlobsAndReportsEveryEpoch(@TempDir Path dir) throws Exception {
        TrainingSettings s = settings(Map.of("epochs", 5, "learningRate", 0.01));
        RunFolder folder = RunFolder.create(dir, "blobs", "{}".getBytes(), s, Map.of(), LocalDateTime.now());
        List<TrainingEvent> events = runToEnd(TrainingJob.fresh("blobs", mlp, TestData.blobSplits(), s, folder));
        TrainingEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOf(Finished.class);
        List<EpochEnded> epochs = events.stream().filter(e -> e instanceof EpochEnded).map(e -> (EpochEnded) e).toList();
        assertThat(epochs).hasSize(5);
        assertThat(epochs.get(4).validationMetric()).isGreaterThanOrEqualTo(0.97);
        assertThat(epochs.get(4).trainLoss()).isLessThan(epochs.get(0).trainLoss());
        assertThat(events.stream().filter(e -> e instanceof BatchEnded)).hasSize(5 * 25);
        // the log on disk holds the same events, one per line, and the final weights exist
        assertThat(folder.trainingEvents()).isEqualTo(events);
        assertThat(folder.model()).exists();
        assertThat(folder.lastCheckpointEpoch()).contains(5);
    }

    @Test
    void theTrainingThreadsNameCarriesNoControlCharacterOfTheDesignsNameToTheEnginesLog() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        TrainingRun run = service.start(TrainingJob.fresh("\u001b[31mred\nline\u202e", mlp, TestData.blobSplits(),
                settings(Map.of("epochs", 1)), null), e -> threads.add(Thread.currentThread().getName()));
        assertThat(run.await(120, TimeUnit.SECONDS)).isNotNull();
        assertThat(threads).first().isEqualTo("training-?[31mred?line?");
    }

    @Test
    void earlyStoppingEndsTheRunWhenValidationStopsImproving() throws Exception {
        TrainingSettings s = settings(Map.of("epochs", 200, "learningRate", 0.05, "earlyStopping", "val_accuracy",
                "patience", 3));
        List<TrainingEvent> events = runToEnd(TrainingJob.fresh("blobs", mlp, TestData.blobSplits(), s, null));
        Finished done = (Finished) events.get(events.size() - 1);
        assertThat(done.reason()).isEqualTo("early stopping");
        assertThat(done.epochs()).isLessThan(200).isEqualTo(done.bestEpoch() + 3);
    }

    @Test
    void theSameSeedGivesTheSameLossCurveValueForValue() throws Exception {
        TrainingSettings s = settings(Map.of("epochs", 2, "seed", 7));
        List<Double> first = losses(runToEnd(TrainingJob.fresh("a", mlp, TestData.blobSplits(), s, null)));
        List<Double> second = losses(runToEnd(TrainingJob.fresh("a", mlp, TestData.blobSplits(), s, null)));
        List<Double> other = losses(runToEnd(TrainingJob.fresh("a", mlp, TestData.blobSplits(),
                settings(Map.of("epochs", 2, "seed", 8)), null)));
        assertThat(first).hasSize(50).isEqualTo(second).isNotEqualTo(other);
    }

    private static List<Double> losses(List<TrainingEvent> events) {
        return events.stream().filter(e -> e instanceof BatchEnded).map(e -> ((BatchEnded) e).loss()).toList();
    }

    @Test
    void pauseHoldsBatchesAndStopEndsWithinOneBatchLeavingAResumableRun(@TempDir Path dir) throws Exception {
        TrainingSettings s = settings(Map.of("epochs", 200, "batchSize", 8));
        RunFolder folder = RunFolder.create(dir, "blobs", "{}".getBytes(), s, Map.of(), LocalDateTime.now());
        AtomicInteger batches = new AtomicInteger();
        List<TrainingEvent> events = new CopyOnWriteArrayList<>();
        TrainingRun run = service.start(TrainingJob.fresh("blobs", mlp, TestData.blobSplits(), s, folder), e -> {
            events.add(e);
            if (e instanceof BatchEnded) {
                batches.incrementAndGet();
            }
        });
        awaitBatches(run, batches, 150);
        run.pause();
        Thread.sleep(200);
        int atPause = batches.get();
        Thread.sleep(300);
        assertThat(batches.get()).isEqualTo(atPause);
        assertThat(events).anyMatch(e -> e instanceof TrainingEvent.Paused);
        run.resume();
        awaitBatches(run, batches, atPause + 50);
        long stopAt = System.nanoTime();
        run.stop();
        TrainingEvent last = run.await(1, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - stopAt) / 1e9).isLessThan(1.0);
        assertThat(last).isInstanceOf(Stopped.class);
        assertThat(((Stopped) last).checkpoint()).isEqualTo("checkpoints/stopped.params");
        assertThat(folder.stopCheckpoint()).exists();

        int epochsDone = folder.lastCheckpointEpoch().orElseThrow();
        TrainingJob resumed = new TrainingJob("blobs", mlp, TestData.blobSplits(), s.with(Map.of("epochs", epochsDone + 2)),
                folder, epochsDone + 1, folder.checkpoint(epochsDone));
        List<TrainingEvent> more = runToEnd(resumed);
        assertThat(more.get(0)).isEqualTo(new TrainingEvent.Started("blobs", epochsDone + 1, epochsDone + 2, 100,
                800, 200, "accuracy", "cpu", Hardware.kernels(ai.djl.Device.cpu())));
        assertThat(more.get(more.size() - 1)).isInstanceOf(Finished.class);
        EpochEnded firstResumed = (EpochEnded) more.stream().filter(e -> e instanceof EpochEnded).findFirst().get();
        // resumed from trained weights, not from scratch: already accurate in its first epoch
        assertThat(firstResumed.validationMetric()).isGreaterThan(0.95);
    }

    /**
     * Waits until {@code count} batches were trained; if they stop coming for a minute, stops the run
     * (so it does not train on beside the next tests) and fails.
     */
    private static void awaitBatches(TrainingRun run, AtomicInteger batches, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (batches.get() < count) {
            if (System.nanoTime() > deadline || run.isDone()) {
                run.stop();
                throw new AssertionError(batches.get() + " of " + count + " batches trained"
                        + (run.isDone() ? "; the run ended" : " after 60 s"));
            }
            Thread.sleep(5);
        }
    }

    @Test
    void anExplodingLossFailsWithAHintInsteadOfHanging() throws Exception {
        int n = 64;
        float[] x = new float[n * 2];
        float[] y = new float[n];
        for (int i = 0; i < x.length; i++) {
            x[i] = 1e18f * (i % 7 - 3);
        }
        Examples huge = new Examples(new int[] {2}, x, TargetKind.CLASSES, 1, y, List.of("a", "b"));
        DataSplits data = new DataSplits(huge, huge, null, Normalization.NONE, "huge");
        List<TrainingEvent> events = runToEnd(TrainingJob.fresh("nan", mlp, data,
                settings(Map.of("optimizer", "sgd", "learningRate", 10.0, "epochs", 3)), null));
        TrainingEvent last = events.get(events.size() - 1);
        assertThat(last).isInstanceOf(Failed.class);
        assertThat(((Failed) last).message()).startsWith("The loss became NaN or infinite at epoch 1");
        assertThat(((Failed) last).hint()).contains("Lower the learning rate");
    }

    @Test
    void dataThatDoesNotFitTheDesignIsRefusedNamingBothSides() {
        Graph image = TestGraphs.chain(List.of(1, 28, 28), 10, new org.layercanvas.graph.Flatten(), new Dense(10, true));
        assertThatThrownBy(() -> service.start(TrainingJob.fresh("x", image, TestData.blobSplits(),
                TrainingSettings.DEFAULTS, null), e -> { }))
                .hasMessageContaining("design input 'input' is (1,28,28) but blobs gives (2)")
                .hasMessageContaining("design output 'output' has 10 classes but blobs has 2 (a, b)");
    }

    @Test
    void settingsComeFromTheDesignsTrainingSectionWithClearErrors() throws Exception {
        TrainingSettings s = TrainingSettings.fromMap(Map.of("optimizer", "SGD", "learningRate", 0.1, "epochs", 3));
        assertThat(s.optimizer()).isEqualTo("sgd");
        assertThat(s.batchSize()).isEqualTo(32);
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("epochs", 0)))
                .hasMessage("training.epochs: expected a whole number from 1 to 100000, got 0");
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("epoch", 3)))
                .hasMessageStartingWith("training.epoch: unknown setting; known settings: optimizer,");
        assertThatThrownBy(() -> TrainingSettings.fromMap(Map.of("optimizer", "rmsprop")))
                .hasMessage("training.optimizer: expected one of sgd, adam, adamw, got rmsprop");
        assertThat(TrainingSettings.fromMap(s.toMap())).isEqualTo(s);
    }

    @Test
    void theLearningRateScheduleWarmsUpThenDecays() throws Exception {
        TrainingSettings s = settings(Map.of("learningRate", 1.0, "epochs", 10, "warmupEpochs", 1,
                "schedule", "cosine"));
        LearningRateSchedule cosine = new LearningRateSchedule(s, 10, 0);
        assertThat(cosine.at(5)).isEqualTo(0.5);
        assertThat(cosine.at(10)).isEqualTo(1.0);
        assertThat(cosine.at(55)).isCloseTo(0.5, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(cosine.at(100)).isCloseTo(0.0, org.assertj.core.data.Offset.offset(1e-9));
        LearningRateSchedule step = new LearningRateSchedule(settings(Map.of("learningRate", 1.0, "schedule", "step",
                "stepEpochs", 2, "stepGamma", 0.5)), 10, 0);
        assertThat(step.at(20)).isEqualTo(1.0);
        assertThat(step.at(21)).isEqualTo(0.5);
        // an optimizer that starts afresh 50 steps into the run (a resume from weights alone) goes on at step 51
        assertThat(new LearningRateSchedule(s, 10, 50).getNewValue(1)).isEqualTo((float) cosine.at(51));
    }

    @Test
    void aRunFolderIsNamedByTimeAndDesignAndListed(@TempDir Path dir) throws Exception {
        LocalDateTime t = LocalDateTime.of(2026, 11, 27, 9, 30, 5);
        RunFolder a = RunFolder.create(dir, "my design", "{}".getBytes(), TrainingSettings.DEFAULTS, Map.of(), t);
        RunFolder b = RunFolder.create(dir, "my design", "{}".getBytes(), TrainingSettings.DEFAULTS, Map.of(), t);
        assertThat(a.dir().getFileName().toString()).isEqualTo("20261127-093005-my-design");
        assertThat(b.dir().getFileName().toString()).isEqualTo("20261127-093005-my-design-2");
        assertThat(RunFolder.list(dir)).extracting(RunFolder::dir).containsExactly(a.dir(), b.dir());
        assertThat(a.settings()).isEqualTo(TrainingSettings.DEFAULTS);
        // a line torn by a killed process is ignored, the lines before it are kept
        Files.writeString(a.dir().resolve(RunFolder.METRICS), "{\"type\":\"started\"}\n{\"type\":\"bat");
        assertThat(a.trainingEvents()).containsExactly(new TrainingEvent.Started(null, 0, 0, 0, 0, 0, null, null, null));
    }
}
