package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.event.Event;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.input.ZoomEvent;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.edit.AutoLayout;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.RecoveryStore;
import org.layercanvas.ui.canvas.CanvasView;
import org.layercanvas.ui.canvas.NodeSkin;
import org.layercanvas.ui.common.DesignEditor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless (Monocle) as a person would: mouse, keyboard, menus. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
        w.window.open(Path.of("samples/iris-mlp.json"));
    }

    private DesignEditor editor() {
        return w.bench.editor();
    }

    private LayerNode named(String name) {
        return editor().graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private static Node card(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .layer-card").query();
    }

    private static Circle outputPort(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .output-port").queryAs(Circle.class);
    }

    private static String connectionLabel(FxRobot robot, Edge e) {
        return robot.lookup("#edge-label-" + e.from() + "-" + e.to() + "-" + e.port()).queryAs(Text.class).getText();
    }

    private CanvasView canvas(FxRobot robot) {
        return robot.lookup("#canvas").queryAs(CanvasView.class);
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    private void fit(FxRobot robot) {
        robot.clickOn(canvas(robot), MouseButton.MIDDLE);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void addConnectEditAndUndoChangeTheShapeOnTheOutgoingConnection(FxRobot robot) {
        fit(robot);
        robot.clickOn(card(robot, "relu"));
        robot.doubleClickOn("Dense");
        LayerNode dense = named("dense");
        assertThat(editor().graph().inputsOf(dense.id())).extracting(Edge::from).containsExactly(named("relu").id());
        robot.clickOn("#palette-search").write("tanh");
        robot.doubleClickOn("Tanh");
        Edge out = editor().graph().outputsOf(dense.id()).get(0);
        assertThat(connectionLabel(robot, out)).isEqualTo("(64)");

        robot.clickOn(card(robot, "dense"));
        Node units = robot.lookup("#inspector-sheet .text-field").nth(0).query();
        robot.doubleClickOn(units).write("32").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Dense) named("dense").spec()).units()).isEqualTo(32);
        assertThat(connectionLabel(robot, out)).isEqualTo("(32)");

        robot.doubleClickOn(units).write("0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status(robot)).isEqualTo("Refused: units must be between 1 and 1048576; got 0");
        assertThat(((Dense) named("dense").spec()).units()).isEqualTo(32);

        robot.clickOn(canvas(robot)).press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(connectionLabel(robot, out)).isEqualTo("(64)");
    }

    @Test
    void aConnectionIntoAFullInputIsRefusedWithTheReason(FxRobot robot) {
        fit(robot);
        int edges = editor().graph().edges().size();
        robot.drag(outputPort(robot, "features")).dropTo(card(robot, "species"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().edges()).hasSize(edges);
        assertThat(status(robot)).isEqualTo("Not connected: Output 'species' takes one input and has one;"
                + " use an Add or Concat to merge");
    }

    @Test
    void draggingACardMovesItInOneUndoableStep(FxRobot robot) {
        fit(robot);
        var before = named("hidden").position();
        robot.drag(card(robot, "hidden")).moveBy(60, 25).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(named("hidden").position().x()).isGreaterThan(before.x() + 20);
        assertThat(editor().undoDescription()).contains("Move Layer");
        robot.interact(() -> editor().undo());
        assertThat(named("hidden").position()).isEqualTo(before);
        assertThat(editor().dirtyProperty().get()).as("undone back to the file as saved").isFalse();
    }

    @Test
    void aDesignWithAnErrorShowsItInTheProblemsList(FxRobot robot, @TempDir Path dir) throws Exception {
        String broken = Files.readString(Path.of("samples/iris-mlp.json")).replace("\"units\": 3", "\"units\": 5");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, broken);
        robot.interact(() -> w.window.open(file));
        @SuppressWarnings("unchecked")
        ListView<Diagnostic> problems = robot.lookup("#problems").queryAs(ListView.class);
        assertThat(problems.getItems()).extracting(Diagnostic::message).anyMatch(m -> m.startsWith("has 3 classes"));
        robot.clickOn(robot.lookup("#problems .list-cell").match((javafx.scene.control.ListCell<?> c) ->
                c.getText() != null && c.getText().contains("has 3 classes")).queryAs(Node.class));
        assertThat(editor().selection()).containsExactly(named("species").id());
    }

    @Test
    void savingAsAndReopeningGivesTheSameGraph(FxRobot robot, @TempDir Path dir) throws Exception {
        fit(robot);
        robot.clickOn(card(robot, "relu"));
        robot.clickOn("#palette-search").write("dropout");
        robot.doubleClickOn("Dropout");
        Graph edited = editor().graph();
        assertThat(editor().dirtyProperty().get()).isTrue();
        Path file = dir.resolve("saved.json");
        w.dialogs.answer(file);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.dialogs.titles).contains("Save Design As");
        assertThat(editor().dirtyProperty().get()).isFalse();
        assertThat(new DesignCodec().read(file).graph()).isEqualTo(edited);
        robot.interact(() -> w.window.open(file));
        assertThat(editor().graph()).isEqualTo(edited);
        assertThat(w.context.recent().list()).first().isEqualTo(file.toAbsolutePath());
    }

    @Test
    void savingIntoAnotherFolderKeepsTheDataPathsPointingAtTheSameFilesAndNamesTheDesignAfterItsFile(
            FxRobot robot, @TempDir Path dir) throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("data"));
        Files.copy(Path.of("samples/data/iris.csv"), project.resolve("data/iris.csv"));
        Path first = project.resolve("iris-mlp.json");
        Files.copy(Path.of("samples/iris-mlp.json"), first);
        robot.interact(() -> w.window.open(first));
        Path elsewhere = Files.createDirectories(dir.resolve("elsewhere/deeper")).resolve("my-iris.json");
        w.dialogs.answer(elsewhere);
        robot.clickOn(canvas(robot));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Design saved = new DesignCodec().read(elsewhere);
        assertThat(saved.name()).as("the name followed the file's").isEqualTo("my-iris");
        assertThat(saved.dataset().get("file")).isEqualTo("../../project/data/iris.csv");
        assertThat(elsewhere.getParent().resolve((String) saved.dataset().get("file")).normalize())
                .isEqualTo(project.resolve("data/iris.csv").normalize());
        assertThat(editor().dirtyProperty().get()).isFalse();
        assertThat(editor().undoDescription()).contains("Save As");
    }

    @Test
    void aBrokenFileIsReportedAndTheCurrentDesignStaysOpen(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"layercanvas-design\", \"version\": 9, \"nodes\": [], \"edges\": []}");
        Graph before = editor().graph();
        robot.interact(() -> w.window.open(file));
        assertThat(editor().graph()).isEqualTo(before);
        assertThat(status(robot)).contains("written by a newer LayerCanvas");
        robot.type(KeyCode.ENTER);
    }

    @Test
    void selectAllAndDeleteEmptyTheCanvasAndUndoBringsItBack(FxRobot robot) {
        Graph before = editor().graph();
        robot.clickOn(canvas(robot));
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().size()).isZero();
        assertThat(robot.lookup(".layer-card").queryAll()).isEmpty();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph()).isEqualTo(before);
        assertThat(robot.lookup(".layer-card").queryAll()).hasSize(5);
    }

    @Test
    void unsavedChangesAreAutosavedAndOfferedBackAfterACrash(FxRobot robot, @TempDir Path dir) throws Exception {
        fit(robot);
        robot.clickOn(card(robot, "relu"));
        robot.doubleClickOn("Dense");
        Graph edited = editor().graph();
        RecoveryStore store = w.context.recovery();
        TestWindow.waitFor(() -> {
            try {
                return !store.list().isEmpty();
            } catch (java.io.IOException e) {
                return false;
            }
        }, 12_000);
        assertThat(store.list()).singleElement().satisfies(r -> {
            assertThat(r.design().graph()).isEqualTo(edited);
            assertThat(r.source()).isEqualTo(Path.of("samples/iris-mlp.json").toAbsolutePath());
        });
        // as after a crash: a fresh window finds the autosave and restores it on request
        robot.interact(() -> editor().replace(Design.of("other", Graph.empty()), null));
        javafx.application.Platform.runLater(() -> w.window.offerRecovery());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Restore");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph()).isEqualTo(edited);
        assertThat(editor().dirtyProperty().get()).isTrue();
        w.dialogs.answer(dir.resolve("saved.json"));
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.S).release(KeyCode.SHIFT, KeyCode.CONTROL);
        TestWindow.waitFor(() -> {
            try {
                return store.list().isEmpty();
            } catch (java.io.IOException e) {
                return false;
            }
        }, 5_000);
    }

    @Test
    void autoLayoutArrangesTheDesignInOneUndoableStep(FxRobot robot) throws Exception {
        Graph before = editor().graph();
        robot.clickOn(canvas(robot));
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        TestWindow.waitFor(() -> editor().undoDescription().isPresent(), 10_000);
        assertThat(editor().undoDescription()).contains("Auto-layout");
        assertThat(named("features").position().y()).isLessThan(named("hidden").position().y());
        assertThat(outputPort(robot, "features").getCenterX()).as("ports on top and below")
                .isEqualTo(NodeSkin.WIDTH / 2);

        // left to right: the ports move to the cards' sides and connections run sideways
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT, KeyCode.CONTROL);
        TestWindow.waitFor(() -> named("features").position().x() < named("hidden").position().x(), 10_000);
        assertThat(outputPort(robot, "features").getCenterX()).as("ports on the sides").isEqualTo(NodeSkin.WIDTH);
        robot.interact(() -> editor().undo());
        robot.interact(() -> editor().undo());
        assertThat(editor().graph()).isEqualTo(before);
        assertThat(outputPort(robot, "features").getCenterX()).isEqualTo(NodeSkin.WIDTH / 2);
    }

    @Test
    void aPinchZoomsAboutTheFingersAndKeepsThatPointStill(FxRobot robot) {
        CanvasView canvas = canvas(robot);
        double x = canvas.getWidth() * 0.3;
        double y = canvas.getHeight() * 0.6;
        Point2D under = canvas.toWorld(x, y);
        double span = canvas.toWorld(x + 100, y).getX() - under.getX();
        // as the scene delivers it: scene coordinates, made local to the canvas on the way
        Point2D scene = canvas.localToScene(x, y);
        robot.interact(() -> Event.fireEvent(canvas, new ZoomEvent(ZoomEvent.ZOOM, scene.getX(), scene.getY(),
                scene.getX(), scene.getY(), false, false, false, false, false, false, 1.5, 1.5, null)));
        assertThat(canvas.toWorld(x, y).getX()).isCloseTo(under.getX(), within(1e-3));
        assertThat(canvas.toWorld(x, y).getY()).isCloseTo(under.getY(), within(1e-3));
        assertThat(canvas.toWorld(x + 100, y).getX() - under.getX()).isCloseTo(span / 1.5, within(1e-3));
    }

    @Test
    void copyPasteKeepsTheConnectionsInsideTheCopy(FxRobot robot) {
        fit(robot);
        robot.clickOn(card(robot, "hidden"));
        robot.press(KeyCode.SHIFT).clickOn(card(robot, "relu")).release(KeyCode.SHIFT);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().size()).isEqualTo(7);
        LayerNode copy = named("hidden_2");
        assertThat(editor().graph().outputsOf(copy.id())).extracting(Edge::to).containsExactly(named("relu_2").id());
        assertThat(editor().graph().inputsOf(copy.id())).isEmpty();
        assertThat(editor().undoDescription()).contains("Paste");
    }

    @Test
    void aBigDesignGetsAMinimapThatMovesTheView(FxRobot robot) {
        assertThat(robot.lookup("#minimap").queryAs(Node.class).isVisible()).isFalse();
        Graph big = org.layercanvas.bench.BenchmarkGraphs.dag(120);
        Graph placed = new AutoLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, 50).arrange(big, org.layercanvas.graph.Flow.TOP_DOWN).move()
                .apply(big);
        robot.interact(() -> {
            editor().replace(Design.of("big", placed), null);
            canvas(robot).showOpened();
        });
        Node minimap = robot.lookup("#minimap").queryAs(Node.class);
        assertThat(minimap.isVisible()).isTrue();
        double before = canvas(robot).visibleBounds().getMinY();
        robot.clickOn(minimap);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(canvas(robot).visibleBounds().getMinY()).isGreaterThan(before);
    }

    @Test
    void statusMessagesGiveWayAfterAWhile(FxRobot robot) throws Exception {
        robot.interact(() -> w.bench.status().accept("Refused: something"));
        assertThat(status(robot)).isEqualTo("Refused: something");
        TestWindow.waitFor(() -> status(robot).equals("Ready"), 12_000);
    }
}
