package org.layercanvas.ui.training;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.layercanvas.engine.Evaluation;
import org.layercanvas.engine.InitFrom;
import org.layercanvas.engine.LaunchException;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.PreparedRun;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.engine.RunSummary;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.graph.Design;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.ReadinessModel;

/**
 * A run in the window, without its controls: Train prepares the open design's run off the FX
 * thread and starts it on the training service's thread; Pause, Resume and Stop act between
 * batches; a stopped run resumes in its own folder. Events are queued as they come and {@link
 * #drain} moves them into the charts a few times a second. A finished run is evaluated on its
 * validation split. Trains a copy of the design as it was when Train was pressed.
 */
public final class TrainingModel {
    /** Where the run stands. */
    public enum Phase {
        /** No run in progress. */
        IDLE,
        /** A run is being prepared: its data loads. */
        PREPARING,
        /** Batches are being trained. */
        RUNNING,
        /** The run waits between two batches. */
        PAUSED
    }

    /**
     * How a run ended, for a notification.
     *
     * @param title {@code Training finished}, {@code Training stopped} or {@code Training failed}
     * @param text what happened, in a sentence
     */
    public record Outcome(String title, String text) {
    }

    private final DesignEditor editor;
    private final ReadinessModel readiness;
    private final Background background;
    private final Consumer<String> status;
    private final TrainingChartModel chart;
    private final EvaluationModel evaluation;
    private final TrainingService service = new TrainingService(new LayerBlockFactory());
    private final RunLauncher launcher;
    private final ConcurrentLinkedQueue<TrainingEvent> queue = new ConcurrentLinkedQueue<>();
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(
            "Press Train to train the design on its dataset.");
    private final ObservableList<String> warnings = FXCollections.observableArrayList();
    // one view kept: it forwards changes to its listeners only while it is reachable
    private final ObservableList<String> shownWarnings = FXCollections.unmodifiableObservableList(warnings);
    private final List<Consumer<Outcome>> onEnded = new ArrayList<>();
    private final List<Consumer<TrainingJob>> onStarted = new ArrayList<>();
    private BiConsumer<TrainingJob, TrainingEvent.CheckpointSaved> onCheckpoint = (j, c) -> { };
    private TrainingRun run;
    private TrainingJob job;
    private TrainingEvent.Started started;

    /**
     * Trains the design of {@code editor} when {@code readiness} allows, its runs prepared by
     * {@code launcher}; events go into {@code chart}, a finished run's evaluation into
     * {@code evaluation}, and what happened to {@code status}.
     */
    public TrainingModel(DesignEditor editor, ReadinessModel readiness, RunLauncher launcher, Background background,
            Consumer<String> status, TrainingChartModel chart, EvaluationModel evaluation) {
        this.editor = editor;
        this.readiness = readiness;
        this.launcher = launcher;
        this.background = background;
        this.status = status;
        this.chart = chart;
        this.evaluation = evaluation;
    }

    /** Returns where the run stands. */
    public ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /** Returns the share of the run's batches trained, 0 to 1. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** Returns the line under the progress bar: epoch, batch, speed and time left, or how the run ended. */
    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /**
     * Returns what the preparation of the run in progress or last started warned of (a class the
     * training split has no sample of, a checkpoint holding weights alone); empty when nothing.
     */
    public ObservableList<String> warnings() {
        return shownWarnings;
    }

    /** Returns why Train is disabled, or empty text when it is not: a run in progress, or the readiness check. */
    public StringBinding trainBlocker() {
        return Bindings.createStringBinding(() -> phase.get() != Phase.IDLE
                ? "A run is in progress: pause or stop it first" : readiness.blockerProperty().get(), phase,
                readiness.blockerProperty());
    }

    /** Returns the run in progress or last ended, or null. */
    public TrainingRun run() {
        return run;
    }

    /** Returns the chart model this run draws into. */
    public TrainingChartModel chart() {
        return chart;
    }

    /** Registers what to do when a run ends (a notification). */
    public void onEnded(Consumer<Outcome> action) {
        onEnded.add(action);
    }

    /** Registers what to do when a run starts (the window brings the Training tab forward, the map takes its points). */
    public void onStarted(Consumer<TrainingJob> action) {
        onStarted.add(action);
    }

    /** Registers what to do when a run saves an epoch's checkpoint (the decision boundary redraws). */
    public void onCheckpoint(BiConsumer<TrainingJob, TrainingEvent.CheckpointSaved> action) {
        onCheckpoint = action;
    }

    /** Forgets the charts and evaluation of the last run, after another design opened; a run in progress keeps them. */
    public void reset() {
        if (phase.get() == Phase.IDLE) {
            chart.clear();
            evaluation.clear();
            warnings.clear();
            progress.set(0);
            progressText.set("Press Train to train the design on its dataset.");
        }
    }

    /** Prepares the open design's run off the FX thread (the data the readiness check loaded) and starts it. */
    public void start() {
        if (saidBlocked()) {
            return;
        }
        Design design = editor.design();
        Path file = editor.file();
        prepare("Loading data…", () -> launcher.prepare(design, file));
    }

    /** Says in the status why the open design cannot train, if it cannot; returns whether it said so. */
    private boolean saidBlocked() {
        String blocked = trainBlocker().get();
        if (!blocked.isEmpty()) {
            status.accept("Cannot train: " + blocked);
        }
        return !blocked.isEmpty();
    }

    /**
     * Continues a stopped or unfinished run from its newest checkpoint, in the same run folder: its
     * charts are redrawn from what it logged, then grow on. Trains the run's own design snapshot.
     */
    public void resume(RunFolder folder) {
        if (phase.get() != Phase.IDLE) {
            status.accept("A run is in progress: pause or stop it first.");
            return;
        }
        prepare("Loading " + folder.dir().getFileName() + "…", () -> launcher.resume(folder.dir()));
    }

    /**
     * Trains the open design in a new run that starts from the weights of {@code from} (an imported
     * model's run, or an earlier one), layer by layer as the launcher matches them; a refusal (a layer
     * whose weights changed shape, a run without weights) goes to {@code refused}.
     *
     * @param freshWhereChanged whether layers whose weights changed shape start fresh instead of refusing
     */
    public void startFrom(RunFolder from, boolean freshWhereChanged, Consumer<LaunchException> refused) {
        if (saidBlocked()) {
            return;
        }
        Design design = editor.design();
        Path file = editor.file();
        InitFrom init = new InitFrom(from.dir(), freshWhereChanged);
        prepare("Reading the weights of " + from.dir().getFileName() + "…",
                () -> launcher.prepare(design, file, RunLauncher.Overrides.NONE, init), e -> {
                    if (e instanceof LaunchException l) {
                        refused.accept(l);
                    }
                });
    }

    private void prepare(String what, Background.Work<PreparedRun> work) {
        prepare(what, work, e -> { });
    }

    /** Prepares a run off the FX thread and starts it; a failure is said in the status bar, then given to {@code failed}. */
    private void prepare(String what, Background.Work<PreparedRun> work, Consumer<Exception> failed) {
        warnings.clear();
        phase.set(Phase.PREPARING);
        progressText.set(what);
        background.run(work, this::launch, e -> {
            phase.set(Phase.IDLE);
            progressText.set("Not started.");
            status.accept(e instanceof LaunchException l ? "Cannot train: " + String.join("; ", l.problems().stream()
                    .map(ReadinessModel::hinted).toList()) : "Cannot train: " + e.getMessage());
            failed.accept(e);
        });
    }

    private void launch(PreparedRun p) {
        chart.clear();
        chart.add(p.earlier());
        evaluation.clear();
        job = p.job();
        started = null;
        warnings.setAll(p.warnings());
        phase.set(Phase.RUNNING);
        onStarted.forEach(l -> l.accept(job));
        run = service.start(job, queue::add);
        status.accept(p.summary() + (p.warnings().isEmpty() ? "" : p.warnings().size() == 1
                ? ". Warning: " + p.warnings().get(0) : ". " + p.warnings().size() + " warnings: see the Training tab"));
    }

    /** Pauses the run after its current batch. */
    public void pause() {
        if (run != null && !run.isDone()) {
            run.pause();
        }
    }

    /** Resumes a paused run. */
    public void resumeRun() {
        if (run != null && !run.isDone()) {
            run.resume();
        }
    }

    /** Pauses a running run or resumes a paused one. */
    public void togglePause() {
        if (run != null && !run.isDone()) {
            if (run.isPaused()) {
                run.resume();
            } else {
                run.pause();
            }
        }
    }

    /** Stops the run after its current batch; it saves a checkpoint to resume from. */
    public void stop() {
        if (run != null) {
            run.stop();
        }
    }

    /** Stops the run in progress and does {@code then} on the FX thread once it has ended, or at once when none is running. */
    public void stopThen(Runnable then) {
        if (phase.get() == Phase.IDLE || run == null) {
            then.run();
            return;
        }
        onEnded.add(new Consumer<>() {
            @Override
            public void accept(Outcome o) {
                onEnded.remove(this);
                then.run();
            }
        });
        run.stop();
    }

    /** Moves the queued events into the charts at once and acts on the run's pauses and end. Call on the FX thread. */
    public void drain() {
        List<TrainingEvent> batch = new ArrayList<>();
        for (TrainingEvent e = queue.poll(); e != null; e = queue.poll()) {
            batch.add(e);
        }
        if (batch.isEmpty()) {
            return;
        }
        chart.add(batch);
        TrainingEvent.BatchEnded last = null;
        for (TrainingEvent e : batch) {
            if (e instanceof TrainingEvent.Started s) {
                started = s;
            } else if (e instanceof TrainingEvent.BatchEnded b) {
                last = b;
            } else if (e instanceof TrainingEvent.CheckpointSaved c && job.folder() != null) {
                onCheckpoint.accept(job, c);
            } else if (e instanceof TrainingEvent.Paused) {
                phase.set(Phase.PAUSED);
                progressText.set("Paused. " + progressText.get());
            } else if (e instanceof TrainingEvent.Resumed) {
                phase.set(Phase.RUNNING);
            } else if (e instanceof TrainingEvent.Finished f) {
                String metric = started == null ? "accuracy" : started.metric();
                ended(new Outcome("Training finished", String.format(Locale.ROOT,
                        "Finished (%s): best validation %s %s at epoch %d.", f.reason(), metric,
                        RunSummary.metricText(metric, f.bestValidationMetric()), f.bestEpoch())));
                evaluate(job);
            } else if (e instanceof TrainingEvent.Stopped s) {
                ended(new Outcome("Training stopped", "Stopped during epoch " + s.epoch()
                        + "; the run can be resumed from its checkpoint."));
            } else if (e instanceof TrainingEvent.Failed f) {
                ended(new Outcome("Training failed", "Training failed: " + f.message()
                        + (f.hint().isEmpty() ? "" : " " + f.hint())));
            }
        }
        if (last != null && started != null && phase.get() == Phase.RUNNING) {
            showProgress(last);
        }
    }

    private void showProgress(TrainingEvent.BatchEnded b) {
        int steps = started.stepsPerEpoch();
        int total = steps * (started.epochs() - started.firstEpoch() + 1);
        int done = (b.epoch() - started.firstEpoch()) * steps + b.batch();
        progress.set((double) done / total);
        long eta = done == 0 ? 0 : b.elapsedMillis() * (total - done) / done / 1000;
        progressText.set(String.format(Locale.ROOT,
                "epoch %d/%d · batch %d/%d · %,.0f samples/s on %s · %ds elapsed · %ds left", b.epoch(),
                started.epochs(), b.batch(), steps, b.samplesPerSecond(), started.device(), b.elapsedMillis() / 1000,
                eta));
    }

    private void ended(Outcome outcome) {
        phase.set(Phase.IDLE);
        progressText.set(outcome.text());
        status.accept(outcome.text());
        for (Consumer<Outcome> l : List.copyOf(onEnded)) {
            l.accept(outcome);
        }
    }

    /** Evaluates the finished model on the validation split, off the FX thread. */
    private void evaluate(TrainingJob finished) {
        String name = finished.folder().dir().getFileName().toString();
        background.run(() -> {
            try (TrainedModel model = TrainedModel.load(finished.graph(), finished.folder().model())) {
                return Evaluation.of(model, finished.data().validation());
            }
        }, e -> evaluation.show(e, finished.data().validation(), name),
                e -> status.accept("Could not evaluate the run: " + e.getMessage()));
    }

    /** Returns the run folder of the run in progress or last ended, or null. */
    public RunFolder folder() {
        return job == null ? null : job.folder();
    }

    /** Reads a run's logged events off the FX thread and draws them, unless a run is in progress. */
    public void replay(RunFolder folder) {
        if (phase.get() != Phase.IDLE) {
            status.accept("A run is in progress: its charts stay until it ends.");
            return;
        }
        String name = folder.dir().getFileName().toString();
        background.run(folder::trainingEvents, events -> {
            if (phase.get() != Phase.IDLE) {
                return;
            }
            chart.clear();
            chart.add(events);
            status.accept("Showing " + name + ": " + events.size() + " events");
        }, e -> status.accept("Cannot read " + name + ": " + e.getMessage()));
    }
}
