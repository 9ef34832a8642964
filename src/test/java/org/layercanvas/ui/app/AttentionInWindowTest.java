package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.shape.Circle;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Dense;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.Edge;
import org.layercanvas.graph.Embedding;
import org.layercanvas.graph.GlobalAvgPool;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Input;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.graph.LayerSpec;
import org.layercanvas.graph.MultiHeadAttention;
import org.layercanvas.graph.Output;
import org.layercanvas.graph.Position;
import org.layercanvas.graph.Shape;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.ui.canvas.CanvasView;
import org.layercanvas.ui.common.DesignEditor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Turning a self-attention into a query's over a key and a value by connecting them with the mouse. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class AttentionInWindowTest {
    private TestWindow w;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
        List<LayerNode> nodes = List.of(node("tokens", new Input(List.of(20)), 230, 0),
                node("embed", new Embedding(16, 32), 230, 120), node("query", new Dense(32, true), 0, 240),
                node("key", new Dense(32, true), 230, 240), node("value", new Dense(32, true), 460, 240),
                node("cross", new MultiHeadAttention(4, 0.0, false, true), 230, 380),
                node("pool", new GlobalAvgPool(), 230, 500), node("classify", new Dense(2, true), 230, 620),
                node("out", new Output(Output.SOFTMAX_CROSS_ENTROPY, 2), 230, 740));
        List<Edge> edges = List.of(new Edge("tokens", "embed", 0), new Edge("embed", "query", 0),
                new Edge("embed", "key", 0), new Edge("embed", "value", 0), new Edge("query", "cross", 0),
                new Edge("cross", "pool", 0), new Edge("pool", "classify", 0), new Edge("classify", "out", 0));
        Path file = dir.resolve("cross.json");
        new DesignCodec().write(Design.of("cross", Graph.of(nodes, edges)), file);
        w.window.open(file);
    }

    private static LayerNode node(String name, LayerSpec spec, double x, double y) {
        return new LayerNode(name, name, spec, new Position(x, y));
    }

    private DesignEditor editor() {
        return w.bench.editor();
    }

    private static Node card(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .layer-card").query();
    }

    private static Circle outputPort(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .output-port").queryAs(Circle.class);
    }

    private static long inputPortsShown(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .input-port").queryAllAs(Circle.class).stream()
                .filter(Node::isVisible).count();
    }

    private static List<String> portLabels(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .port-label").queryAllAs(Text.class).stream().map(Text::getText)
                .toList();
    }

    @Test
    void connectingAKeyAndAValueGivesTheAttentionThreeLabelledPorts(FxRobot robot) {
        robot.clickOn(robot.lookup("#canvas").queryAs(CanvasView.class), MouseButton.MIDDLE);
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT0).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(inputPortsShown(robot, "cross")).as("self-attention has one port").isEqualTo(1);
        assertThat(portLabels(robot, "cross")).isEmpty();

        robot.drag(outputPort(robot, "key")).dropTo(card(robot, "cross"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().inputsOf("cross")).contains(new Edge("key", "cross", 1));
        assertThat(inputPortsShown(robot, "cross")).isEqualTo(3);
        assertThat(portLabels(robot, "cross")).containsExactly("q", "k", "v");
        assertThat(Analysis.of(editor().graph()).diagnosticsOf("cross")).singleElement()
                .satisfies(d -> assertThat(d.message()).contains("or three (query, key and value"));

        robot.drag(outputPort(robot, "value")).dropTo(card(robot, "cross"));
        WaitForAsyncUtils.waitForFxEvents();
        Analysis analysis = Analysis.of(editor().graph());
        assertThat(editor().graph().inputsOf("cross")).extracting(Edge::from).containsExactly("query", "key", "value");
        assertThat(analysis.hasErrors()).as(analysis.diagnostics().toString()).isFalse();
        assertThat(analysis.shape("cross")).isEqualTo(Shape.of(20, 32));

        robot.drag(outputPort(robot, "embed")).dropTo(card(robot, "cross"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().graph().inputsOf("cross")).hasSize(3);
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Not connected:"
                + " MultiHeadAttention 'cross' takes one input or three (query, key, value) and has three");
    }
}
