package org.layercanvas.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.graph.Graph;
import org.layercanvas.graph.Design;
import org.layercanvas.io.RecoveryStore;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Trains the spirals sample from the window: live chart, pause, resume, stop. */
@Tag("fx")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class TrainingViewTest {
    private MainWindow window;
    private Path runs;

    @Start
    void start(Stage stage) throws Exception {
        LayerCanvasApp.theme(false);
        runs = Files.createTempDirectory("runs");
        System.setProperty("layercanvas.runs", runs.toString());
        window = new MainWindow(stage, Design.of("untitled", Graph.empty()), null,
                new RecoveryStore(Files.createTempDirectory("recovery")));
        window.open(Path.of("samples/spirals-mlp.json"));
        stage.show();
    }

    private int points() {
        return window.training().batchLoss().getItemCount();
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (!condition.getAsBoolean() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            WaitForAsyncUtils.waitForFxEvents();
        }
        assertThat(condition.getAsBoolean()).as("waited %d ms", millis).isTrue();
    }

    @Test
    void trainingDrawsLiveAndPausesResumesAndStops(FxRobot robot) throws Exception {
        robot.clickOn("Training");
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
        waitFor(() -> window.training().boundary().drawnEpoch() >= 1, 60_000);
        assertThat(robot.lookup("#decision-boundary").queryAs(javafx.scene.Node.class).isVisible()).isTrue();

        long stopAt = System.nanoTime();
        robot.clickOn("#stop");
        TrainingEvent last = window.training().run().await(1, TimeUnit.SECONDS);
        assertThat((System.nanoTime() - stopAt) / 1e9).isLessThan(1.5);
        assertThat(last).isInstanceOf(TrainingEvent.Stopped.class);
        RunFolder folder = RunFolder.list(runs).get(0);
        assertThat(folder.trainingEvents()).last().isInstanceOf(TrainingEvent.Stopped.class);
        waitFor(() -> !robot.lookup("#train").queryAs(Button.class).isDisabled(), 5_000);

        // Resume Training continues the same run folder from the stop's checkpoint, charts and all
        int before = points();
        robot.interact(() -> window.training().resume(folder));
        waitFor(() -> points() > before + 20, 60_000);
        robot.clickOn("#stop");
        window.training().run().await(2, TimeUnit.SECONDS);
        long starts = folder.trainingEvents().stream().filter(e -> e instanceof TrainingEvent.Started).count();
        assertThat(starts).as("one run folder, started twice").isEqualTo(2);
        assertThat(RunFolder.list(runs)).hasSize(1);
        waitFor(() -> !robot.lookup("#train").queryAs(Button.class).isDisabled(), 5_000);

        // the smoothed line follows the slider: no smoothing gives the raw losses back
        assertThat(window.training().smoothedLoss().getItemCount()).isEqualTo(points());
        robot.interact(() -> robot.lookup("#smoothing").queryAs(javafx.scene.control.Slider.class).setValue(0));
        assertThat(window.training().smoothedLoss().getY(points() - 1))
                .isEqualTo(window.training().batchLoss().getY(points() - 1));
    }

    @Test
    void closingDuringARunAsksThenStopsItWithACheckpoint(FxRobot robot) throws Exception {
        robot.interact(() -> window.training().start());
        waitFor(() -> points() > 5, 60_000);
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.W)
                .release(javafx.scene.input.KeyCode.CONTROL);
        waitFor(() -> robot.lookup("Stop and Close").tryQuery().isPresent(), 5_000);
        robot.clickOn("Stop and Close");
        waitFor(() -> window.training().run().isDone(), 5_000);
        RunFolder folder = RunFolder.list(runs).get(0);
        assertThat(folder.trainingEvents()).last().isInstanceOf(TrainingEvent.Stopped.class);
        assertThat(folder.resumption()).isPresent();
    }

    @Test
    void aFinishedRunShowsItsConfusionMatrix(FxRobot robot) throws Exception {
        String iris = Files.readString(Path.of("samples/iris-mlp.json")).replace("\"epochs\": 60", "\"epochs\": 15")
                .replace("\"file\": \"data/iris.csv\"", "\"file\": \"" + Path.of("samples/data/iris.csv").toAbsolutePath() + "\"");
        Path file = runs.resolve("iris.json");
        Files.writeString(file, iris);
        robot.interact(() -> window.open(file));
        robot.interact(() -> window.training().start());
        waitFor(() -> robot.lookup("#evaluation-summary").queryAs(javafx.scene.control.Label.class).getText()
                .startsWith("Validation accuracy"), 60_000);
        javafx.scene.layout.GridPane matrix = robot.lookup("#confusion-matrix").queryAs(javafx.scene.layout.GridPane.class);
        // a 3×3 matrix of counts plus its headers, and the counts add up to the 30 validation samples
        int total = matrix.getChildren().stream().filter(n -> javafx.scene.layout.GridPane.getRowIndex(n) > 0
                && javafx.scene.layout.GridPane.getColumnIndex(n) > 0)
                .mapToInt(n -> Integer.parseInt(((javafx.scene.control.Label) n).getText())).sum();
        assertThat(total).isEqualTo(30);
        assertThat(robot.lookup("setosa").queryAll()).isNotEmpty();

        // the run history lists it; opening it redraws the same batches
        int live = window.training().batchLoss().getItemCount();
        robot.clickOn("Runs");
        assertThat(robot.lookup("finished (completed)").queryAll()).isNotEmpty();
        robot.interact(() -> window.training().replay(java.util.List.of(), "nothing"));
        assertThat(window.training().batchLoss().getItemCount()).isZero();
        robot.doubleClickOn(robot.lookup("#runs-table .table-row-cell").nth(0).queryAs(javafx.scene.Node.class));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.training().batchLoss().getItemCount()).isEqualTo(live);

        // File → Export (Ctrl+E) writes the run as ONNX and says how it was verified
        Path onnx = runs.resolve("exports").resolve("iris.onnx");
        robot.press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.E)
                .release(javafx.scene.input.KeyCode.CONTROL);
        waitFor(() -> robot.lookup("#export-destination").tryQuery().isPresent(), 5_000);
        robot.interact(() -> robot.lookup("#export-destination").queryAs(javafx.scene.control.TextField.class)
                .setText(onnx.toString()));
        robot.clickOn("#export-button");
        waitFor(() -> robot.lookup("#export-message").queryAs(javafx.scene.control.Label.class).getText()
                .contains("Verified with ONNX Runtime"), 60_000);
        assertThat(onnx).isRegularFile();
        robot.press(javafx.scene.input.KeyCode.ESCAPE).release(javafx.scene.input.KeyCode.ESCAPE);

        // the best-epoch marker sits where the run says its best epoch was
        RunFolder first = RunFolder.list(runs).get(0);
        int best = first.trainingEvents().stream().filter(e -> e instanceof TrainingEvent.Finished)
                .mapToInt(e -> ((TrainingEvent.Finished) e).bestEpoch()).findFirst().orElseThrow();
        assertThat(window.training().bestEpoch()).isEqualTo(best).isPositive();

        // metrics as CSV, one row per epoch, and the charts as one PNG
        Path csv = runs.resolve("metrics.csv");
        Path png = runs.resolve("charts.png");
        robot.interact(() -> window.training().save(csv, f -> org.layercanvas.export.MetricsCsv.write(
                org.layercanvas.export.MetricsCsv.epochs(window.training().history()), f)));
        robot.interact(() -> window.training().save(png, window.training()::saveCharts));
        assertThat(Files.readAllLines(csv)).hasSize(16)
                .first().isEqualTo("epoch,train_loss,train_accuracy,validation_loss,validation_accuracy,learning_rate,seconds");
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThan(1000);

        // a second run with another learning rate, then both overlaid with their settings
        Path faster = runs.resolve("iris-faster.json");
        Files.writeString(faster, iris.replace("\"learningRate\": 0.01", "\"learningRate\": 0.05"));
        var firstRun = window.training().run();
        robot.interact(() -> window.open(faster));
        robot.interact(() -> window.training().start());
        waitFor(() -> window.training().run() != firstRun && window.training().run().isDone(), 60_000);
        var compared = new java.util.concurrent.atomic.AtomicReference<CompareRunsView>();
        robot.interact(() -> {
            try {
                compared.set((CompareRunsView) CompareRunsView.show(null, RunFolder.list(runs)).getScene().getRoot());
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        assertThat(compared.get().runs()).hasSize(2).allSatisfy(r -> {
            assertThat(r.metric().getItemCount()).isEqualTo(15);
            assertThat(r.settingsText()).contains("batch");
        });
        assertThat(compared.get().runs()).anySatisfy(r -> assertThat(r.settingsText()).contains("lr 0.05"));
    }
}
