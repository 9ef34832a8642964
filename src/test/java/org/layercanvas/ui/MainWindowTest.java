package org.layercanvas.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.io.RecoveryStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Drives the real window headless (Monocle) as a person would: mouse, keyboard, menus. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class MainWindowTest {
    private MainWindow window;

    private Path recoveryDir;

    @Start
    void start(Stage stage) throws Exception {
        LayerCanvasApp.theme(false);
        recoveryDir = Files.createTempDirectory("recovery");
        window = new MainWindow(stage, Design.of("untitled", Graph.empty()), null, new RecoveryStore(recoveryDir));
        window.open(Path.of("samples/iris-mlp.json"));
        stage.show();
    }

    private DesignEditor editor() {
        return window.editor();
    }

    private LayerNode named(String name) {
        return editor().graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    private Node card(String name) {
        return window.canvas().skin(named(name).id()).card();
    }

    private Node outputPort(String name) {
        return window.canvas().skin(named(name).id()).outputPort();
    }

    private Label status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class);
    }

    @Test
    void addConnectEditAndUndoChangeTheShapeOnTheOutgoingConnection(FxRobot robot) {
        robot.interact(() -> window.canvas().fit());
        robot.clickOn(card("relu"));
        robot.doubleClickOn("Dense");
        LayerNode dense = named("dense");
        assertThat(editor().graph().inputsOf(dense.id())).extracting(Edge::from).containsExactly(named("relu").id());
        robot.clickOn("#palette-search").write("tanh");
        robot.doubleClickOn("Tanh");
        Edge out = editor().graph().outputsOf(dense.id()).get(0);
        assertThat(window.canvas().edgeSkin(out).labelText()).isEqualTo("(64)");

        robot.clickOn(card("dense"));
        Node units = robot.lookup("#inspector-sheet .text-field").nth(0).query();
        robot.doubleClickOn(units).write("32").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(((Dense) named("dense").spec()).units()).isEqualTo(32);
        assertThat(window.canvas().edgeSkin(out).labelText()).isEqualTo("(32)");

        robot.doubleClickOn(units).write("0").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(status(robot).getText()).isEqualTo("Refused: units must be between 1 and 1048576; got 0");
        assertThat(((Dense) named("dense").spec()).units()).isEqualTo(32);

        robot.clickOn(window.canvas()).press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().edgeSkin(out).labelText()).isEqualTo("(64)");
    }

    @Test
    void aConnectionIntoAFullInputIsRefusedWithTheReason(FxRobot robot) {
        robot.interact(() -> window.canvas().fit());
        int edges = editor().graph().edges().size();
        robot.drag(outputPort("features")).dropTo(card("species"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().edges()).hasSize(edges);
        assertThat(status(robot).getText()).isEqualTo("Not connected: Output 'species' takes one input and has one;"
                + " use an Add or Concat to merge");
    }

    @Test
    void draggingACardMovesItInOneUndoableStep(FxRobot robot) {
        robot.interact(() -> window.canvas().fit());
        var before = named("hidden").position();
        robot.drag(card("hidden")).moveBy(60, 25).drop();
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(named("hidden").position().x()).isGreaterThan(before.x() + 20);
        assertThat(editor().undoDescription()).contains("Move Layer");
        robot.interact(() -> editor().undo());
        assertThat(named("hidden").position()).isEqualTo(before);
    }

    @Test
    void aDesignWithAnErrorShowsItInTheProblemsList(FxRobot robot, @TempDir Path dir) throws Exception {
        String broken = Files.readString(Path.of("samples/iris-mlp.json")).replace("\"units\": 3", "\"units\": 5");
        Path file = dir.resolve("broken.json");
        Files.writeString(file, broken);
        robot.interact(() -> window.open(file));
        @SuppressWarnings("unchecked")
        ListView<Diagnostic> problems = robot.lookup("#problems").queryAs(ListView.class);
        assertThat(problems.getItems()).extracting(Diagnostic::message).anyMatch(m -> m.startsWith("has 3 classes"));
        robot.clickOn(robot.lookup("#problems .list-cell").nth(0).queryAs(Node.class));
        assertThat(editor().selection()).containsExactly(named("species").id());
    }

    @Test
    void savingAndReopeningGivesTheSameGraph(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window.canvas().fit());
        robot.clickOn(card("relu"));
        robot.doubleClickOn("Dropout");
        Graph edited = editor().graph();
        Path file = dir.resolve("saved.json");
        robot.interact(() -> window.saveTo(file));
        assertThat(editor().dirtyProperty().get()).isFalse();
        assertThat(new DesignCodec().read(file).graph()).isEqualTo(edited);
        robot.interact(() -> window.open(file));
        assertThat(editor().graph()).isEqualTo(edited);
    }

    @Test
    void aBrokenFileIsReportedAndTheCurrentDesignStaysOpen(FxRobot robot, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"format\": \"layercanvas-design\", \"version\": 9, \"nodes\": [], \"edges\": []}");
        Graph before = editor().graph();
        robot.interact(() -> window.open(file));
        assertThat(editor().graph()).isEqualTo(before);
        assertThat(status(robot).getText()).contains("written by a newer LayerCanvas");
        robot.type(KeyCode.ENTER);
    }

    @Test
    void selectAllAndDeleteEmptyTheCanvasAndUndoBringsItBack(FxRobot robot) {
        Graph before = editor().graph();
        robot.clickOn(window.canvas());
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.type(KeyCode.DELETE);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().size()).isZero();
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph()).isEqualTo(before);
        assertThat(List.copyOf(editor().graph().nodes())).hasSize(5);
    }

    @Test
    void unsavedChangesAreAutosavedAndOfferedBackAfterACrash(FxRobot robot, @TempDir Path dir) throws Exception {
        robot.interact(() -> window.canvas().fit());
        robot.clickOn(card("relu"));
        robot.doubleClickOn("Dense");
        Graph edited = editor().graph();
        robot.interact(() -> window.autosave());
        RecoveryStore store = new RecoveryStore(recoveryDir);
        long deadline = System.currentTimeMillis() + 5000;
        while (store.list().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(store.list()).singleElement().satisfies(r -> {
            assertThat(r.design().graph()).isEqualTo(edited);
            assertThat(r.source()).isEqualTo(Path.of("samples/iris-mlp.json").toAbsolutePath());
        });
        // as after a crash: a fresh window finds the autosave and restores it on request
        robot.interact(() -> editor().replace(Design.of("other", Graph.empty()), null));
        javafx.application.Platform.runLater(() -> window.offerRecovery());
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn("Restore");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph()).isEqualTo(edited);
        assertThat(editor().dirtyProperty().get()).isTrue();
        Path saved = dir.resolve("saved.json");
        robot.interact(() -> window.saveTo(saved));
        deadline = System.currentTimeMillis() + 5000;
        while (!store.list().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertThat(store.list()).as("saving removes the autosave").isEmpty();
    }

    @Test
    void autoLayoutArrangesTheDesignInOneUndoableStep(FxRobot robot) {
        Graph before = editor().graph();
        robot.clickOn(window.canvas());
        robot.press(KeyCode.CONTROL).type(KeyCode.L).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().undoDescription()).contains("Auto-layout");
        assertThat(named("features").position().y()).isLessThan(named("hidden").position().y());
        assertThat(window.canvas().horizontal()).as("ports on top and below").isFalse();

        // left to right: the ports move to the cards' sides and connections run sideways
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.L).release(KeyCode.SHIFT, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(named("features").position().x()).isLessThan(named("hidden").position().x());
        assertThat(window.canvas().horizontal()).as("ports on the sides").isTrue();
        robot.interact(() -> editor().undo());
        robot.interact(() -> editor().undo());
        assertThat(editor().graph()).isEqualTo(before);
        assertThat(window.canvas().horizontal()).isFalse();
    }

    @Test
    void aPinchZoomsAboutTheFingersAndKeepsThatPointStill(FxRobot robot) {
        CanvasView canvas = window.canvas();
        double x = canvas.getWidth() * 0.3;
        double y = canvas.getHeight() * 0.6;
        javafx.geometry.Point2D under = canvas.toWorld(x, y);
        double span = canvas.toWorld(x + 100, y).getX() - under.getX();
        // as the scene delivers it: scene coordinates, made local to the canvas on the way
        javafx.geometry.Point2D scene = canvas.localToScene(x, y);
        robot.interact(() -> javafx.event.Event.fireEvent(canvas, new javafx.scene.input.ZoomEvent(
                javafx.scene.input.ZoomEvent.ZOOM, scene.getX(), scene.getY(), scene.getX(), scene.getY(), false,
                false, false, false, false, false, 1.5, 1.5, null)));
        assertThat(canvas.toWorld(x, y).getX()).isCloseTo(under.getX(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(canvas.toWorld(x, y).getY()).isCloseTo(under.getY(), org.assertj.core.api.Assertions.within(1e-3));
        assertThat(canvas.toWorld(x + 100, y).getX() - under.getX())
                .isCloseTo(span / 1.5, org.assertj.core.api.Assertions.within(1e-3));
    }

    @Test
    void copyPasteKeepsTheConnectionsInsideTheCopy(FxRobot robot) {
        robot.interact(() -> {
            editor().selection().clear();
            editor().selection().add(named("hidden").id());
            editor().selection().add(named("relu").id());
        });
        robot.clickOn(robot.lookup("#canvas").queryAs(Node.class), javafx.scene.input.MouseButton.MIDDLE);
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
        Graph placed = new org.layercanvas.edit.AutoLayout(NodeSkin.WIDTH, NodeSkin.HEIGHT, 50)
                .arrange(big, org.layercanvas.edit.AutoLayout.Flow.TOP_DOWN).move()
                .apply(big);
        robot.interact(() -> {
            editor().replace(Design.of("big", placed), null);
            window.canvas().showOpened();
        });
        Node minimap = robot.lookup("#minimap").queryAs(Node.class);
        assertThat(minimap.isVisible()).isTrue();
        double before = window.canvas().visibleBounds().getMinY();
        robot.clickOn(minimap);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.canvas().visibleBounds().getMinY()).isGreaterThan(before);
    }
}
