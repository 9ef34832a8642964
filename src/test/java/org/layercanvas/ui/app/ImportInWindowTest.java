package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.onnx.TinyModels;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** File → Import ONNX with the keyboard: the model comes in as a design with a run of its weights. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class ImportInWindowTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
        w.window.open(Path.of("samples/iris-mlp.json"));
    }

    private static String status(FxRobot robot) {
        return robot.lookup("#status").queryAs(Label.class).getText();
    }

    @Test
    void aModelIsImportedSavedWhereAskedOpenedAndItsWeightsKeptAsARun(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("tiny.onnx");
        Files.write(model, TinyModels.mlp().toByteArray());
        Path design = dir.resolve("tiny.json");
        w.dialogs.answer(model);
        w.dialogs.answer(design);
        robot.press(KeyCode.CONTROL).type(KeyCode.I).release(KeyCode.CONTROL);
        // the design opens first; its cards and the status follow on later pulses
        TestWindow.waitFor(() -> design.equals(w.bench.editor().file())
                && robot.lookup("#card-/fc1/Gemm").tryQuery().isPresent()
                && status(robot).startsWith("Imported "), 60_000);

        assertThat(w.dialogs.titles).containsExactly("Import ONNX Model", "Save Imported Design As");
        assertThat(w.bench.editor().graph().nodes()).extracting(LayerNode::name).contains("/fc1/Gemm", "/fc2/Gemm");
        assertThat(robot.lookup("#card-/fc1/Gemm").tryQuery()).isPresent();
        assertThat(status(robot)).startsWith("Imported tiny.onnx: ");
        assertThat(RunFolder.list(w.dir.resolve("runs"))).singleElement()
                .satisfies(run -> assertThat(run.model()).exists());
    }

    @Test
    void aFileThatIsNotOnnxIsRefusedWithItsNameAndNothingIsWritten(FxRobot robot, @TempDir Path dir)
            throws Exception {
        Path model = dir.resolve("notes.onnx");
        Files.writeString(model, "these are my notes, not a model");
        w.dialogs.answer(model);
        robot.press(KeyCode.CONTROL).type(KeyCode.I).release(KeyCode.CONTROL);
        TestWindow.waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), 30_000);

        DialogPane alert = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(alert.getHeaderText()).isEqualTo("Cannot import notes.onnx");
        assertThat(alert.getContentText()).contains("notes.onnx");
        assertThat(w.dialogs.titles).containsExactly("Import ONNX Model");
        assertThat(w.bench.editor().file()).isEqualTo(Path.of("samples/iris-mlp.json"));
        assertThat(dir.resolve("runs")).doesNotExist();
        robot.clickOn("OK");
    }
}
