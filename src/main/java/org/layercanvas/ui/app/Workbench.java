package org.layercanvas.ui.app;

import java.nio.file.Path;
import java.time.Clock;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.graph.Design;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.ReadinessModel;
import org.layercanvas.ui.common.StatusModel;
import org.layercanvas.ui.data.DataModel;
import org.layercanvas.ui.runs.RunsModel;
import org.layercanvas.ui.training.EvaluationModel;
import org.layercanvas.ui.training.SettingsModel;
import org.layercanvas.ui.training.TrainingChartModel;
import org.layercanvas.ui.training.TrainingModel;

/**
 * The window's state without its controls: the open design and every feature's model, wired so
 * that opening, creating or restoring a design resets each of them from the new design (its data,
 * its runs, no charts or evaluation of the last one). Tests read it instead of the views.
 */
public final class Workbench {
    private final AppContext context;
    private final StatusModel status = new StatusModel();
    private final Background background;
    private final DesignEditor editor;
    private final ReadinessModel readiness;
    private final TrainingChartModel charts = new TrainingChartModel();
    private final EvaluationModel evaluation = new EvaluationModel();
    private final TrainingModel training;
    private final RunsModel runs;
    private final DataModel data;
    private final RunLauncher launcher;
    private final SettingsModel settings;

    /** Opens {@code design} (of {@code file}, or of none) with what {@code context} gives. */
    public Workbench(Design design, Path file, AppContext context) {
        this.context = context;
        this.background = new Background(context.executor());
        this.editor = new DesignEditor(design, file);
        this.launcher = new RunLauncher(context.runsRootFor(), Clock.systemDefaultZone());
        this.readiness = new ReadinessModel(editor, launcher, background);
        this.training = new TrainingModel(editor, readiness, launcher, background, status, charts, evaluation);
        this.runs = new RunsModel(background, status);
        this.data = new DataModel(editor, background, context.samplesDir(), status);
        this.settings = new SettingsModel(editor, status);
        editor.onChange(c -> {
            if (c.reopened()) {
                training.reset();
                showRunsOfDesign();
            }
        });
        editor.fileProperty().addListener((o, a, b) -> showRunsOfDesign());
        training.onEnded(o -> runs.refresh());
        showRunsOfDesign();
    }

    private void showRunsOfDesign() {
        runs.show(launcher.runsRoot(editor.file()), RunLauncher.runName(editor.design(), editor.file()));
    }

    /** Returns what the window was given. */
    public AppContext context() {
        return context;
    }

    /** Returns the status bar's messages. */
    public StatusModel status() {
        return status;
    }

    /** Returns the background executor. */
    public Background background() {
        return background;
    }

    /** Returns the open design. */
    public DesignEditor editor() {
        return editor;
    }

    /** Returns whether the design can train, and why not. */
    public ReadinessModel readiness() {
        return readiness;
    }

    /** Returns the training charts' data. */
    public TrainingChartModel charts() {
        return charts;
    }

    /** Returns the evaluation of the last finished run. */
    public EvaluationModel evaluation() {
        return evaluation;
    }

    /** Returns the run in the window. */
    public TrainingModel training() {
        return training;
    }

    /** Returns the dataset section's editing. */
    public DataModel data() {
        return data;
    }

    /** Returns the training section's editing. */
    public SettingsModel settings() {
        return settings;
    }

    /** Returns the run history. */
    public RunsModel runs() {
        return runs;
    }
}
