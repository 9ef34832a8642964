package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layercanvas.ui.app.TestWindow.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.GridPane;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.graph.Design;
import org.layercanvas.graph.LayerNode;
import org.layercanvas.io.DesignCodec;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A newcomer builds an Iris classifier from File → New with nothing but the mouse and the keyboard:
 * layers dragged from the palette, wired port to port, sizes typed into the inspector, the CSV file
 * picked through the Data panel's own chooser, the epochs typed, the design saved and trained, and
 * the confusion matrix read. Monocle's drag-and-drop misbehaves beside other window tests, so this
 * test runs in a JVM of its own (the {@code journey} Surefire execution).
 */
@Tag("fx")
@Tag("engine")
@Tag("journey")
@ExtendWith(ApplicationExtension.class)
class NewcomerJourneyTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
    }

    private Node palette(FxRobot robot, String kind) {
        Node tree = robot.lookup("#palette").query();
        return robot.from(tree).lookup(".tree-cell").match((javafx.scene.control.TreeCell<?> c) ->
                kind.equals(c.getText())).query();
    }

    private static Node card(FxRobot robot, String name) {
        return robot.lookup("#card-" + name + " .layer-card").query();
    }

    private Point2D onCanvas(FxRobot robot, double x, double y) {
        Bounds b = robot.lookup("#canvas").query().localToScreen(robot.lookup("#canvas").query().getLayoutBounds());
        return new Point2D(b.getMinX() + x, b.getMinY() + y);
    }

    private LayerNode named(String name) {
        return w.bench.editor().graph().nodes().stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    /** Finds a kind with the palette's search box and drags it onto the canvas, as a person does. */
    private void drop(FxRobot robot, String kind, double y) {
        robot.clickOn("#palette-search").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(kind.toLowerCase(java.util.Locale.ROOT));
        WaitForAsyncUtils.waitForFxEvents();
        robot.drag(palette(robot, kind), MouseButton.PRIMARY).moveTo(onCanvas(robot, 260, y)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void wire(FxRobot robot, String from, String to) {
        Node port = robot.lookup("#card-" + from + " .output-port").query();
        robot.drag(port, MouseButton.PRIMARY).moveTo(card(robot, to)).drop();
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Selects a card and types into the n-th text field of the inspector, as a person tabs to it. */
    private void typeParameter(FxRobot robot, String card, int field, String text) {
        robot.clickOn(card(robot, card));
        Node input = robot.lookup("#inspector-sheet .text-field").nth(field).query();
        robot.doubleClickOn(input);
        robot.press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write(text).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static String text(FxRobot robot, String query) {
        Node n = robot.lookup(query).query();
        return n instanceof Text t ? t.getText() : ((javafx.scene.control.Labeled) n).getText();
    }

    @Test
    @Timeout(300)
    void buildsTrainsAndReadsAnIrisClassifierWithTheMouseAndKeyboard(FxRobot robot) throws Exception {
        Path project = Files.createDirectories(w.dir.resolve("project"));
        Files.copy(Path.of("samples/data/iris.csv"), project.resolve("iris.csv"));

        robot.clickOn(robot.lookup("#menu-bar .menu-button").match(
                org.testfx.matcher.control.LabeledMatchers.hasText("File")).queryAs(Node.class)).clickOn("New");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(text(robot, "#zoom-level")).isEqualTo("100 %");
        assertThat(robot.lookup(".layer-card").queryAll()).isEmpty();

        // five layers from the palette, one below the other
        drop(robot, "Input", 60);
        drop(robot, "Dense", 160);
        drop(robot, "ReLU", 260);
        drop(robot, "Dense", 360);
        drop(robot, "Output", 460);
        assertThat(robot.lookup(".layer-card").queryAll()).as("five cards on the canvas").hasSize(5);
        assertThat(robot.lookup("#card-output .output-port").queryAs(javafx.scene.shape.Circle.class).isVisible())
                .as("an Output leads nowhere").isFalse();

        // wired port to port
        wire(robot, "input", "dense");
        wire(robot, "dense", "relu");
        wire(robot, "relu", "dense_2");
        wire(robot, "dense_2", "output");
        assertThat(w.bench.editor().graph().edges()).hasSize(4);

        // the sizes typed: a 1-D input of 4 features, 16 hidden units, 3 classes
        typeParameter(robot, "input", 0, "4");
        assertThat(text(robot, "#card-input .layer-shape")).isEqualTo("(4)");
        typeParameter(robot, "dense", 0, "16");
        typeParameter(robot, "dense_2", 0, "3");
        typeParameter(robot, "output", 0, "3");
        assertThat(text(robot, "#card-dense .layer-shape")).isEqualTo("(16)");
        assertThat(robot.lookup("#bottom-tabs").queryAs(javafx.scene.control.TabPane.class).getTabs().get(0).getText())
                .as("no problems left: the tab shows no count").isEqualTo("Problems");

        // the CSV picked with the Data panel's own chooser: its columns are offered at once
        robot.clickOn("#tab-data");
        robot.clickOn("#data-kind").clickOn("CSV file");
        w.dialogs.answer(project.resolve("iris.csv"));
        robot.clickOn("#data-browse-file");
        waitFor(() -> "species".equals(robot.lookup("#data-csv-label").queryAs(ComboBox.class).getValue()), 10_000);
        assertThat(w.dialogs.titles).contains("Choose the CSV file");
        assertThat(robot.lookup("#data-csv-label").queryAs(ComboBox.class).getItems()).hasSize(5);
        waitFor(() -> text(robot, "#data-check").startsWith("Ready to train"), 15_000);

        // the epochs typed
        robot.clickOn("#tab-settings");
        TextField epochs = robot.lookup("#setting-epochs").queryAs(TextField.class);
        robot.doubleClickOn(epochs).press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL);
        robot.write("15").type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(w.bench.editor().design().training()).containsEntry("epochs", 15);

        // saved beside the data: the path is stored relative to the design
        Path file = project.resolve("my-iris.json");
        w.dialogs.answer(file);
        robot.clickOn("#canvas", MouseButton.MIDDLE);
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Design saved = new DesignCodec().read(file);
        assertThat(saved.dataset()).containsEntry("file", "iris.csv").containsEntry("label", "species");
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).isEqualTo("Saved my-iris.json");

        // trained, and read
        waitFor(() -> !robot.lookup("#train").queryAs(Button.class).isDisabled(), 15_000);
        robot.clickOn("#tab-training").clickOn("#train");
        waitFor(() -> text(robot, "#evaluation-summary").startsWith("Validation accuracy"), 120_000);
        GridPane matrix = robot.lookup("#confusion-matrix").queryAs(GridPane.class);
        int total = matrix.getChildren().stream().filter(n -> GridPane.getRowIndex(n) > 0
                && GridPane.getColumnIndex(n) > 0).mapToInt(n -> Integer.parseInt(((Label) n).getText())).sum();
        assertThat(total).as("every validation flower counted once").isEqualTo(30);
        assertThat(matrix.getChildren().stream().filter(n -> n instanceof Label l && "versicolor".equals(l.getText())))
                .as("a row and a column of each species").hasSize(2);
        assertThat(charts(robot)).isEqualTo(15);
        robot.clickOn("#tab-runs");
        waitFor(() -> robot.lookup("#runs-table").queryAs(TableView.class).getItems().size() == 1, 10_000);
        assertThat(robot.lookup("my-iris").queryAll()).as("the run is named after the design as saved").isNotEmpty();
    }

    /** Returns how many epochs the epoch chart shows. */
    private int charts(FxRobot robot) {
        return w.bench.charts().epochSeries().get(1).getItemCount();
    }
}
