package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.Block;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.ui.canvas.CanvasView;
import org.layercanvas.ui.common.DesignEditor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Grouping, opening, editing inside and leaving a block with the mouse and keyboard, as a person does. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class BlocksInWindowTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
        w.window.open(Path.of("samples/iris-mlp.json"));
    }

    private DesignEditor editor() {
        return w.bench.editor();
    }

    private static Node card(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .layer-card").query();
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    private static String text(FxRobot robot, String query) {
        return robot.lookup(query).queryAs(Label.class).getText();
    }

    private void fit(FxRobot robot) {
        robot.clickOn(robot.lookup("#canvas").queryAs(CanvasView.class), MouseButton.MIDDLE);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void shortcut(FxRobot robot, KeyCode... keys) {
        robot.press(keys);
        robot.release(keys);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private LayerNode topLevel(String name) {
        return editor().graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void groupOpenEditInsideLeaveAndUndoAll(FxRobot robot) {
        fit(robot);
        long paramsBefore = editor().analysis().totalParams();
        // no batch norm: every parameter is trained, and the counts say only how many there are
        assertThat(text(robot, "#totals")).startsWith("5 layers · 131 parameters · ");
        robot.clickOn(card(robot, "hidden"));
        robot.press(KeyCode.CONTROL).clickOn(card(robot, "relu")).release(KeyCode.CONTROL);
        shortcut(robot, KeyCode.CONTROL, KeyCode.G);

        // one block card in place of the two layers, wired as they were, with the same parameters
        assertThat(editor().graph().nodes()).hasSize(4);
        LayerNode block = editor().graph().nodes().stream().filter(n -> n.spec() instanceof Block).findFirst()
                .orElseThrow();
        assertThat(status(robot)).startsWith("Grouped 2 layers into block '" + block.name() + "'");
        assertThat(editor().analysis().totalParams()).isEqualTo(paramsBefore);
        assertThat(robot.lookup("#card-" + block.name() + " .layer-shape").queryAs(
                javafx.scene.text.Text.class).getText()).isEqualTo("(4) → (16)");

        // double-click opens it: the breadcrumbs name the design and the block, its inside is on the canvas
        robot.doubleClickOn(card(robot, block.name()));
        assertThat(text(robot, "#crumb-here")).isEqualTo(block.name());
        assertThat(robot.lookup("#crumb-0").tryQuery()).isPresent();
        assertThat(robot.lookup("#card-hidden").tryQuery()).isPresent();
        assertThat(robot.lookup("#card-logits").tryQuery()).isEmpty();

        // typing a new width inside changes the block's output everywhere it is used
        robot.clickOn(card(robot, "hidden"));
        Node units = robot.lookup("#inspector-sheet .text-field").nth(0).query();
        robot.doubleClickOn(units).write("8").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().analysis().shape(block.id()).toString()).isEqualTo("(8)");

        // Alt+Up goes back out; the block card shows the new shape
        robot.clickOn(robot.lookup("#canvas").queryAs(CanvasView.class), MouseButton.MIDDLE);
        shortcut(robot, KeyCode.ALT, KeyCode.UP);
        assertThat(robot.lookup("#breadcrumbs").query().isVisible()).isFalse();
        assertThat(robot.lookup("#card-logits").tryQuery()).isPresent();
        assertThat(robot.lookup("#card-" + block.name() + " .layer-shape").queryAs(
                javafx.scene.text.Text.class).getText()).isEqualTo("(4) → (8)");

        // undo takes back the edit inside, then the grouping
        shortcut(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(editor().analysis().shape(block.id()).toString()).isEqualTo("(16)");
        shortcut(robot, KeyCode.CONTROL, KeyCode.Z);
        assertThat(editor().graph().nodes()).extracting(LayerNode::name)
                .containsExactlyInAnyOrder("features", "hidden", "relu", "logits", "species");
        assertThat(((Dense) topLevel("hidden").spec()).units()).isEqualTo(16);
        assertThat(editor().graph().hasBlocks()).isFalse();
    }

    @Test
    void ungroupPutsTheLayersBackSelected(FxRobot robot) {
        fit(robot);
        robot.clickOn(card(robot, "hidden"));
        robot.press(KeyCode.CONTROL).clickOn(card(robot, "relu")).clickOn(card(robot, "logits"))
                .release(KeyCode.CONTROL);
        shortcut(robot, KeyCode.CONTROL, KeyCode.G);
        assertThat(editor().graph().nodes()).hasSize(3);
        shortcut(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.G);
        assertThat(status(robot)).isEqualTo("Ungrouped into 3 layers");
        assertThat(editor().graph().nodes()).extracting(LayerNode::name)
                .containsExactlyInAnyOrder("features", "hidden", "relu", "logits", "species");
        assertThat(editor().selection()).hasSize(3);
        assertThat(editor().graph().hasBlocks()).isFalse();
        assertThat(editor().analysis().diagnostics()).isEmpty();
    }

    @Test
    void aNewDesignFromTheResNetTemplateIsUntitledAndSavingItAsksWhereLeavingTheSampleAlone(FxRobot robot,
            @TempDir Path dir) throws Exception {
        byte[] sample = Files.readAllBytes(Path.of("samples/resnet18.json"));
        shortcut(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N);
        // ResNet-18 is listed below the list's fold: scroll to it as a person would
        ListView<Object> templates = robot.lookup("#template-list").queryListView();
        robot.interact(() -> templates.scrollTo(templates.getItems().size() - 1));
        robot.clickOn("ResNet-18 (3×32×32)");
        // the facts are read off the FX thread: they show a moment after the pick
        TestWindow.waitFor(() -> text(robot, "#template-facts").startsWith("69 layers in 10 block definitions · 11.2M"
                + " parameters"), 10_000);
        robot.clickOn("Create");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().file()).isNull();
        assertThat(editor().graph().nodes()).hasSize(11);
        assertThat(status(robot)).startsWith("New design from the template ResNet-18");
        assertThat(robot.lookup("#card-stage2").tryQuery()).isPresent();

        // the blocks open as any block does
        // a design taller than the view opens at a readable zoom, top first: fit it to reach stage2
        fit(robot);
        robot.clickOn(card(robot, "stage2"));
        assertThat(text(robot, "#inspector-title")).isEqualTo("Block · stage128");
        // batch norms' running statistics are parameters that no gradient trains: counted apart, as PyTorch does
        assertThat(text(robot, "#inspector-facts")).isEqualTo("Output (128,16,16) · 525,568 trainable parameters"
                + " + 1,280 not trained (running statistics) · 134,217,728 FLOPs");
        assertThat(text(robot, "#totals")).startsWith("69 layers (4 blocks) · 11.2M trainable parameters + 9.6k not"
                + " trained (running statistics) · ");
        robot.doubleClickOn(card(robot, "stage2"));
        assertThat(text(robot, "#crumb-here")).isEqualTo("stage2");
        assertThat(robot.lookup("#card-block1").tryQuery()).isPresent();

        Path saved = dir.resolve("my-resnet.json");
        w.dialogs.answer(saved);
        shortcut(robot, KeyCode.CONTROL, KeyCode.S);
        assertThat(w.dialogs.titles).contains("Save Design As");
        assertThat(saved).exists();
        assertThat(Files.readAllBytes(Path.of("samples/resnet18.json"))).isEqualTo(sample);
    }

    @Test
    void aTemplateWithDataStillFindsItWhereverTheNewDesignIsSaved(FxRobot robot, @TempDir Path dir) throws Exception {
        shortcut(robot, KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.N);
        robot.doubleClickOn("Iris MLP");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().file()).isNull();
        assertThat(editor().baseDir().resolve((String) editor().design().dataset().get("file")))
                .hasSameTextualContentAs(Path.of("samples/data/iris.csv"));
        Path saved = dir.resolve("deep/er/iris.json");
        Files.createDirectories(saved.getParent());
        w.dialogs.answer(saved);
        shortcut(robot, KeyCode.CONTROL, KeyCode.S);
        assertThat(editor().file()).isEqualTo(saved);
        assertThat(saved.getParent().resolve((String) editor().design().dataset().get("file")))
                .hasSameTextualContentAs(Path.of("samples/data/iris.csv"));
    }
}
