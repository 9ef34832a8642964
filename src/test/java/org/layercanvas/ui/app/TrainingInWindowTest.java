package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layercanvas.ui.app.TestWindow.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.GridPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.ui.training.TrainingChartModel;
import org.layercanvas.ui.training.TrainingModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Trains from the window: live charts, pause, resume, stop, evaluation, run history, export. */
@Tag("fx")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class TrainingInWindowTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
        w.window.open(Path.of("samples/spirals-mlp.json"));
    }

    private TrainingChartModel charts() {
        return w.bench.charts();
    }

    private TrainingModel training() {
        return w.bench.training();
    }

    private static boolean filled(javafx.scene.control.TableRow<?> row) {
        return !row.isEmpty();
    }

    private int points() {
        return charts().batchLoss().getItemCount();
    }

    private Path runs() {
        return w.dir.resolve("runs");
    }

    /** Writes a copy of the Iris sample with its data file named absolutely and fewer epochs. */
    private Path iris(String name, String... replacements) throws Exception {
        String text = Files.readString(Path.of("samples/iris-mlp.json")).replace("\"epochs\": 60", "\"epochs\": 15")
                .replace("\"file\": \"data/iris.csv\"", "\"file\": \""
                        + Path.of("samples/data/iris.csv").toAbsolutePath() + "\"");
        for (int i = 0; i < replacements.length; i += 2) {
            text = text.replace(replacements[i], replacements[i + 1]);
        }
        Path file = w.dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    @Test
    void trainingDrawsLiveAndPausesResumesAndStops(FxRobot robot) throws Exception {
        robot.clickOn("#tab-training");
        robot.clickOn("#train");
        waitFor(() -> points() > 20, 60_000);

        robot.clickOn("#pause");
        waitFor(() -> !robot.lookup("#resume").queryAs(Button.class).isDisabled(), 5_000);
        int paused = points();
        Thread.sleep(400);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(points()).as("no batches while paused").isEqualTo(paused);

        robot.clickOn("#resume");
        waitFor(() -> points() > paused + 20, 30_000);

        // spirals are 2-D points: the decision boundary is drawn from an epoch's checkpoint
        waitFor(() -> robot.lookup("#decision-boundary-title").queryAs(Label.class).getText().contains("epoch"),
                60_000);
        assertThat(robot.lookup("#decision-boundary").queryAs(Node.class).isVisible()).isTrue();

        long stopAt = System.nanoTime();
        robot.clickOn("#stop");
        TrainingEvent last = training().run().await(1, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - stopAt) / 1e9).isLessThan(1.5);
        assertThat(last).isInstanceOf(TrainingEvent.Stopped.class);
        RunFolder folder = RunFolder.list(runs()).get(0);
        assertThat(folder.trainingEvents()).last().isInstanceOf(TrainingEvent.Stopped.class);
        waitFor(() -> !robot.lookup("#train").queryAs(Button.class).isDisabled(), 5_000);

        // Runs → Resume continues the same folder from the stop's checkpoint
        int before = points();
        robot.clickOn("#tab-runs");
        waitFor(() -> robot.lookup("#runs-table .table-row-cell").match(TrainingInWindowTest::filled).tryQuery()
                .isPresent(), 10_000);
        robot.clickOn(robot.lookup("#runs-table .table-row-cell").match(TrainingInWindowTest::filled)
                .queryAs(Node.class));
        robot.clickOn("#resume-run");
        waitFor(() -> points() > before + 20, 60_000);
        robot.clickOn("#stop");
        waitFor(() -> training().phaseProperty().get() == TrainingModel.Phase.IDLE, 5_000);
        long starts = folder.trainingEvents().stream().filter(e -> e instanceof TrainingEvent.Started).count();
        assertThat(starts).as("one run folder, started twice").isEqualTo(2);
        assertThat(RunFolder.list(runs())).hasSize(1);

        // the smoothed line follows the slider: no smoothing gives the raw losses back
        assertThat(charts().smoothedLoss().getItemCount()).isEqualTo(points());
        robot.interact(() -> robot.lookup("#smoothing").queryAs(Slider.class).setValue(0));
        assertThat(charts().smoothedLoss().getY(points() - 1)).isEqualTo(charts().batchLoss().getY(points() - 1));
    }

    @Test
    void closingDuringARunAsksThenStopsItWithACheckpoint(FxRobot robot) throws Exception {
        robot.clickOn("#toolbar-train");
        waitFor(() -> points() > 5, 60_000);
        robot.press(KeyCode.CONTROL).type(KeyCode.W).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("Stop and Close").tryQuery().isPresent(), 5_000);
        robot.clickOn("Stop and Close");
        waitFor(() -> training().run().isDone(), 5_000);
        waitFor(() -> !w.stage.isShowing(), 5_000);
        RunFolder folder = RunFolder.list(runs()).get(0);
        assertThat(folder.trainingEvents()).last().isInstanceOf(TrainingEvent.Stopped.class);
        assertThat(folder.resumption()).isPresent();
    }

    @Test
    void aFinishedRunShowsItsConfusionMatrixAndIsListedExportedAndCompared(FxRobot robot) throws Exception {
        Path file = iris("iris.json");
        robot.interact(() -> w.window.open(file));
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#evaluation-summary").queryAs(Label.class).getText()
                .startsWith("Validation accuracy"), 60_000);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#status").queryAs(Label.class).getText()).as("accuracy said as the CLI says it")
                .matches("Finished \\(completed\\): best validation accuracy \\d+\\.\\d\\d% at epoch \\d+\\.");
        GridPane matrix = robot.lookup("#confusion-matrix").queryAs(GridPane.class);
        // a 3×3 matrix of counts plus its headers, and the counts add up to the 30 validation samples
        int total = matrix.getChildren().stream().filter(n -> GridPane.getRowIndex(n) > 0
                && GridPane.getColumnIndex(n) > 0).mapToInt(n -> Integer.parseInt(((Label) n).getText())).sum();
        assertThat(total).isEqualTo(30);
        assertThat(robot.lookup("setosa").queryAll()).isNotEmpty();

        // the best-epoch marker sits where the run says its best epoch was
        RunFolder first = RunFolder.list(runs()).get(0);
        int best = first.trainingEvents().stream().filter(e -> e instanceof TrainingEvent.Finished)
                .mapToInt(e -> ((TrainingEvent.Finished) e).bestEpoch()).findFirst().orElseThrow();
        assertThat(charts().bestEpochProperty().get()).isEqualTo(best).isPositive();

        // the run history lists it under its design's name; opening it redraws the same batches
        int live = points();
        robot.clickOn("#tab-runs");
        waitFor(() -> !robot.lookup("finished (completed)").queryAll().isEmpty(), 10_000);
        assertThat(robot.lookup("#runs-table").queryAs(TableView.class).getItems()).hasSize(1);
        robot.interact(() -> charts().clear());
        robot.doubleClickOn(robot.lookup("#runs-table .table-row-cell").match(TrainingInWindowTest::filled)
                .queryAs(Node.class));
        waitFor(() -> points() == live, 10_000);

        // File → Export (Ctrl+E) writes the run as ONNX and says how it was verified
        Path onnx = w.dir.resolve("exports").resolve("iris.onnx");
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#export-destination").tryQuery().isPresent(), 5_000);
        TextField destination = robot.lookup("#export-destination").queryAs(TextField.class);
        robot.clickOn(destination);
        robot.interact(destination::selectAll);
        robot.write(onnx.toString());
        waitFor(() -> !robot.lookup("#export-button").queryAs(Button.class).isDisabled(), 10_000);
        robot.clickOn("#export-button");
        waitFor(() -> robot.lookup("#export-message").queryAs(Label.class).getText()
                .contains("Verified with ONNX Runtime"), 60_000);
        assertThat(onnx).isRegularFile();
        // again to the same file: it is our earlier export, replaced only once the person confirms
        long before = Files.getLastModifiedTime(onnx).toMillis();
        robot.clickOn("#export-button");
        waitFor(() -> robot.lookup("Replace").tryQuery().isPresent(), 10_000);
        robot.clickOn("Cancel");
        waitFor(() -> robot.lookup("#export-message").queryAs(Label.class).getText()
                .startsWith("Not exported: the earlier export at"), 10_000);
        assertThat(Files.getLastModifiedTime(onnx).toMillis()).isEqualTo(before);
        robot.clickOn("#export-button");
        waitFor(() -> robot.lookup("Replace").tryQuery().isPresent(), 10_000);
        robot.clickOn("Replace");
        waitFor(() -> robot.lookup("#export-message").queryAs(Label.class).getText()
                .contains("Verified with ONNX Runtime"), 60_000);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitFor(() -> robot.lookup("#export-button").tryQuery().isEmpty(), 5_000);

        // Save ▾ → metrics as CSV, one row per epoch, through the file chooser
        Path csv = w.dir.resolve("metrics.csv");
        w.dialogs.answer(csv);
        robot.clickOn("#tab-training").clickOn("#save-training").clickOn("Metrics per epoch as CSV…");
        waitFor(() -> Files.exists(csv), 5_000);
        assertThat(Files.readAllLines(csv)).hasSize(16).first()
                .isEqualTo("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds");
        Path png = w.dir.resolve("charts.png");
        w.dialogs.answer(png);
        robot.clickOn("#save-training").clickOn("Charts as PNG…");
        waitFor(() -> Files.exists(png), 5_000);
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThan(1000);
    }

    @Test
    void whatTheRunsPreparationWarnsOfIsShownWhenTrainingStarts(FxRobot robot) throws Exception {
        // 10 setosa, 10 versicolor and one virginica, half kept for validation: the one virginica validates
        StringBuilder csv = new StringBuilder("sepal_length,sepal_width,petal_length,petal_width,species\n");
        for (int i = 0; i < 21; i++) {
            csv.append(5 + i * 0.1).append(',').append(3 - i * 0.05).append(',').append(1 + i * 0.2).append(',')
                    .append(0.2 + i * 0.1).append(',').append(i < 10 ? "setosa" : i < 20 ? "versicolor" : "virginica")
                    .append('\n');
        }
        Path data = Files.writeString(w.dir.resolve("few-virginica.csv"), csv);
        Path file = iris("few.json", "\"file\": \"" + Path.of("samples/data/iris.csv").toAbsolutePath() + "\"",
                "\"file\": \"" + data + "\"", "\"epochs\": 15", "\"epochs\": 1", "\"validation\": 0.2",
                "\"validation\": 0.5");
        robot.interact(() -> w.window.open(file));
        Label strip = robot.lookup("#training-warnings").queryAs(Label.class);
        assertThat(strip.isVisible()).as("no warning before a run").isFalse();
        waitFor(() -> !robot.lookup("#toolbar-train").queryAs(Button.class).isDisabled(), 10_000);
        robot.clickOn("#toolbar-train");
        String warning = "few-virginica.csv: class 'virginica' has no sample in the training split but 1 in the"
                + " validation split; the model cannot learn it";
        waitFor(strip::isVisible, 30_000);
        assertThat(strip.getText()).isEqualTo("Warning: " + warning);
        assertThat(strip.getTooltip().getText()).isEqualTo("Before this run started:\n• " + warning);
        waitFor(() -> training().phaseProperty().get() == TrainingModel.Phase.IDLE, 60_000);
        assertThat(strip.isVisible()).as("the warning stays with its run").isTrue();
    }

    @Test
    void openingAnotherDesignLeavesNothingOfTheLastOneInAnyTab(FxRobot robot) throws Exception {
        Path a = iris("iris-a.json", "\"name\": \"iris-mlp\"", "\"name\": \"iris-a\"");
        robot.interact(() -> w.window.open(a));
        robot.press(KeyCode.CONTROL).type(KeyCode.R).release(KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#evaluation-summary").queryAs(Label.class).getText()
                .startsWith("Validation accuracy"), 60_000);
        robot.clickOn("#tab-runs");
        waitFor(() -> robot.lookup("#runs-table").queryAs(TableView.class).getItems().size() == 1, 10_000);

        robot.interact(() -> w.window.open(Path.of("samples/spirals-mlp.json")));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(points()).as("the training charts are empty").isZero();
        assertThat(charts().epochSeries()).allSatisfy(s -> assertThat(s.getItemCount()).isZero());
        assertThat(charts().bestEpochProperty().get()).isZero();
        assertThat(robot.lookup("#evaluation-summary").queryAs(Label.class).getText())
                .isEqualTo("Train a design to evaluate it here.");
        assertThat(robot.lookup("#confusion-matrix").queryAs(GridPane.class).getChildren()).isEmpty();
        waitFor(() -> !w.bench.runs().loadingProperty().get(), 10_000);
        assertThat(robot.lookup("#runs-table").queryAs(TableView.class).getItems()).as("no run of iris-a").isEmpty();
        assertThat(robot.lookup("#training-progress-text").queryAs(Label.class).getText()).doesNotContain("iris");
        robot.clickOn("#tab-data");
        waitFor(() -> robot.lookup("#data-scatter").tryQuery().isPresent(), 10_000);
        assertThat(robot.lookup("#csv-preview").tryQuery()).as("no preview of iris.csv").isEmpty();
    }
}
