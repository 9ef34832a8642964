package org.layercanvas.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
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
import org.junit.jupiter.api.io.TempDir;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Design;
import org.layercanvas.io.RecoveryStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The Data and Settings panels, driven as a person would: keyboard, combo boxes, sample buttons, menus. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DataPanelTest {
    private MainWindow window;
    @TempDir
    Path dir;

    @Start
    void start(Stage stage) throws Exception {
        LayerCanvasApp.theme(false);
        window = new MainWindow(stage, Design.of("untitled", Graph.empty()), null,
                new RecoveryStore(Files.createTempDirectory("recovery")));
        stage.show();
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
        robot.interact(() -> window.open(file));
        return file;
    }

    private static void waitFor(BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(condition.getAsBoolean()).as("waited %d ms", millis).isTrue();
    }

    private static void type(FxRobot robot, TextField field, String text) {
        robot.clickOn(field);
        robot.interact(field::selectAll);
        robot.write(text).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private DataView data(FxRobot robot) {
        robot.clickOn("#tab-data");
        return robot.lookup("#data").queryAs(DataView.class);
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

    private static int points(DataView view) {
        var s = view.scatter();
        if (s == null) {
            return -1;
        }
        int n = 0;
        for (int i = 0; i < s.getSeriesCount(); i++) {
            n += s.getSeries(i).getItemCount();
        }
        return n;
    }

    @Test
    void aSettingAndTheDatasetSurviveSavingAndReopening(FxRobot robot) throws Exception {
        Path file = openCopy(robot, "spirals-mlp.json");
        type(robot, setting(robot, "learningRate"), "0.05");
        assertThat(window.editor().design().training().get("learningRate")).isEqualTo(0.05);
        assertThat(window.editor().dirtyProperty().get()).isTrue();
        robot.clickOn("#setting-optimizer").clickOn("sgd");
        assertThat(window.editor().design().training().get("optimizer")).isEqualTo("sgd");
        assertThat(robot.lookup("#setting-momentum").queryAs(TextField.class).isDisabled()).isFalse();

        DataView view = data(robot);
        type(robot, view.field("size"), "400");
        type(robot, view.field("noise"), "0.2");
        assertThat(window.editor().design().dataset()).containsEntry("size", 400).containsEntry("noise", 0.2);
        waitFor(() -> points(view) == 400, 10_000);

        robot.interact(() -> window.saveTo(file));
        robot.interact(() -> window.open(Path.of("samples/iris-mlp.json")));
        assertThat(window.editor().design().training().get("learningRate")).isEqualTo(0.01);
        robot.interact(() -> window.open(file));
        assertThat(window.editor().design().training()).containsEntry("learningRate", 0.05)
                .containsEntry("optimizer", "sgd");
        assertThat(window.editor().design().dataset()).containsEntry("size", 400).containsEntry("noise", 0.2);
        assertThat(view.field("size").getText()).isEqualTo("400");
        assertThat(setting(robot, "learningRate").getText()).isEqualTo("0.05");
        assertThat(Files.readString(file)).contains("\"learningRate\" : 0.05").contains("\"size\" : 400");
    }

    @Test
    void undoRestoresTheOldValueAndInvalidValuesAreRefusedWithTheReason(FxRobot robot) throws Exception {
        openCopy(robot, "spirals-mlp.json");
        TextField epochs = setting(robot, "epochs");
        type(robot, epochs, "7");
        assertThat(window.editor().design().training().get("epochs")).isEqualTo(7L);
        robot.clickOn("Edit").clickOn("Undo Set Epochs");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.editor().design().training().get("epochs")).isEqualTo(60);
        assertThat(epochs.getText()).isEqualTo("60");
        long revision = window.editor().revision();

        type(robot, setting(robot, "batchSize"), "0");
        Label message = robot.lookup("#settings-message").queryAs(Label.class);
        assertThat(message.isVisible()).isTrue();
        assertThat(message.getText()).contains("training.batchSize").contains("1 to 65536");
        assertThat(window.editor().design().training().get("batchSize")).isEqualTo(32);
        type(robot, setting(robot, "learningRate"), "-1");
        assertThat(message.getText()).contains("training.learningRate: expected a number above 0");
        assertThat(window.editor().revision()).as("refused values are no edits").isEqualTo(revision);

        DataView view = data(robot);
        type(robot, view.field("noise"), "lots");
        assertThat(robot.lookup("#data-message").queryAs(Label.class).getText())
                .isEqualTo("Refused: dataset.noise: Noise cannot be \"lots\"");
        type(robot, view.field("size"), "-5");
        assertThat(robot.lookup("#data-message").queryAs(Label.class).getText()).contains("dataset.size");
        assertThat(window.editor().design().dataset()).containsEntry("size", 1500);
    }

    @Test
    void aCsvWithAWrongColumnOrAMissingFileSaysSoAndDisablesTrain(FxRobot robot) throws Exception {
        openCopy(robot, "iris-mlp.json", "\"label\": \"species\"", "\"label\": \"kind\"");
        DataView view = data(robot);
        waitFor(() -> check(robot).startsWith("Train is disabled"), 10_000);
        assertThat(check(robot)).contains("no label column \"kind\"; the columns are sepal_length");
        assertThat(trainDisabled(robot)).isTrue();
        // the table still previews the file, so the right column can be picked
        waitFor(() -> robot.lookup("#csv-preview").tryQuery().isPresent(), 10_000);
        assertThat(robot.lookup("#csv-preview").queryAs(TableView.class).getItems()).hasSize(20);

        robot.clickOn("#data-label");
        robot.clickOn(robot.lookup(".combo-box-popup .list-cell")
                .match(org.testfx.matcher.control.LabeledMatchers.hasText("species")).queryAs(Node.class));
        waitFor(() -> check(robot).startsWith("Ready to train"), 10_000);
        assertThat(trainDisabled(robot)).isFalse();
        assertThat(check(robot)).contains("150 samples");

        type(robot, view.field("file"), "nope.csv");
        waitFor(() -> view.previewMessage().contains("nope.csv: no such file"), 10_000);
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
        DataView view = robot.lookup("#data").queryAs(DataView.class);
        waitFor(() -> points(view) == 1500, 10_000);
        assertThat(view.scatter().getSeriesCount()).isEqualTo(3);
        robot.clickOn("#data-shape").clickOn("moons");
        waitFor(() -> view.scatter() != null && view.scatter().getSeriesCount() == 2, 10_000);
        assertThat(view.field("classes").isDisabled()).isTrue();
        waitFor(() -> check(robot).contains("has 3 classes but"), 10_000);
        assertThat(check(robot)).contains("design output 'output' has 3 classes but moons (1500, noise 0.1) has 2");

        robot.clickOn("#sample-mnist");
        waitFor(() -> robot.lookup("#sample-grid").tryQuery().isPresent(), 15_000);
        assertThat(robot.lookup("#sample-grid").queryAs(TilePane.class).getChildren()).hasSize(16);
        waitFor(() -> check(robot).contains("design input"), 15_000);
        assertThat(check(robot)).contains("is (2) but train-images-idx3-ubyte.gz gives (1,28,28)");
        assertThat(trainDisabled(robot)).isTrue();
        assertThat(window.editor().undoDescription()).contains("Use MNIST Sample");
        @SuppressWarnings("unchecked")
        ComboBox<DataView.Kind> kind = robot.lookup("#data-kind").queryAs(ComboBox.class);
        assertThat(kind.getValue()).isEqualTo(DataView.Kind.IDX);
        Node images = view.field("images");
        assertThat(((TextField) images).getText()).endsWith("train-images-idx3-ubyte.gz");
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
        DataView view = robot.lookup("#data").queryAs(DataView.class);
        assertThat(window.editor().design().dataset()).containsEntry("kind", "images");
        waitFor(() -> check(robot).contains("dataset.folder: missing"), 10_000);
        // a bad value is refused even while the folder is still to be chosen
        type(robot, robot.lookup("#data-validation").queryAs(TextField.class), "1.5");
        assertThat(robot.lookup("#data-message").queryAs(Label.class).getText()).contains("dataset.validation");
        assertThat(window.editor().design().dataset()).containsEntry("validation", 0.1);
        type(robot, view.field("folder"), "pets");
        waitFor(() -> robot.lookup("#sample-grid").tryQuery().isPresent(), 10_000);
        TilePane grid = robot.lookup("#sample-grid").queryAs(TilePane.class);
        assertThat(grid.getChildren()).hasSize(16);
        assertThat(robot.from(grid).lookup(".sample-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("cats")).queryAll()).hasSize(8);
        assertThat(robot.from(grid).lookup(".sample-label").match(org.testfx.matcher.control.LabeledMatchers.hasText("dogs")).queryAll()).hasSize(8);
        waitFor(() -> check(robot).contains("has 10 classes but pets/ has 2"), 10_000);

        Files.writeString(folder.resolve("dogs").resolve("broken.png"), "not an image");
        type(robot, view.field("size-images"), "20");
        waitFor(() -> check(robot).contains("broken.png: not a readable image"), 10_000);
        assertThat(trainDisabled(robot)).isTrue();
    }
}
