package org.layercanvas.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignU;
import org.layercanvas.edit.Fragment;
import org.layercanvas.edit.LayeredLayout;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerCatalog;
import org.layercanvas.graph.LayerType;
import org.layercanvas.graph.Param;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.DesignFormatException;
import org.layercanvas.io.RecoveryStore;

/**
 * The main window: menus, palette, canvas, inspector, problems and a status bar with totals, around
 * one {@link DesignEditor}. Owns the file actions and asks before unsaved changes are lost.
 */
final class MainWindow {
    private static final int RECENT = 8;
    private static final double PASTE_OFFSET = 30;

    private final Stage stage;
    private final DesignEditor editor;
    private final CanvasView canvas;
    private final TrainingView training;
    private final Path runsRoot;
    private final Label status = new Label("Ready");
    private final Label totals = new Label();
    private final Menu recent = new Menu("Open Recent");
    private final Preferences prefs = Preferences.userNodeForPackage(MainWindow.class);
    private static final javafx.util.Duration AUTOSAVE_EVERY = javafx.util.Duration.seconds(5);

    private final RecoveryStore recovery;
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "autosave");
        t.setDaemon(true);
        return t;
    });
    private Fragment clipboard = new Fragment(List.of(), List.of());
    private long autosavedRevision = -1;

    MainWindow(Stage stage, Design design, Path file, RecoveryStore recovery) {
        this.stage = stage;
        this.recovery = recovery;
        this.editor = new DesignEditor(design, file);
        this.canvas = new CanvasView(editor, this::say);
        canvas.setId("canvas");
        PaletteView palette = new PaletteView(this::addBesideSelection);
        InspectorView inspector = new InspectorView(editor, this::say);
        ProblemsView problems = new ProblemsView(editor, canvas::reveal);

        MinimapView minimap = new MinimapView(editor, canvas);
        javafx.scene.layout.StackPane canvasArea = new javafx.scene.layout.StackPane(canvas, minimap);
        javafx.scene.layout.StackPane.setAlignment(minimap, javafx.geometry.Pos.BOTTOM_RIGHT);
        javafx.scene.layout.StackPane.setMargin(minimap, new javafx.geometry.Insets(10));
        runsRoot = Path.of(System.getProperty("layercanvas.runs", "runs"));
        training = new TrainingView(editor, this::say, runsRoot);
        EvaluationView evaluation = new EvaluationView();
        javafx.scene.control.TabPane bottom = new javafx.scene.control.TabPane(
                new javafx.scene.control.Tab("Problems", problems), new javafx.scene.control.Tab("Training", training),
                new javafx.scene.control.Tab("Evaluation", evaluation));
        RunsView runs = new RunsView(runsRoot, this::say, (events, name) -> {
            training.replay(events, name);
            bottom.getSelectionModel().select(1);
        });
        runs.setOnExport(this::exportModel);
        runs.setOnResume(folder -> {
            bottom.getSelectionModel().select(1);
            training.resume(folder);
        });
        bottom.getTabs().add(new javafx.scene.control.Tab("Runs", runs));
        bottom.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() == 3) {
                runs.refresh();
            }
        });
        bottom.setTabClosingPolicy(javafx.scene.control.TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.setId("bottom-tabs");
        SplitPane centre = new SplitPane(canvasArea, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.7);
        training.setOnEvaluated((e, data) -> {
            evaluation.show(e, data);
            bottom.getSelectionModel().select(2);
        });
        training.setOnStart(() -> {
            bottom.getSelectionModel().select(1);
            if (centre.getDividerPositions()[0] > 0.5) {
                centre.setDividerPositions(0.45);
            }
        });
        DataCheckService check = new DataCheckService(editor);
        training.checkWith(check);
        SidePanel side = new SidePanel(editor, inspector, new DataView(editor, check, this::say),
                new SettingsView(editor, this::say));
        SplitPane main = new SplitPane(palette, centre, side);
        main.setDividerPositions(0.17, 0.71);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(side, false);

        status.setId("status");
        totals.setId("totals");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox statusBar = new HBox(12, status, spacer, totals);
        statusBar.getStyleClass().add("status-bar");

        BorderPane root = new BorderPane(main);
        root.setTop(new javafx.scene.layout.VBox(menus(), toolbar()));
        root.setBottom(statusBar);
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("layercanvas.css").toExternalForm());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            if (!mayClose()) {
                e.consume();
            }
        });
        editor.onChange(c -> refreshChrome());
        editor.dirtyProperty().addListener((o, a, b) -> refreshChrome());
        editor.fileProperty().addListener((o, a, b) -> refreshChrome());
        refreshChrome();
        fillRecent();
        javafx.animation.Timeline autosave = new javafx.animation.Timeline(
                new javafx.animation.KeyFrame(AUTOSAVE_EVERY, e -> autosave()));
        autosave.setCycleCount(javafx.animation.Animation.INDEFINITE);
        autosave.play();
    }

    /** Writes a recovery copy when there are changes not yet autosaved; the writing happens off the FX thread. */
    void autosave() {
        if (!editor.dirtyProperty().get() || editor.revision() == autosavedRevision) {
            return;
        }
        autosavedRevision = editor.revision();
        Design snapshot = editor.design();
        Path file = editor.fileProperty().get();
        writer.submit(() -> {
            try {
                recovery.save(snapshot, file);
            } catch (IOException e) {
                Platform.runLater(() -> say("Autosave failed: " + e.getMessage()));
            }
        });
    }

    private void discardRecovery(Path file) {
        writer.submit(() -> {
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
                Platform.runLater(canvas::showOpened);
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

    /** Returns the editor, for tests. */
    DesignEditor editor() {
        return editor;
    }

    /** Returns the training panel, for tests. */
    TrainingView training() {
        return training;
    }

    /** Returns the canvas, for tests. */
    CanvasView canvas() {
        return canvas;
    }

    /** Opens the export dialog on the runs, {@code preselected} or else the design's newest run chosen. */
    private void exportModel(org.layercanvas.engine.RunFolder preselected) {
        List<org.layercanvas.engine.RunFolder> all;
        try {
            all = new ArrayList<>(org.layercanvas.engine.RunFolder.list(runsRoot));
        } catch (IOException e) {
            say("Cannot list runs in " + runsRoot + ": " + e.getMessage());
            return;
        }
        java.util.Collections.reverse(all);
        String design = editor.design().name();
        org.layercanvas.engine.RunFolder chosen = preselected != null ? preselected : all.stream()
                .filter(f -> trained(f, design)).findFirst().orElse(null);
        new ExportDialog(stage, all, chosen).show();
    }

    /** Returns whether a run trained the design named {@code design}; an unreadable run did not. */
    private static boolean trained(org.layercanvas.engine.RunFolder folder, String design) {
        try {
            return folder.summary().design().equals(design);
        } catch (IOException e) {
            return false;
        }
    }

    private void say(String message) {
        status.setText(message);
    }

    private void refreshChrome() {
        Path file = editor.fileProperty().get();
        String name = file == null ? "Untitled" : file.getFileName().toString();
        stage.setTitle((editor.dirtyProperty().get() ? "• " : "") + name + " — LayerCanvas");
        var a = editor.analysis();
        totals.setText(String.format(Locale.ROOT, "%d layers · %s parameters · %s FLOPs · %s activations per sample",
                editor.graph().size(), NodeSkin.compact(a.totalParams()), NodeSkin.compact(a.totalFlops()),
                bytes(a.totalMemoryBytes())));
    }

    private static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        return n < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", n / 1024.0)
                : String.format(Locale.ROOT, "%.1f MiB", n / 1048576.0);
    }

    // ---- menus ----------------------------------------------------------------------------------

    private MenuBar menus() {
        Menu file = new Menu("File", null,
                item("New", "Shortcut+N", this::newDesign),
                item("Open…", "Shortcut+O", this::open),
                recent,
                new SeparatorMenuItem(),
                item("Save", "Shortcut+S", this::save),
                item("Save As…", "Shortcut+Shift+S", this::saveAs),
                new SeparatorMenuItem(),
                item("Export Trained Model…", "Shortcut+E", () -> exportModel(null)),
                new SeparatorMenuItem(),
                item("Close", "Shortcut+W", () -> {
                    if (mayClose()) {
                        stage.close();
                    }
                }));
        MenuItem undo = item("Undo", "Shortcut+Z", editor::undo);
        MenuItem redo = item("Redo", "Shortcut+Shift+Z", editor::redo);
        Menu edit = new Menu("Edit", null, undo, redo, new SeparatorMenuItem(),
                item("Cut", "Shortcut+X", () -> {
                    copy();
                    canvas.deleteSelection();
                }),
                item("Copy", "Shortcut+C", this::copy),
                item("Paste", "Shortcut+V", () -> paste("Paste")),
                item("Duplicate", "Shortcut+D", () -> {
                    copy();
                    paste("Duplicate");
                }),
                item("Delete", "Delete", canvas::deleteSelection),
                new SeparatorMenuItem(),
                item("Select All", "Shortcut+A", canvas::selectAll));
        edit.setOnShowing(e -> {
            undo.setText(editor.undoDescription().map(d -> "Undo " + d).orElse("Undo"));
            undo.setDisable(editor.undoDescription().isEmpty());
            redo.setText(editor.redoDescription().map(d -> "Redo " + d).orElse("Redo"));
            redo.setDisable(editor.redoDescription().isEmpty());
        });
        Menu view = new Menu("View", null,
                item("Zoom In", "Shortcut+Equals", () -> canvas.zoomBy(1.25)),
                item("Zoom Out", "Shortcut+Minus", () -> canvas.zoomBy(0.8)),
                item("Fit to Window", "Shortcut+0", canvas::fit),
                new SeparatorMenuItem(),
                item("Auto-layout Top-Down", "Shortcut+L", () -> autoLayout(true)),
                item("Auto-layout Left-Right", "Shortcut+Shift+L", () -> autoLayout(false)),
                new SeparatorMenuItem(),
                item("Light Theme", null, () -> LayerCanvasApp.theme(false)),
                item("Dark Theme", null, () -> LayerCanvasApp.theme(true)));
        Menu run = new Menu("Run", null,
                trainItem(),
                item("Pause / Resume", "Shortcut+P", () -> {
                    if (training.run() != null && !training.run().isDone()) {
                        if (training.run().isPaused()) {
                            training.run().resume();
                        } else {
                            training.run().pause();
                        }
                    }
                }),
                item("Stop", "Shortcut+Period", () -> {
                    if (training.run() != null) {
                        training.run().stop();
                    }
                }));
        Menu help = new Menu("Help", null,
                item("Layer Reference", "F1", this::layerReference),
                item("Keyboard Shortcuts", null, this::shortcuts),
                item("About LayerCanvas", null, () -> info("About LayerCanvas",
                        "LayerCanvas — design neural networks visually, train them live, export them.")));
        MenuBar bar = new MenuBar(file, edit, view, run, help);
        bar.setId("menu-bar");
        return bar;
    }

    private MenuItem trainItem() {
        MenuItem train = item("Train", "Shortcut+R", () -> training.start());
        train.disableProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(training.blocker()));
        return train;
    }

    private javafx.scene.control.ToolBar toolbar() {
        javafx.scene.control.ToolBar bar = new javafx.scene.control.ToolBar(
                button(MaterialDesignF.FILE_PLUS_OUTLINE, "New design (Ctrl+N)", this::newDesign),
                button(MaterialDesignF.FOLDER_OPEN_OUTLINE, "Open a design (Ctrl+O)", this::open),
                button(MaterialDesignC.CONTENT_SAVE_OUTLINE, "Save (Ctrl+S)", this::save),
                new javafx.scene.control.Separator(),
                button(MaterialDesignU.UNDO, "Undo (Ctrl+Z)", editor::undo),
                button(MaterialDesignR.REDO, "Redo (Ctrl+Shift+Z)", editor::redo),
                new javafx.scene.control.Separator(),
                button(MaterialDesignM.MAGNIFY_PLUS_OUTLINE, "Zoom in (Ctrl+=)", () -> canvas.zoomBy(1.25)),
                button(MaterialDesignM.MAGNIFY_MINUS_OUTLINE, "Zoom out (Ctrl+-)", () -> canvas.zoomBy(0.8)),
                button(MaterialDesignF.FIT_TO_PAGE_OUTLINE, "Fit the design in the window (Ctrl+0)", canvas::fit),
                button(MaterialDesignS.SITEMAP_OUTLINE, "Auto-layout top-down (Ctrl+L)", () -> autoLayout(true)),
                new javafx.scene.control.Separator(), training.toolbarButton());
        bar.setId("toolbar");
        return bar;
    }

    private static javafx.scene.control.Button button(org.kordamp.ikonli.Ikon icon, String tip, Runnable action) {
        javafx.scene.control.Button b = new javafx.scene.control.Button(null, new org.kordamp.ikonli.javafx.FontIcon(icon));
        b.setTooltip(new javafx.scene.control.Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setFocusTraversable(false);
        return b;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem item = new MenuItem(text);
        if (accelerator != null) {
            item.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        item.setOnAction(e -> action.run());
        return item;
    }

    // ---- editing --------------------------------------------------------------------------------

    /** Adds a layer below the selected one and wires the selection into it, or in the view's centre. */
    private void addBesideSelection(LayerType type) {
        Graph g = editor.graph();
        String from = editor.selection().size() == 1 ? editor.selection().iterator().next() : null;
        Position at;
        if (from != null) {
            Position p = g.node(from).position();
            at = new Position(p.x(), p.y() + NodeSkin.HEIGHT + 40);
        } else {
            var c = canvas.centre();
            at = new Position(c.getX() - NodeSkin.WIDTH / 2, c.getY() - NodeSkin.HEIGHT / 2);
        }
        canvas.addLayer(type, at, from);
        say("Added " + type.name());
    }

    private void autoLayout(boolean topDown) {
        // sideways, the shape labels sit on the connections between ranks: give them room
        editor.execute(new LayeredLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, topDown ? 50 : 90)
                .arrange(editor.graph(), topDown))
                .ifPresent(this::say);
        Platform.runLater(canvas::showOpened);
    }

    private void copy() {
        clipboard = Fragment.copy(editor.graph(), editor.selection());
        if (!clipboard.isEmpty()) {
            say("Copied " + clipboard.nodes().size() + " layer(s)");
        }
    }

    private void paste(String what) {
        if (clipboard.isEmpty()) {
            return;
        }
        var command = clipboard.pasteInto(editor.graph(), PASTE_OFFSET, PASTE_OFFSET, what);
        editor.execute(command).ifPresent(this::say);
        editor.selection().clear();
        command.nodes().forEach(n -> editor.selection().add(n.id()));
        clipboard = Fragment.copy(editor.graph(), editor.selection());
    }

    // ---- files ----------------------------------------------------------------------------------

    private void newDesign() {
        if (confirmDiscard("starting a new design")) {
            editor.replace(Design.of("untitled", Graph.empty()), null);
            say("New design");
        }
    }

    private void open() {
        if (!confirmDiscard("opening another design")) {
            return;
        }
        FileChooser chooser = chooser("Open Design");
        var chosen = chooser.showOpenDialog(stage);
        if (chosen != null) {
            open(chosen.toPath());
        }
    }

    /** Opens a design file; on failure shows the loader's message and keeps the current design. */
    void open(Path file) {
        try {
            Design design = new DesignCodec().read(file);
            editor.replace(design, file);
            remember(file);
            Platform.runLater(canvas::showOpened);
            say("Opened " + file.getFileName());
        } catch (DesignFormatException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
        } catch (IOException e) {
            error("Cannot open " + file.getFileName(), e.getMessage());
        }
    }

    private boolean save() {
        Path file = editor.fileProperty().get();
        return file == null ? saveAs() : saveTo(file);
    }

    private boolean saveAs() {
        FileChooser chooser = chooser("Save Design As");
        Path current = editor.fileProperty().get();
        chooser.setInitialFileName(current == null ? "design.json" : current.getFileName().toString());
        var chosen = chooser.showSaveDialog(stage);
        return chosen != null && saveTo(chosen.toPath());
    }

    /** Saves to {@code file}; on failure says why and keeps the changes. */
    boolean saveTo(Path file) {
        try {
            Path before = editor.fileProperty().get();
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

    private FileChooser chooser(String title) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle(title);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("LayerCanvas designs", "*.json"));
        Path current = editor.fileProperty().get();
        if (current != null && current.toAbsolutePath().getParent() != null) {
            chooser.setInitialDirectory(current.toAbsolutePath().getParent().toFile());
        }
        return chooser;
    }

    /** Asks whether to save unsaved changes; returns false when the person cancels. */
    /**
     * Returns whether the window may close: unsaved changes are kept or discarded as the person says,
     * and a run in progress is stopped first (after asking), so it ends with a checkpoint it can be
     * resumed from instead of being cut off inside the engine.
     */
    private boolean mayClose() {
        if (!confirmDiscard("closing")) {
            return false;
        }
        var run = training.run();
        if (run == null || run.isDone()) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("A run is training");
        alert.setHeaderText("Stop the run and close?");
        alert.setContentText("The run stops after its current batch and keeps a checkpoint; Runs → Resume "
                + "Training continues it later.");
        ButtonType stopAndClose = new ButtonType("Stop and Close", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(stopAndClose, ButtonType.CANCEL);
        if (alert.showAndWait().orElse(ButtonType.CANCEL) != stopAndClose) {
            return false;
        }
        run.stop();
        try {
            run.await(10, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    private boolean confirmDiscard(String doing) {
        if (!editor.dirtyProperty().get()) {
            return true;
        }
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        alert.initOwner(stage);
        alert.setTitle("Unsaved changes");
        alert.setHeaderText("Save changes to the design before " + doing + "?");
        ButtonType saveButton = new ButtonType("Save", ButtonBar.ButtonData.YES);
        ButtonType discard = new ButtonType("Don't Save", ButtonBar.ButtonData.NO);
        alert.getButtonTypes().setAll(saveButton, discard, ButtonType.CANCEL);
        var answer = alert.showAndWait().orElse(ButtonType.CANCEL);
        if (answer == saveButton) {
            return save();
        }
        if (answer == discard) {
            discardRecovery(editor.fileProperty().get());
            return true;
        }
        return false;
    }

    private void remember(Path file) {
        List<String> list = new ArrayList<>(List.of(prefs.get("recent", "").split("\n")));
        list.removeIf(s -> s.isBlank() || s.equals(file.toAbsolutePath().toString()));
        list.add(0, file.toAbsolutePath().toString());
        prefs.put("recent", String.join("\n", list.subList(0, Math.min(RECENT, list.size()))));
        fillRecent();
    }

    private void fillRecent() {
        recent.getItems().clear();
        for (String s : prefs.get("recent", "").split("\n")) {
            if (!s.isBlank() && Files.exists(Path.of(s))) {
                recent.getItems().add(item(s, null, () -> {
                    if (confirmDiscard("opening another design")) {
                        open(Path.of(s));
                    }
                }));
            }
        }
        recent.setDisable(recent.getItems().isEmpty());
    }

    // ---- dialogs --------------------------------------------------------------------------------

    private void error(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.initOwner(stage);
        alert.setTitle("LayerCanvas");
        alert.setHeaderText(header);
        alert.show();
        say(header + ": " + message);
    }

    private void info(String header, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        alert.initOwner(stage);
        alert.setHeaderText(header);
        alert.show();
    }

    private void layerReference() {
        StringBuilder sb = new StringBuilder();
        for (LayerType t : LayerCatalog.all()) {
            sb.append(t.name()).append(" — ").append(t.doc()).append('\n');
            for (Param p : t.params()) {
                sb.append("    ").append(p.name()).append(" = ").append(Param.format(p.defaultValue())).append(": ")
                        .append(p.doc()).append('\n');
            }
        }
        Alert alert = new Alert(Alert.AlertType.INFORMATION);
        alert.initOwner(stage);
        alert.setTitle("Layer Reference");
        alert.setHeaderText("Every layer kind and its parameters");
        javafx.scene.control.TextArea text = new javafx.scene.control.TextArea(sb.toString());
        text.setEditable(false);
        text.setPrefSize(720, 480);
        alert.getDialogPane().setContent(text);
        alert.show();
    }

    private void shortcuts() {
        info("Keyboard shortcuts", String.join("\n",
                "Ctrl+N / Ctrl+O / Ctrl+S / Ctrl+Shift+S   New, Open, Save, Save As",
                "Ctrl+Z / Ctrl+Shift+Z   Undo, Redo",
                "Ctrl+X / Ctrl+C / Ctrl+V / Ctrl+D   Cut, Copy, Paste, Duplicate",
                "Delete   Delete the selected layers or connection",
                "Ctrl+A   Select all",
                "Ctrl+1 / Ctrl+2 / Ctrl+3   Layer, Data, Settings panels;  Ctrl+R   Train",
                "Ctrl+wheel, Ctrl+= / Ctrl+-   Zoom;  Ctrl+0   Fit",
                "Middle drag or Space+drag, wheel   Pan",
                "Drag from a card's lower port to another card   Connect",
                "Double-click a palette entry   Add it below the selection"));
    }
}
