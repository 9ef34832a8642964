package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layercanvas.ui.app.TestWindow.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.TilePane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.ui.common.DesignEditor;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Data and Settings panels, driven as a person would: keyboard, combo boxes, sample buttons, menus. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DataPanelTest {
    private TestWindow w;
    private Path dir;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
        dir = w.dir;
    }

    private DesignEditor editor() {
        return w.bench.editor();
    }

    /** Opens a copy of a sample design from the temporary folder, with its data files named absolutely. */
    private Path openCopy(FxRobot robot, String sample, String... replacements) throws Exception {
        String text = Files.readString(Path.of("samples", sample)).replace("\"data/",
                "\"" + Path.of("samples/data").toAbsolutePath() + "/");
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = dir.resolve(sample);
        Files.writeString(file, text);
        robot.interact(() -> w.window.open(file));
        return file;
    }

    private static void type(FxRobot robot, TextField field, String text) {
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void data(FxRobot robot) {
        robot.clickOn("#tab-data");
    }

    private static TextField field(FxRobot robot, String id) {
        return robot.lookup("#data-" + id).queryAs(TextField.class);
    }

    private static String previewMessage(FxRobot robot) {
        Label l = robot.lookup("#data-preview-message").queryAs(Label.class);
        return l.isVisible() ? l.getText() : "";
    }

    private static String previewTitle(FxRobot robot) {
        return robot.lookup("#data-preview-title").queryAs(Label.class).getText();
    }

    private TextField setting(FxRobot robot, String key) {
        robot.clickOn("#tab-settings");
        return robot.lookup("#setting-" + key).queryAs(TextField.class);
    }

    private String check(FxRobot robot) {
        return robot.lookup("#data-check").queryAs(Label.class).getText();
    }

    private boolean trainDisabled(FxRobot robot) {
        return robot.lookup("#train").queryAs(Button.class).isDisabled();
    }

    private static javafx.scene.control.MenuItem runTrainItem(FxRobot robot) {
        return robot.lookup("#menu-bar").queryAs(javafx.scene.control.MenuBar.class).getMenus().stream()
                .filter(m -> m.getText().equals("Run")).findFirst().orElseThrow().getItems().stream()
                .filter(i -> "Train".equals(i.getText())).findFirst().orElseThrow();
    }

    /** Returns the scatter preview's data as drawn, or null when none is on screen. */
    private static org.jfree.data.xy.XYDataset scatter(FxRobot robot) {
        return robot.lookup("#data-scatter").tryQuery()
                .map(n -> ((org.jfree.chart.fx.ChartViewer) n).getChart().getXYPlot().getDataset()).orElse(null);
    }

    private static int points(FxRobot robot) {
        var s = scatter(robot);
        if (s == null) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.getSeriesCount(); i++) {
            n += s.getItemCount(i);
        }
        return n;
    }

    @Test
    void aSettingAndTheDatasetSurviveSavingAndReopening(FxRobot robot) throws Exception {
        Path file = openCopy(robot, "spirals-mlp.json");
        type(robot, setting(robot, "learningRate"), "0.05");
        assertThat(editor().design().training().get("learningRate")).isEqualTo(0.05);
        assertThat(editor().dirtyProperty().get()).isTrue();
        robot.clickOn("#setting-optimizer").clickOn("sgd");
        assertThat(editor().design().training().get("optimizer")).isEqualTo("sgd");
        assertThat(robot.lookup("#setting-momentum").queryAs(TextField.class).isDisabled()).isFalse();

        data(robot);
        type(robot, field(robot, "synthetic-size"), "400");
        type(robot, field(robot, "synthetic-noise"), "0.2");
        assertThat(editor().design().dataset()).containsEntry("size", 400).containsEntry("noise", 0.2);
        waitFor(() -> points(robot) == 400, 10_000);

        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.S).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> w.window.open(Path.of("samples/iris-mlp.json")));
        assertThat(editor().design().training().get("learningRate")).isEqualTo(0.01);
        robot.interact(() -> w.window.open(file));
        assertThat(editor().design().training()).containsEntry("learningRate", 0.05)
                .containsEntry("optimizer", "sgd");
        assertThat(editor().design().dataset()).containsEntry("size", 400).containsEntry("noise", 0.2);
        assertThat(field(robot, "synthetic-size").getText()).isEqualTo("400");
        assertThat(setting(robot, "learningRate").getText()).isEqualTo("0.05");
        assertThat(Files.readString(file)).contains("\"learningRate\" : 0.05").contains("\"size\" : 400");
    }

    @Test
    void undoRestoresTheOldValueAndInvalidValuesAreRefusedWithTheReason(FxRobot robot) throws Exception {
        openCopy(robot, "spirals-mlp.json");
        TextField epochs = setting(robot, "epochs");
        type(robot, epochs, "7");
        assertThat(editor().design().training().get("epochs")).isEqualTo(7);
        robot.clickOn("Edit").clickOn("Undo Set Epochs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(editor().design().training().get("epochs")).isEqualTo(60);
        assertThat(epochs.getText()).isEqualTo("60");
        long revision = editor().revision();

        type(robot, setting(robot, "batchSize"), "0");
        Label message = robot.lookup("#settings-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("training.batchSize").contains("1 to 65536");
        assertThat(editor().design().training().get("batchSize")).isEqualTo(32);
        type(robot, setting(robot, "learningRate"), "-1");
        assertThat(message.getText()).contains("training.learningRate: expected a number above 0");
        assertThat(editor().revision()).as("refused values are no edits").isEqualTo(revision);

        data(robot);
        type(robot, field(robot, "synthetic-noise"), "lots");
        assertThat(robot.lookup("#data-message").queryAs(Label.class).getText())
                .isEqualTo("Refused: dataset.noise: expected a number from 0 to 10; got \"lots\"");
        type(robot, field(robot, "synthetic-size"), "-5");
        assertThat(robot.lookup("#data-message").queryAs(Label.class).getText()).contains("dataset.size");
        assertThat(editor().design().dataset()).containsEntry("size", 1500);
    }

    @Test
    void aCsvWithAWrongColumnOrAMissingFileSaysSoAndDisablesTrain(FxRobot robot) throws Exception {
        openCopy(robot, "iris-mlp.json", "\"label\": \"species\"", "\"label\": \"kind\"");
        data(robot);
        waitFor(() -> check(robot).startsWith("Train is disabled"), 10_000);
        assertThat(check(robot)).contains("no label column \"kind\"; the columns are sepal_length");
        assertThat(trainDisabled(robot)).isTrue();
        // the table still previews the file, so the right column can be picked
        waitFor(() -> robot.lookup("#csv-preview").tryQuery().isPresent(), 10_000);
        assertThat(robot.lookup("#csv-preview").queryAs(TableView.class).getItems()).hasSize(20);

        robot.clickOn("#data-csv-label");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell")
                .match(org.testfx.matcher.control.LabeledMatchers.hasText("species")).queryAs(Node.class));
        waitFor(() -> check(robot).startsWith("Ready to train"), 10_000);
        assertThat(trainDisabled(robot)).isFalse();
        assertThat(check(robot)).contains("150 samples");

        type(robot, field(robot, "csv-file"), "nope.csv");
        waitFor(() -> previewMessage(robot).contains("nope.csv: no such file"), 10_000);
        waitFor(() -> trainDisabled(robot), 10_000);
        assertThat(check(robot)).contains("nope.csv: no such file");
        assertThat(runTrainItem(robot).isDisable()).isTrue();

        robot.clickOn("Edit").clickOn("Undo Set File");
        waitFor(() -> !trainDisabled(robot), 10_000);
        assertThat(runTrainItem(robot).isDisable()).isFalse();
    }

    @Test
    void theScatterHasThePointsAndASampleIsOneClickAway(FxRobot robot) throws Exception {
        openCopy(robot, "spirals-mlp.json");
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#side-tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .getSelectedItem().getText()).isEqualTo("Data");
        waitFor(() -> points(robot) == 1500, 10_000);
        assertThat(scatter(robot).getSeriesCount()).isEqualTo(3);
        robot.clickOn("#data-synthetic-name").clickOn("moons");
        waitFor(() -> scatter(robot) != null && scatter(robot).getSeriesCount() == 2, 10_000);
        assertThat(field(robot, "synthetic-classes").isDisabled()).isTrue();
        waitFor(() -> check(robot).contains("has 3 classes but"), 10_000);
        assertThat(check(robot)).contains("design output 'output' has 3 classes but moons (1500, noise 0.1) has 2");

        robot.clickOn("#sample-mnist");
        waitFor(() -> robot.lookup("#sample-grid").tryQuery().isPresent(), 15_000);
        assertThat(robot.lookup("#sample-grid").queryAs(TilePane.class).getChildren()).hasSize(16);
        waitFor(() -> check(robot).contains("design input"), 15_000);
        assertThat(check(robot)).contains("is (2) but train-images-idx3-ubyte.gz gives (1,28,28)");
        assertThat(trainDisabled(robot)).isTrue();
        assertThat(editor().undoDescription()).contains("Use MNIST Sample");
        assertThat(((org.layercanvas.data.DatasetKind) robot.lookup("#data-kind").queryAs(ComboBox.class).getValue()).label())
                .isEqualTo("IDX files (MNIST format)");
        assertThat(field(robot, "idx-images").getText()).endsWith("train-images-idx3-ubyte.gz");
    }

    /** Returns what a combo box shows in its button, as a person reads it. */
    private static String shown(FxRobot robot, String id) {
        ComboBox<?> box = robot.lookup(id).queryAs(ComboBox.class);
        // the cell in the box itself, not one of its drop-down list's
        return box.lookupAll(".list-cell").stream().filter(n -> n.getParent() == box).map(n ->
                String.valueOf(((javafx.scene.control.ListCell<?>) n).getText())).findFirst().orElseThrow();
    }

    private static void pick(FxRobot robot, String combo, String item) {
        robot.clickOn(combo);
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell")
                .match(org.testfx.matcher.control.LabeledMatchers.hasText(item)).queryAs(Node.class));
    }

    @Test
    void aMissingFileSaysWhereToChooseItAndAClearedLabelShowsItsPromptAgain(FxRobot robot) throws Exception {
        openCopy(robot, "spirals-mlp.json");
        data(robot);
        waitFor(() -> previewTitle(robot).equals("Preview: 1500 points, 3 classes"), 10_000);
        pick(robot, "#data-kind", "CSV file");
        String where = "No data file chosen: choose one in the Data tab (Kind: CSV file, then File …)";
        waitFor(() -> check(robot).equals("Train is disabled:\n• " + where), 10_000);
        waitFor(() -> previewMessage(robot).equals(where), 10_000);
        // the spirals' title went with them
        assertThat(previewTitle(robot)).isEqualTo("Preview");
        robot.moveTo("#toolbar-train");
        waitFor(() -> robot.lookup("Cannot train: " + where).tryQuery().isPresent(), 10_000);
        robot.moveTo("#data-kind");
        assertThat(shown(robot, "#data-csv-label")).isEqualTo("choose a column");

        // a CSV with a class column gets it as its label
        w.dialogs.answer(Path.of("samples/data/iris.csv").toAbsolutePath());
        robot.clickOn("#data-browse-file");
        waitFor(() -> "species".equals(shown(robot, "#data-csv-label")), 10_000);
        waitFor(() -> previewTitle(robot).equals("Preview: the first 20 rows of iris.csv"), 10_000);

        // taking the file back takes its title too
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        waitFor(() -> previewMessage(robot).equals(where), 10_000);
        assertThat(previewTitle(robot)).isEqualTo("Preview");
        w.dialogs.answer(Path.of("samples/data/iris.csv").toAbsolutePath());
        robot.clickOn("#data-browse-file");
        waitFor(() -> "species".equals(shown(robot, "#data-csv-label")), 10_000);

        // another file without that column: the label is cleared and its box says what to choose again
        StringBuilder rows = new StringBuilder("width,height,weight\n");
        for (int i = 0; i < 40; i++) {
            rows.append(i * 0.37).append(',').append(i * 1.13).append(',').append(100 - i * 0.71).append('\n');
        }
        Path numbers = Files.writeString(dir.resolve("numbers.csv"), rows);
        w.dialogs.answer(numbers);
        robot.clickOn("#data-browse-file");
        waitFor(() -> String.valueOf(editor().design().dataset().get("file")).endsWith("numbers.csv"), 10_000);
        assertThat(editor().design().dataset()).doesNotContainKey("label");
        assertThat(shown(robot, "#data-csv-label")).isEqualTo("choose a column");
        waitFor(() -> check(robot).equals("Train is disabled:\n• No label column chosen: choose one in the Data tab"
                + " (Kind: CSV file, then Label)"), 10_000);

        // a design without a dataset: the kind's box, which showed CSV file, says what to choose again
        Path none = Files.writeString(dir.resolve("no-data.json"), Files.readString(Path.of("samples/spirals-mlp.json"))
                .replaceAll("(?s)\"dataset\": \\{.*?\\},", ""));
        robot.interact(() -> w.window.open(none));
        waitFor(() -> editor().design().dataset().isEmpty(), 5_000);
        assertThat(shown(robot, "#data-kind")).isEqualTo("choose where the samples come from");
    }

    @Test
    void anImageFolderShowsSamplesWithTheirLabelsAndABrokenImageStopsTraining(FxRobot robot) throws Exception {
        Path folder = dir.resolve("pets");
        for (String pet : new String[] {"cats", "dogs"}) {
            Files.createDirectories(folder.resolve(pet));
            for (int i = 0; i < 10; i++) {
                java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(20, 20,
                        java.awt.image.BufferedImage.TYPE_INT_RGB);
                img.setRGB(i, i, 0xFFFFFF);
                javax.imageio.ImageIO.write(img, "png", folder.resolve(pet).resolve(i + ".png").toFile());
            }
        }
        openCopy(robot, "mnist-mlp.json");
        data(robot);
        robot.clickOn("#data-kind");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell")
                .match(org.testfx.matcher.control.LabeledMatchers.hasText("Image folder")).queryAs(Node.class));
        assertThat(editor().design().dataset()).containsEntry("kind", "images");
        waitFor(() -> check(robot).contains("No data folder chosen: choose one in the Data tab (Kind: Image folder,"
                + " then Folder …)"), 10_000);
        // a bad value is refused even while the folder is still to be chosen
        type(robot, robot.lookup("#data-validation").queryAs(TextField.class), "1.5");
        assertThat(robot.lookup("#data-message").queryAs(Label.class).getText()).contains("dataset.validation");
        assertThat(editor().design().dataset()).containsEntry("validation", 0.1);
        type(robot, field(robot, "images-folder"), "pets");
        waitFor(() -> robot.lookup("#sample-grid").tryQuery().isPresent(), 10_000);
        TilePane grid = robot.lookup("#sample-grid").queryAs(TilePane.class);
        assertThat(grid.getChildren()).hasSize(16);
        assertThat(robot.from(grid).lookup(".sample-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("cats")).queryAll()).hasSize(8);
        assertThat(robot.from(grid).lookup(".sample-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("dogs")).queryAll()).hasSize(8);
        waitFor(() -> check(robot).contains("has 10 classes but pets/ has 2"), 10_000);

        Files.writeString(folder.resolve("dogs").resolve("broken.png"), "not an image");
        type(robot, field(robot, "images-size"), "20");
        waitFor(() -> check(robot).contains("broken.png: not a readable image"), 10_000);
        assertThat(trainDisabled(robot)).isTrue();
    }
}
