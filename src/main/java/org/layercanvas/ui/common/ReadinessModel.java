package org.layercanvas.ui.common;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.util.Duration;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.engine.DataCheck;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;

/**
 * Whether the open design can be trained, decided off the FX thread: its settings are valid, its
 * dataset section describes data that loads, and the data fits the design ({@link DataCheck}). Runs
 * again a moment after every change; the data is loaded again only when the dataset section, the
 * seed or the design's folder changed. Nothing here touches the native engine. The Data panel shows
 * the result; Train is disabled while it says why not.
 */
public final class ReadinessModel {
    private static final Duration SETTLE = Duration.millis(150);

    /** Where a check stands. */
    public enum State {
        /** A check is running; what it will say is not known yet. */
        CHECKING,
        /** The design can be trained on its data. */
        READY,
        /** Something stops training; {@link Result#problems()} says what. */
        BLOCKED
    }

    /**
     * The outcome of one check.
     *
     * @param state where the check stands
     * @param description what the data is, once it loaded, e.g. {@code iris.csv: 150 samples (…)}; else empty
     * @param problems what stops training, each naming what and where; empty unless {@code BLOCKED}
     */
    public record Result(State state, String description, List<String> problems) {
        public Result {
            Objects.requireNonNull(state);
            Objects.requireNonNull(description);
            problems = List.copyOf(problems);
        }
    }

    private record DataKey(Map<String, Object> dataset, Path baseDir, long seed) {
    }

    private record Loaded(DataKey key, DataSplits data, String error) {
    }

    private final DesignEditor editor;
    private final Executor worker;
    private final AtomicLong generation = new AtomicLong();
    private final PauseTransition settle = new PauseTransition(SETTLE);
    private final ReadOnlyObjectWrapper<Result> result = new ReadOnlyObjectWrapper<>(
            new Result(State.CHECKING, "", List.of()));
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper("");
    private volatile Loaded cache;
    private Map<String, Object> checkedDataset;
    private Path checkedFile;

    /** Checks the design of {@code editor} on a lane of {@code background}, now and after every change. */
    public ReadinessModel(DesignEditor editor, Background background) {
        this.editor = editor;
        this.worker = background.lane();
        settle.setOnFinished(e -> checkNow());
        editor.onChange(c -> recheck());
        editor.fileProperty().addListener((o, a, b) -> recheck());
        checkNow();
    }

    /** Returns the latest outcome; it changes on the FX thread. */
    public ReadOnlyObjectProperty<Result> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Returns why the design cannot be trained now, or empty text when nothing is known to stop it. */
    public ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }

    /**
     * Returns the data the last check loaded when it is the data of this section, folder and seed;
     * otherwise null. Safe to call from any thread; the data is shared, not copied, so it must not be
     * changed (nothing changes {@link DataSplits} once built).
     */
    public DataSplits loaded(Map<String, Object> dataset, Path baseDir, long seed) {
        Loaded c = cache;
        if (c == null || c.data() == null || c.key().seed() != seed || !c.key().dataset().equals(dataset)
                || !c.key().baseDir().toAbsolutePath().normalize().equals(baseDir.toAbsolutePath().normalize())) {
            return null;
        }
        return c.data();
    }

    /** Schedules a check a moment from now, so that a burst of edits is checked once. */
    public void recheck() {
        generation.incrementAndGet();
        checking(editor.design().dataset(), editor.fileProperty().get());
        settle.playFromStart();
    }

    /**
     * Marks a check as under way. While only the graph or the settings changed, the last reason not
     * to train stands until the check ends, so Train does not flicker on at every edit; with other
     * data or another file (a design just opened) nothing is known, and Train is not held back.
     */
    private void checking(Map<String, Object> dataset, Path file) {
        String reason = dataset.equals(checkedDataset) && Objects.equals(file, checkedFile) ? blocker.get() : "";
        result.set(new Result(State.CHECKING, result.get().description(), List.of()));
        blocker.set(reason);
    }

    private void checkNow() {
        long mine = generation.incrementAndGet();
        Design design = editor.design();
        Analysis analysis = editor.analysis();
        Path file = editor.fileProperty().get();
        Path baseDir = editor.baseDir();
        checking(design.dataset(), file);
        worker.execute(() -> {
            Result r = check(design, analysis, baseDir);
            Platform.runLater(() -> {
                if (generation.get() == mine) {
                    checkedDataset = design.dataset();
                    checkedFile = file;
                    show(r);
                }
            });
        });
    }

    private void show(Result r) {
        result.set(r);
        blocker.set(r.state() == State.BLOCKED ? r.problems().get(0) : "");
    }

    /** Runs on the worker thread. */
    private Result check(Design design, Analysis analysis, Path baseDir) {
        List<String> problems = new ArrayList<>();
        long seed = TrainingSettings.DEFAULTS.seed();
        try {
            seed = TrainingSettings.fromMap(design.training()).seed();
        } catch (SettingsException e) {
            problems.add("Settings: " + e.getMessage());
        }
        if (analysis.hasErrors()) {
            problems.add("The design has errors; fix them first (see Problems)");
        }
        if (design.dataset().isEmpty()) {
            problems.add("No dataset: choose one in the Data panel");
            return blocked("", problems);
        }
        Loaded loaded = load(new DataKey(design.dataset(), baseDir, seed));
        if (loaded.error() != null) {
            problems.add("Data: " + loaded.error());
            return blocked("", problems);
        }
        DataSplits data = loaded.data();
        if (!analysis.hasErrors()) {
            for (String p : DataCheck.problems(design.graph(), analysis, data, data.train().size() > 0
                    ? describeShort(data) : "the data")) {
                problems.add("Mismatch: " + p);
            }
        }
        return problems.isEmpty() ? new Result(State.READY, data.description(), List.of())
                : blocked(data.description(), problems);
    }

    private static String describeShort(DataSplits data) {
        String d = data.description();
        int colon = d.indexOf(':');
        return colon > 0 ? d.substring(0, colon) : d;
    }

    private static Result blocked(String description, List<String> problems) {
        return new Result(State.BLOCKED, description, problems);
    }

    private Loaded load(DataKey key) {
        Loaded c = cache;
        if (c != null && c.key().equals(key)) {
            return c;
        }
        Loaded fresh;
        try {
            fresh = new Loaded(key, DatasetSpec.parse(key.dataset(), key.baseDir()).load(key.seed()), null);
        } catch (DataException | RuntimeException e) {
            fresh = new Loaded(key, null, String.valueOf(e.getMessage()));
        }
        cache = fresh;
        return fresh;
    }
}
