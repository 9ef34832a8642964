package org.layercanvas.ui.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.layercanvas.data.DatasetPaths;
import org.layercanvas.edit.RehomeCommand;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Graph;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.RecoveryStore;
import org.layercanvas.io.Templates;
import org.layercanvas.onnx.ImportedModel;
import org.layercanvas.onnx.OnnxImport;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.FileDialogs;
import org.layercanvas.ui.training.TrainingModel;

/**
 * The File menu's work: new, open, open recent, save and save as, each asking before unsaved
 * changes are lost; closing, which stops a run in progress first; autosave of unsaved changes every
 * few seconds and the offer to restore them after a crash.
 */
final class FileActions {
    private static final Duration AUTOSAVE_EVERY = Duration.seconds(5);
    private static final List<FileDialogs.Filter> DESIGNS = List.of(FileDialogs.Filter.of("LayerCanvas designs",
            "*.json"));
    private static final List<FileDialogs.Filter> ONNX = List.of(FileDialogs.Filter.of("ONNX models", "*.onnx"));

    private final Stage stage;
    private final Workbench bench;
    private final DesignEditor editor;
    private final RecoveryStore recovery;
    private final Executor writer;
    private final Menu recent = new Menu("Open Recent");
    private final Runnable showOpened;
    private long autosavedRevision = -1;

    /** Acts for the window on {@code stage}; {@code showOpened} fits a design just opened into the view. */
    FileActions(Stage stage, Workbench bench, Runnable showOpened) {
        this.stage = stage;
        this.bench = bench;
        this.editor = bench.editor();
        this.recovery = bench.context().recovery();
        this.writer = bench.background().lane();
        this.showOpened = showOpened;
        fillRecent();
        Timeline autosave = new Timeline(new KeyFrame(AUTOSAVE_EVERY, e -> autosave()));
        autosave.setCycleCount(Animation.INDEFINITE);
        autosave.play();
    }

    /** Returns the Open Recent menu. */
    Menu recentMenu() {
        return recent;
    }

    /** Writes a recovery copy when there are changes not yet autosaved; the writing happens off the FX thread. */
    void autosave() {
        if (!editor.dirtyProperty().get() || editor.revision() == autosavedRevision) {
            return;
        }
        autosavedRevision = editor.revision();
        Design snapshot = editor.design();
        Path file = editor.file();
        writer.execute(() -> {
            try {
                recovery.save(snapshot, file);
            } catch (IOException e) {
                Platform.runLater(() -> say("Autosave failed: " + e.getMessage()));
            }
        });
    }

    private void discardRecovery(Path file) {
        writer.execute(() -> {
            try {
                recovery.discard(file);
            } catch (IOException e) {
                Platform.runLater(() -> say("Could not remove the autosave: " + e.getMessage()));
            }
        });
    }

    /** Offers to restore designs whose changes were autosaved but never saved; returns whether one was restored. */
    boolean offerRecovery() {
        List<RecoveryStore.Recovered> found;
        try {
            found = recovery.list();
        } catch (IOException e) {
            return false;
        }
        for (RecoveryStore.Recovered r : found) {
            String name = r.source() == null ? "an untitled design" : r.source().getFileName().toString();
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
            alert.initOwner(stage);
            alert.setTitle("Recover unsaved changes");
            alert.setHeaderText("LayerCanvas closed without saving changes to " + name + ".");
            alert.setContentText("Restore the autosaved version? It has " + r.design().graph().size() + " layers.");
            ButtonType restore = new ButtonType("Restore", ButtonBar.ButtonData.YES);
            ButtonType discard = new ButtonType("Discard", ButtonBar.ButtonData.NO);
            alert.getButtonTypes().setAll(restore, discard);
            if (alert.showAndWait().orElse(discard) == restore) {
                editor.restore(r.design(), r.source(), true);
                Platform.runLater(showOpened);
                say("Restored unsaved changes to " + name);
                return true;
            }
            try {
                recovery.discardKey(r.key());
            } catch (IOException e) {
                say("Could not remove the autosave: " + e.getMessage());
            }
        }
        return false;
    }

    /** Starts an empty design, after asking about unsaved changes. */
    void newDesign() {
        if (confirmDiscard("starting a new design")) {
            editor.replace(Design.of("", Graph.empty()), null);
            Platform.runLater(showOpened);
            say("New design");
        }
    }

    /**
     * Starts a new design from a template the person picks, after asking about unsaved changes: not
     * tied to the template's file, so saving asks where.
     */
    void newFromTemplate() {
        if (!confirmDiscard("starting a new design")) {
            return;
        }
        Path templates = bench.context().templatesDir();
        TemplateDialog.choose(stage, templates, bench.background()).ifPresent(t -> {
            try {
                Design sample = Templates.read(t, templates);
                editor.replace(sample.withDataset(DatasetPaths.rebase(sample.dataset(), templates,
                        DesignEditor.baseDirOf(null))), null);
                Platform.runLater(showOpened);
                say("New design from the template " + t.title() + ": save it (Ctrl+S) to keep it");
            } catch (IOException e) {
                error("Cannot start from " + t.title(), e.getMessage());
            }
        });
    }

    /**
     * File → Import ONNX: asks for a model, reads it off the FX thread (refusing it whole, with every
     * node that cannot be mapped, when something does not fit), asks where to save the design, writes
     * it with a run holding the model's weights once its outputs agree with ONNX Runtime's, and opens it.
     */
    void importOnnx() {
        if (!confirmDiscard("importing a model")) {
            return;
        }
        bench.context().dialogs().open(stage, "Import ONNX Model", folder(), ONNX).ifPresent(model -> {
            say("Reading " + model.getFileName() + "…");
            bench.background().run(() -> OnnxImport.read(model), imported -> {
                String name = stem(model) + ".json";
                Path dir = model.toAbsolutePath().getParent();
                bench.context().dialogs().save(stage, "Save Imported Design As", dir, name, DESIGNS)
                        .ifPresentOrElse(designFile -> writeImport(imported, designFile),
                                () -> say("Import cancelled; nothing was written"));
            }, e -> error("Cannot import " + model.getFileName(), e.getMessage()));
        });
    }

    private void writeImport(ImportedModel imported, Path designFile) {
        say("Checking " + imported.source().getFileName() + "'s weights against ONNX Runtime…");
        Path runs = bench.context().runsRootFor().apply(designFile);
        // the save chooser has asked before a design file is replaced
        bench.background().run(() -> OnnxImport.write(imported, designFile, runs, true), report -> {
            open(designFile);
            say(String.format(java.util.Locale.ROOT, "Imported %s: %d layers; its weights are run %s (outputs"
                    + " within %.1g of ONNX Runtime's)", imported.source().getFileName(), report.layers(),
                    report.run().getFileName(), report.maxDifference()));
        }, e -> error("Cannot import " + imported.source().getFileName(), e.getMessage()));
    }

    /** Asks for a design file and opens it, after asking about unsaved changes. */
    void open() {
        if (!confirmDiscard("opening another design")) {
            return;
        }
        bench.context().dialogs().open(stage, "Open Design", folder(), DESIGNS).ifPresent(this::open);
    }

    /** Opens a design file; on failure shows the loader's message and keeps the current design. */
    void open(Path file) {
        try {
            Design design = new DesignCodec().read(file);
            editor.replace(design, file);
            remember(file);
            Platform.runLater(showOpened);
            say("Opened " + file.getFileName());
        } catch (IOException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
        }
    }

    /** Saves to the design's file, or asks where when it has none; returns whether it was saved. */
    boolean save() {
        Path file = editor.file();
        return file == null ? saveAs() : saveTo(file);
    }

    /** Asks where to save the design and saves it there; returns whether it was saved. */
    boolean saveAs() {
        Path current = editor.file();
        String name = current == null ? "design.json" : current.getFileName().toString();
        return bench.context().dialogs().save(stage, "Save Design As", folder(), name, DESIGNS).map(this::saveTo)
                .orElse(false);
    }

    /**
     * Saves to {@code file}; on failure says why and keeps the changes. Saved into another folder (or
     * for the first time), the design's relative data paths are rewritten to name the same files from
     * there, and a name that followed the old file's takes the new one's, in one undoable step.
     */
    boolean saveTo(Path file) {
        rehome(file);
        try {
            Path before = editor.file();
            editor.saveTo(file);
            discardRecovery(before);
            discardRecovery(file);
            remember(file);
            say("Saved " + file.getFileName());
            return true;
        } catch (IOException e) {
            error("Cannot save " + file.getFileName(), e.getMessage());
            return false;
        }
    }

    private void rehome(Path file) {
        Design d = editor.design();
        Path before = editor.file();
        Path toDir = file.toAbsolutePath().getParent();
        Map<String, Object> dataset = DatasetPaths.rebase(d.dataset(), editor.baseDir(), toDir);
        String stem = stem(file);
        boolean nameFollowsFile = d.name().isBlank() || (before != null && d.name().equals(stem(before)));
        String name = nameFollowsFile ? stem : d.name();
        if (!name.equals(d.name()) || !dataset.equals(d.dataset())) {
            editor.execute(new RehomeCommand(name, dataset)).ifPresent(this::say);
        }
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private Path folder() {
        Path current = editor.file();
        return current == null ? null : current.toAbsolutePath().getParent();
    }

    /**
     * Closes the window once unsaved changes are kept or discarded as the person says. A run in
     * progress is stopped first (after asking), so it ends with a checkpoint it can be resumed from
     * instead of being cut off inside the engine; the window closes when the run has ended, and
     * nothing waits on the FX thread meanwhile.
     */
    void close() {
        if (!confirmDiscard("closing")) {
            return;
        }
        TrainingModel training = bench.training();
        if (training.phaseProperty().get() == TrainingModel.Phase.IDLE) {
            stage.close();
            return;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("A run is training");
        alert.setHeaderText("Stop the run and close?");
        alert.setContentText("The run stops after its current batch and keeps a checkpoint; Runs → Resume "
                + "Training continues it later.");
        ButtonType stopAndClose = new ButtonType("Stop and Close", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(stopAndClose, ButtonType.CANCEL);
        if (alert.showAndWait().orElse(ButtonType.CANCEL) == stopAndClose) {
            say("Stopping the run, then closing…");
            training.stopThen(stage::close);
        }
    }

    private boolean confirmDiscard(String doing) {
        if (!editor.dirtyProperty().get()) {
            return true;
        }
        Path file = editor.file();
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("Unsaved changes");
        alert.setHeaderText("Save changes to " + (file == null ? "the untitled design" : file.getFileName())
                + " before " + doing + "?");
        ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        alert.getButtonTypes().setAll(saveButton, discard, ButtonType.CANCEL);
        var answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == saveButton) {
            return save();
        }
        if (answer == discard) {
            discardRecovery(file);
            return true;
        }
        return false;
    }

    private void remember(Path file) {
        if (!bench.context().recent().remember(file)) {
            say("Could not update the list of recent designs");
        }
        fillRecent();
    }

    private void fillRecent() {
        recent.getItems().clear();
        for (Path p : bench.context().recent().list()) {
            MenuItem item = new MenuItem(p.toString());
            item.setMnemonicParsing(false);
            item.setOnAction(e -> {
                if (confirmDiscard("opening another design")) {
                    open(p);
                }
            });
            recent.getItems().add(item);
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    private void say(String message) {
        bench.status().accept(message);
    }

    /** Shows an error in a dialog and the status bar. */
    void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.initOwner(stage);
        alert.setTitle("LayerCanvas");
        alert.setHeaderText(header);
        alert.show();
        say(header + ": " + message);
    }
}
