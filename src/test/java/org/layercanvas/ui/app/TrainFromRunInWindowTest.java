package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layercanvas.ui.app.TestWindow.waitFor;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.DialogPane;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.PreparedRun;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunLauncher;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.io.DesignCodec;
import org.layercanvas.ui.training.TrainingModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** Runs → right-click → Train From These Weights: the open design trains from an earlier run's weights. */
@Tag("fx")
@Tag("engine")
@ExtendWith(ApplicationExtension.class)
class TrainFromRunInWindowTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
    }

    private Path runs() {
        return w.dir.resolve("runs");
    }

    /** Writes the Iris sample with a second hidden layer of {@code units}, its data named absolutely. */
    private Path deeperIris(String file, int units) throws Exception {
        String text = Files.readString(Path.of("samples/iris-mlp.json"))
                .replace("\"epochs\": 60", "\"epochs\": 5")
                .replace("\"file\": \"data/iris.csv\"", "\"file\": \""
                        + Path.of("samples/data/iris.csv").toAbsolutePath() + "\"")
                .replace("\"edges\": [", "\"edges\": [ {\"from\": \"n3\", \"to\": \"n6\"}, {\"from\": \"n6\", \"to\":"
                        + " \"n7\"}, {\"from\": \"n7\", \"to\": \"n4\"},")
                .replace("\"nodes\": [", "\"nodes\": [ {\"id\": \"n6\", \"name\": \"hidden2\", \"kind\": \"Dense\","
                        + " \"x\": 200.0, \"y\": 250.0, \"params\": {\"units\": " + units + "}}, {\"id\": \"n7\","
                        + " \"name\": \"relu2\", \"kind\": \"ReLU\", \"x\": 200.0, \"y\": 300.0},");
        Path path = w.dir.resolve(file);
        Files.writeString(path, text.replace("{\n      \"from\": \"n3\",\n      \"to\": \"n4\"\n    },", ""));
        return path;
    }

    /** Trains a design as an earlier session would have, into the window's runs folder. */
    private RunFolder trained(Path design) throws Exception {
        PreparedRun p = new RunLauncher(runs()).prepare(new DesignCodec().read(design), design);
        TrainingEvent last = new TrainingService(new LayerBlockFactory()).start(p.job(), e -> { })
                .await(60, TimeUnit.SECONDS);
        assertThat(last).isInstanceOf(TrainingEvent.Finished.class);
        return p.job().folder();
    }

    private static boolean filled(TableRow<?> row) {
        return !row.isEmpty();
    }

    private Node listedRun(FxRobot robot) throws Exception {
        robot.clickOn("#tab-runs");
        waitFor(() -> robot.lookup("#runs-table .table-row-cell").match(TrainFromRunInWindowTest::filled).tryQuery()
                .isPresent(), 10_000);
        return robot.lookup("#runs-table .table-row-cell").match(TrainFromRunInWindowTest::filled).queryAs(Node.class);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> initializedFrom(Path run) throws Exception {
        return (Map<String, Object>) new ObjectMapper().readValue(run.resolve(RunFolder.RUN).toFile(), Map.class)
                .get("initializedFrom");
    }

    private int runCount() {
        try {
            return RunFolder.list(runs()).size();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private Path newest() throws Exception {
        List<RunFolder> all = RunFolder.list(runs());
        return all.get(all.size() - 1).dir();
    }

    @Test
    void theOpenDesignTrainsFromTheWeightsOfARunInTheList(FxRobot robot) throws Exception {
        Path design = deeperIris("iris.json", 8);
        RunFolder earlier = trained(design);
        robot.interact(() -> w.window.open(design));

        robot.clickOn(listedRun(robot));
        robot.clickOn("#train-from-run-button");

        waitFor(() -> runCount() == 2
                && w.bench.training().phaseProperty().get() == TrainingModel.Phase.IDLE, 60_000);
        assertThat(robot.lookup(".dialog-pane").tryQuery()).as("no alert").isEmpty();
        Path started = newest();
        assertThat(started.resolve(RunFolder.INITIAL)).exists();
        assertThat(initializedFrom(started)).containsEntry("run", earlier.dir().toAbsolutePath().toString())
                .containsEntry("layersFromRun", List.of("hidden", "hidden2", "logits"));
        assertThat(RunFolder.open(started).trainingEvents()).last().isInstanceOf(TrainingEvent.Finished.class);
    }

    @Test
    void aLayerWhoseShapeChangedIsNamedInAnAlertThatOffersToStartItFresh(FxRobot robot) throws Exception {
        RunFolder earlier = trained(deeperIris("narrow.json", 8));
        String run = earlier.dir().getFileName().toString();
        Path design = deeperIris("iris.json", 16);
        robot.interact(() -> w.window.open(design));

        TestWindow.rightClick(robot, listedRun(robot));
        robot.clickOn("Train From These Weights");

        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent(), 30_000);
        DialogPane alert = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        assertThat(alert.getHeaderText()).isEqualTo("Cannot train from the weights of " + run);
        assertThat(alert.getContentText())
                .contains("layer 'hidden2': weight is (8,16) in " + run + " but (16,16) in the design")
                .contains("layer 'logits': weight is (3,8) in " + run + " but (3,16) in the design");
        assertThat(RunFolder.list(runs())).as("nothing started yet").hasSize(1);

        robot.clickOn("Start Them Fresh");
        waitFor(() -> runCount() == 2
                && w.bench.training().phaseProperty().get() == TrainingModel.Phase.IDLE, 60_000);
        assertThat(initializedFrom(newest())).containsEntry("layersFromRun", List.of("hidden"));
    }
}
