package org.layercanvas.ui.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.layercanvas.ui.app.TestWindow.waitFor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Random;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.kordamp.ikonli.javafx.FontIcon;
import org.layercanvas.engine.FolderSnapshot;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.ui.runs.RunsModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** The Runs tab marks damaged run folders with their reasons and refuses what cannot work on them, writing nothing. */
@Tag("fx")
@ExtendWith(ApplicationExtension.class)
class DamagedRunsTest {
    private TestWindow w;

    @Start
    void start(Stage stage) throws Exception {
        w = TestWindow.open(stage);
    }

    /** Writes a run folder as a finished two-epoch run of the Iris sample writes it. */
    private RunFolder run(String name, int minute) throws Exception {
        RunFolder folder = RunFolder.create(w.dir.resolve("runs"), name, Files.readAllBytes(
                Path.of("samples/iris-mlp.json")), TrainingSettings.DEFAULTS, Map.of(),
                LocalDateTime.of(2026, 12, 1, 9, minute));
        try (RunFolder.EventLog log = folder.openLog()) {
            log.append(new TrainingEvent.Started(name, 1, 2, 4, 120, 30, "accuracy", "cpu", "oneDNN SSE41"));
            log.append(new TrainingEvent.EpochEnded(1, 0.9, 0.6, 0.85, 0.75, 250, 1));
            log.append(new TrainingEvent.EpochEnded(2, 0.5, 0.8, 0.4, 0.9, 500, 2));
            log.append(new TrainingEvent.Finished(2, 2, 0.9, "completed", 600));
        }
        Files.write(folder.model(), new byte[] {1, 2, 3});
        return folder;
    }

    /** Returns the row of a run, scrolled into the table's few visible rows first. */
    private static TableRow<?> row(FxRobot robot, String folder) {
        @SuppressWarnings("unchecked")
        TableView<RunsModel.Row> table = robot.lookup("#runs-table").queryAs(TableView.class);
        int index = table.getItems().stream().map(RunsModel.Row::name).toList().indexOf(folder);
        assertThat(index).as("%s is listed", folder).isNotNegative();
        robot.interact(() -> table.scrollTo(index));
        return robot.lookup("#runs-table .table-row-cell").match((TableRow<?> r) -> !r.isEmpty() && r.isVisible()
                && ((RunsModel.Row) r.getItem()).name().equals(folder)).queryAs(TableRow.class);
    }

    /** Returns what a column's cell of a row shows: its text, or for the mark column what its icon stands for. */
    private static String cell(TableRow<?> row, String column) {
        TableCell<?, ?> cell = row.getChildrenUnmodifiable().stream().filter(n -> n instanceof TableCell<?, ?> c
                && c.getTableColumn().getText().equals(column)).map(n -> (TableCell<?, ?>) n).findFirst().orElseThrow();
        if (column.isEmpty()) {
            return cell.getGraphic() instanceof FontIcon icon && icon.isVisible() ? cell.getAccessibleText() : "";
        }
        return cell.getText();
    }

    private static String refusal(FxRobot robot) {
        Label l = robot.lookup("#runs-refusal").queryAs(Label.class);
        return l.isVisible() ? l.getText() : "";
    }

    @Test
    void damagedRunsAreMarkedWithTheirReasonAndWhatCannotWorkIsRefusedByName(FxRobot robot) throws Exception {
        String sound = run("sound", 0).dir().getFileName().toString();
        RunFolder garbled = run("garbled", 1);
        byte[] noise = new byte[5000];
        new Random(5).nextBytes(noise);
        noise[0] = (byte) 0xFF;
        Files.write(garbled.dir().resolve(RunFolder.METRICS), noise);
        RunFolder empty = run("empty-weights", 2);
        Files.write(empty.model(), new byte[0]);
        RunFolder edited = run("edited", 3);
        Path design = edited.dir().resolve(RunFolder.DESIGN);
        Files.writeString(design, Files.readString(design).replace("\"ReLU\"", "\"Sigmoid\""));
        Map<Path, String> before = FolderSnapshot.of(w.dir.resolve("runs"));

        SplitPane centre = robot.lookup(".split-pane").match((SplitPane p) -> p.getOrientation() == Orientation.VERTICAL)
                .queryAs(SplitPane.class);
        assertThat(centre.getDividerPositions()[0]).as("the canvas's share before the Runs tab opens").isGreaterThan(0.7);
        robot.clickOn("#tab-runs");
        assertThat(centre.getDividerPositions()[0]).as("the Runs tab opens with room for its table").isLessThan(0.5);
        robot.clickOn("#runs-every-design").clickOn("#refresh-runs");
        // the divider pulled up further to see more runs, as a person would
        Node divider = centre.getChildrenUnmodifiable().stream().filter(n -> n.getStyleClass().contains("split-pane-divider"))
                .findFirst().orElseThrow();
        double low = centre.getDividerPositions()[0];
        robot.drag(divider).dropBy(0, -150);
        assertThat(centre.getDividerPositions()[0]).as("dragged up").isLessThan(low);
        waitFor(() -> robot.lookup("#runs-table").queryAs(TableView.class).getItems().size() == 4, 10_000);

        // the mark, the reason in the row, and every reason with what it stops in the tooltip
        String emptyName = empty.dir().getFileName().toString();
        TableRow<?> emptyRow = row(robot, emptyName);
        assertThat(cell(emptyRow, "")).isEqualTo("damaged");
        assertThat(cell(emptyRow, "Status")).isEqualTo("finished (completed): model.params is empty: the weights"
                + " were never written.");
        assertThat(emptyRow.getTooltip().getText()).startsWith("Damaged run " + emptyName + ":\n• model.params is"
                + " empty: the weights were never written. (cannot export it, train from the weights of it)\n\nDouble-click a run");
        TableRow<?> soundRow = row(robot, sound);
        assertThat(cell(soundRow, "")).isEmpty();
        assertThat(cell(soundRow, "Status")).isEqualTo("finished (completed)");
        assertThat(soundRow.getTooltip().getText()).startsWith("Double-click a run to redraw its charts");

        // Export on a run without weights is refused, naming it; no dialog opens
        robot.clickOn(row(robot, emptyName)).clickOn("#export-run");
        assertThat(refusal(robot)).isEqualTo("Cannot export " + emptyName + ": model.params is empty: the weights"
                + " were never written.");
        assertThat(robot.lookup("#export-destination").tryQuery()).isEmpty();
        // nor can a new run start from its weights
        robot.clickOn("#train-from-run-button");
        assertThat(refusal(robot)).isEqualTo("Cannot train from the weights of " + emptyName + ": model.params is"
                + " empty: the weights were never written.");

        // a run whose design snapshot was edited after training cannot be exported or resumed
        String editedName = edited.dir().getFileName().toString();
        robot.clickOn(row(robot, editedName));
        assertThat(refusal(robot)).as("a new selection clears the last refusal").isEmpty();
        robot.clickOn("#export-run");
        assertThat(refusal(robot)).startsWith("Cannot export " + editedName + ": design.json was changed after the"
                + " run trained it");
        robot.clickOn("#resume-run");
        assertThat(refusal(robot)).startsWith("Cannot resume " + editedName + ": design.json was changed");

        // a run whose log is random bytes: no charts, no resume; its weights still export
        String garbledName = garbled.dir().getFileName().toString();
        TableRow<?> garbledRow = row(robot, garbledName);
        assertThat(cell(garbledRow, "Status")).isEqualTo("unreadable: metrics.jsonl line 1 is not UTF-8 text: the"
                + " log is damaged.");
        robot.doubleClickOn(row(robot, garbledName));
        assertThat(refusal(robot)).isEqualTo("Cannot show the charts of " + garbledName + ": metrics.jsonl line 1"
                + " is not UTF-8 text: the log is damaged.");
        robot.clickOn("#resume-run");
        assertThat(refusal(robot)).startsWith("Cannot resume " + garbledName + ": metrics.jsonl line 1");

        // the sound run exports: the dialog opens and lists only the runs whose model can be exported
        robot.clickOn(row(robot, sound)).clickOn("#export-run");
        waitFor(() -> robot.lookup("#export-destination").tryQuery().isPresent(), 5_000);
        assertThat(refusal(robot)).isEmpty();
        assertThat(robot.lookup("#export-run").match(n -> n instanceof javafx.scene.control.ComboBox<?>)
                .queryAs(javafx.scene.control.ComboBox.class).getItems()).hasSize(2);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitFor(() -> robot.lookup("#export-destination").tryQuery().isEmpty(), 5_000);

        assertThat(FolderSnapshot.of(w.dir.resolve("runs"))).as("looking wrote nothing").isEqualTo(before);
    }
}
