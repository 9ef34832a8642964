package org.layercanvas.ui.app;

import java.nio.file.Path;
import java.util.List;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.input.MouseEvent;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.controlsfx.control.Notifications;
import org.layercanvas.engine.Readiness;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunHealth;
import org.layercanvas.ui.canvas.Breadcrumbs;
import org.layercanvas.ui.canvas.CanvasActions;
import org.layercanvas.ui.canvas.CanvasView;
import org.layercanvas.ui.canvas.MinimapView;
import org.layercanvas.ui.canvas.PaletteView;
import org.layercanvas.ui.canvas.ZoomLevel;
import org.layercanvas.ui.common.DesignEditor;
import org.layercanvas.ui.common.ReadinessModel;
import org.layercanvas.ui.data.DataView;
import org.layercanvas.ui.inspector.InspectorView;
import org.layercanvas.ui.inspector.ProblemsView;
import org.layercanvas.ui.runs.ExportDialog;
import org.layercanvas.ui.runs.RunsView;
import org.layercanvas.ui.training.DecisionBoundaryView;
import org.layercanvas.ui.training.EvaluationView;
import org.layercanvas.ui.training.SettingsView;
import org.layercanvas.ui.training.TrainingModel;
import org.layercanvas.ui.training.TrainingView;

/**
 * The main window: palette, canvas with its minimap, the Problems, Training, Evaluation and Runs
 * tabs below it, the Layer, Data and Settings tabs beside it, menus, toolbar and status bar. This is
 * where the features meet: it builds each view on its model from the {@link Workbench} and routes
 * what one feature asks of another (a problem reveals its layer, a run redraws its charts).
 */
public final class MainWindow {
    private final Stage stage;
    private final Workbench bench;
    private final CanvasView canvas;
    private final FileActions files;
    private final TabPane bottom;
    private final SidePanel side;

    /** Builds the window on {@code stage} around the design and models of {@code bench}. */
    public MainWindow(Stage stage, Workbench bench) {
        this.stage = stage;
        this.bench = bench;
        DesignEditor editor = bench.editor();
        var say = bench.status();
        canvas = new CanvasView(editor, say);
        CanvasActions edits = new CanvasActions(editor, canvas, bench.background(), say);
        edits.warmUp();
        files = new FileActions(stage, bench, canvas::showOpened);
        PaletteView palette = new PaletteView(editor, edits);
        MinimapView minimap = new MinimapView(editor, canvas);
        ZoomLevel zoom = new ZoomLevel(canvas);
        Breadcrumbs crumbs = new Breadcrumbs(editor);
        StackPane canvasArea = new StackPane(canvas, minimap, zoom, crumbs);
        StackPane.setAlignment(crumbs, Pos.TOP_LEFT);
        StackPane.setMargin(crumbs, new Insets(8));
        StackPane.setAlignment(minimap, Pos.BOTTOM_RIGHT);
        StackPane.setMargin(minimap, new Insets(10));
        StackPane.setAlignment(zoom, Pos.BOTTOM_LEFT);
        StackPane.setMargin(zoom, new Insets(10));

        TrainingModel training = bench.training();
        DecisionBoundaryView boundary = new DecisionBoundaryView(bench.background(), say);
        training.onStarted(job -> boundary.setPoints(job.data().train()));
        training.onCheckpoint((job, c) -> boundary.update(job.graph(), job.folder().dir().resolve(c.file()),
                c.epoch()));
        training.onEnded(o -> notifyEnded(o.title(), o.text()));
        RunsView runs = new RunsView(bench.runs(), bench.background(), say);
        ProblemsView problems = new ProblemsView(editor, canvas::reveal);
        Tab problemsTab = tab("Problems", problems);
        problemsTab.textProperty().bind(problems.tabTitleProperty());
        bottom = new TabPane(problemsTab,
                tab("Training", new TrainingView(training, boundary, bench.context().dialogs(), say)),
                tab("Evaluation", new EvaluationView(bench.evaluation())), tab("Runs", runs));
        bottom.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        bottom.setId("bottom-tabs");
        runs.setOnOpen(folder -> {
            training.replay(folder);
            bottom.getSelectionModel().select(1);
        });
        runs.setOnResume(folder -> {
            bottom.getSelectionModel().select(1);
            training.resume(folder);
        });
        runs.setOnExport(this::exportModel);
        runs.setOnTrainFrom(folder -> trainFrom(folder, false));
        SplitPane centre = new SplitPane(canvasArea, bottom);
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.76);
        // the charts and tables below (Training, Evaluation, Runs) open with room for them, once,
        // unless the person has placed the divider already
        boolean[] placed = {false};
        centre.addEventFilter(MouseEvent.MOUSE_PRESSED, e -> placed[0] |= e.getTarget() instanceof Node n
                && n.getStyleClass().contains("split-pane-divider"));
        Runnable makeRoom = () -> {
            if (!placed[0] && centre.getDividerPositions()[0] > 0.5) {
                centre.setDividerPositions(0.45);
            }
        };
        bottom.getSelectionModel().selectedIndexProperty().addListener((o, a, b) -> {
            if (b.intValue() > 0) {
                makeRoom.run();
            }
        });
        training.onStarted(job -> {
            bottom.getSelectionModel().select(1);
            makeRoom.run();
        });
        bench.evaluation().shownProperty().addListener((o, a, b) -> {
            if (b != null) {
                bottom.getSelectionModel().select(2);
            }
        });
        SidePanel side = new SidePanel(editor, new InspectorView(editor, say),
                new DataView(bench.data(), editor, bench.readiness(), bench.background(), bench.context().dialogs()), new SettingsView(editor, bench.settings()));
        SplitPane main = new SplitPane(palette, centre, side);
        main.setDividerPositions(0.17, 0.71);
        SplitPane.setResizableWithParent(palette, false);
        SplitPane.setResizableWithParent(side, false);

        this.side = side;
        Menus menus = new Menus(editor, files, canvas, edits, training, () -> exportModel(null));
        BorderPane root = new BorderPane(main);
        root.setTop(new VBox(menus.menuBar(side, new HelpDialogs(stage)), menus.toolbar()));
        root.setBottom(new StatusBar(say, editor));
        Scene scene = new Scene(root, 1280, 800);
        scene.getStylesheets().add(MainWindow.class.getResource("/org/layercanvas/ui/layercanvas.css")
                .toExternalForm());
        stage.setScene(scene);
        stage.setOnCloseRequest(e -> {
            e.consume();
            files.close();
        });
        editor.dirtyProperty().addListener((o, a, b) -> title());
        editor.fileProperty().addListener((o, a, b) -> title());
        title();
    }

    private static Tab tab(String name, Node content) {
        Tab t = new Tab(name, content);
        t.setId("tab-" + name.toLowerCase(java.util.Locale.ROOT));
        return t;
    }

    /** Opens a design file; on failure shows the loader's message and keeps the current design. */
    public void open(Path file) {
        files.open(file);
    }

    /** Brings a side tab forward: 0 the layer, 1 the data, 2 the settings. */
    public void showSideTab(int index) {
        side.getSelectionModel().select(index);
    }

    /** Offers to restore autosaved changes after a crash; returns whether a design was restored. */
    public boolean offerRecovery() {
        return files.offerRecovery();
    }

    /** Shows the file's name in the title, with a dot while there are unsaved changes. */
    private void title() {
        Path file = bench.editor().file();
        String name = file == null ? "Untitled" : file.getFileName().toString();
        stage.setTitle((bench.editor().dirtyProperty().get() ? "• " : "") + name + " — LayerCanvas");
    }

    /**
     * Opens the export dialog on the runs whose model can be exported (a damaged one is marked in the
     * Runs tab instead), {@code preselected} or else the design's newest finished run.
     */
    private void exportModel(RunFolder preselected) {
        var runs = bench.runs();
        RunFolder chosen = preselected != null ? preselected
                : runs.newestOfDesign().map(r -> r.folder()).orElse(null);
        new ExportDialog(stage, runs.all().stream().filter(r -> r.refusal(RunHealth.Use.MODEL).isEmpty())
                .map(r -> r.folder()).toList(), chosen, bench.background(), bench.context().dialogs()).show();
    }

    /**
     * Trains the open design from the weights of {@code folder}. A refusal is shown as an alert that
     * names each layer in the way; when layers whose weights changed shape are, it offers to start
     * them fresh and the others from the run's weights.
     */
    private void trainFrom(RunFolder folder, boolean freshWhereChanged) {
        bench.training().startFrom(folder, freshWhereChanged, refused -> {
            boolean changed = refused.problems().stream().anyMatch(p -> p.cause() == Readiness.Cause.CHANGED);
            Alert alert = new Alert(Alert.AlertType.ERROR);
            alert.initOwner(stage);
            alert.setTitle("LayerCanvas");
            alert.setHeaderText("Cannot train from the weights of " + folder.dir().getFileName());
            alert.setContentText(String.join("\n", refused.problems().stream().map(ReadinessModel::hinted).toList())
                    + (changed ? "\n\nThese layers can start fresh, and the others from the run's weights." : ""));
            ButtonType fresh = new ButtonType("Start Them Fresh", ButtonBar.ButtonData.OK_DONE);
            alert.getButtonTypes().setAll(changed ? List.of(fresh, ButtonType.CANCEL) : List.of(ButtonType.OK));
            alert.showAndWait().filter(fresh::equals).ifPresent(b -> trainFrom(folder, true));
        });
    }

    private void notifyEnded(String title, String text) {
        if (!stage.isShowing()) {
            return;
        }
        Notifications.create().owner(stage).title(title).text(text).hideAfter(javafx.util.Duration.seconds(6))
                .showInformation();
    }
}
