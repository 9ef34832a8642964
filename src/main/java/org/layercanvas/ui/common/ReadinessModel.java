package org.layercanvas.ui.common;

import java.nio.file.Path;
import java.util.Locale;
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
import org.layercanvas.data.DatasetKey;
import org.layercanvas.data.UnsetKey;
import org.layercanvas.engine.Readiness;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.graph.Design;

/**
 * Whether the open design can be trained, as the {@link RunLauncher} decides it off the FX thread:
 * settings valid, no errors in the design, data that loads and fits. Asked again a moment after
 * every change; the launcher loads the data again only when the dataset section, the seed or the
 * design's folder changed. The Data panel shows the result; Train is disabled while it says why not,
 * with a hint at where to fix it.
 */
public final class ReadinessModel {
    private static final Duration SETTLE = Duration.millis(150);

    private final DesignEditor editor;
    private final RunLauncher launcher;
    private final Executor worker;
    private final AtomicLong generation = new AtomicLong();
    private final PauseTransition settle = new PauseTransition(SETTLE);
    private final ReadOnlyObjectWrapper<Readiness> result = new ReadOnlyObjectWrapper<>(Readiness.checking(""));
    private final ReadOnlyStringWrapper blocker = new ReadOnlyStringWrapper("");
    private Map<String, Object> checkedDataset;
    private Path checkedFile;

    /** Checks the design of {@code editor} with {@code launcher} on a lane of {@code background}, now and after every change. */
    public ReadinessModel(DesignEditor editor, RunLauncher launcher, Background background) {
        this.editor = editor;
        this.launcher = launcher;
        this.worker = background.lane();
        settle.setOnFinished(e -> checkNow());
        editor.onChange(c -> recheck());
        editor.fileProperty().addListener((o, a, b) -> recheck());
        checkNow();
    }

    /** Returns the latest outcome; it changes on the FX thread. */
    public ReadOnlyObjectProperty<Readiness> resultProperty() {
        return result.getReadOnlyProperty();
    }

    /** Returns why the design cannot be trained now, or empty text when nothing is known to stop it. */
    public ReadOnlyStringProperty blockerProperty() {
        return blocker.getReadOnlyProperty();
    }

    /** Schedules a check a moment from now, so that a burst of edits is checked once. */
    public void recheck() {
        generation.incrementAndGet();
        checking(editor.design().dataset(), editor.file());
        settle.playFromStart();
    }

    /**
     * Marks a check as under way. While only the graph or the settings changed, the last reason not
     * to train stands until the check ends, so Train does not flicker on at every edit; with other
     * data or another file (a design just opened) nothing is known, and Train is not held back.
     */
    private void checking(Map<String, Object> dataset, Path file) {
        String reason = dataset.equals(checkedDataset) && Objects.equals(file, checkedFile) ? blocker.get() : "";
        result.set(Readiness.checking(result.get().description()));
        blocker.set(reason);
    }

    private void checkNow() {
        long mine = generation.incrementAndGet();
        Design design = editor.design();
        Path file = editor.file();
        checking(design.dataset(), file);
        worker.execute(() -> {
            Readiness r = launcher.readiness(design, file);
            Platform.runLater(() -> {
                if (generation.get() == mine) {
                    checkedDataset = design.dataset();
                    checkedFile = file;
                    result.set(r);
                    blocker.set(r.problems().isEmpty() ? "" : hinted(r.problems().get(0)));
                }
            });
        });
    }

    /** Returns what stops training with where to fix it in the window. */
    public static String hinted(Readiness.Problem p) {
        if (p.unset() != null) {
            return unchosen(p.unset());
        }
        return switch (p.cause()) {
            case DESIGN -> p.text() + " (see Problems)";
            case NO_DATASET -> p.text() + "; choose one in the Data panel";
            default -> p.text();
        };
    }

    /**
     * Says which field of the Data tab to fill in for a key nothing is chosen for yet, e.g. {@code No
     * data file chosen: choose one in the Data tab (Kind: CSV file, then File …)}.
     */
    public static String unchosen(UnsetKey unset) {
        DatasetKey key = unset.key();
        String label = key.label().toLowerCase(Locale.ROOT);
        String what = switch (key.type()) {
            case FILE -> key.name().equals("file") ? "data file" : label + " file";
            case FOLDER -> "data folder";
            case CHOICE -> label;
            default -> unset.kind().keys().stream().anyMatch(k -> k.type() == DatasetKey.Type.COLUMNS)
                    ? label + " column" : label;
        };
        return "No " + what + " chosen: choose one in the Data tab (Kind: " + unset.kind().label() + ", then "
                + key.label() + (key.type().isPath() ? " …" : "") + ")";
    }

    /** Returns every problem of a result as the window shows them, with where to fix each. */
    public static List<String> hinted(Readiness r) {
        return r.problems().stream().map(ReadinessModel::hinted).toList();
    }
}
