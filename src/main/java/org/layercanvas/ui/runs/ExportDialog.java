package org.layercanvas.ui.runs;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.export.ExportTarget;
import org.layercanvas.export.Exporter;
import org.layercanvas.export.TrainedRun;
import org.layercanvas.ui.common.Background;
import org.layercanvas.ui.common.FileDialogs;

/**
 * File → Export Trained Model: pick a run, a format and where to write; the export runs in the
 * background with a progress bar, and the dialog shows how it was verified or why it failed. A
 * design the format cannot express is named node by node before anything is written.
 */
public final class ExportDialog extends Dialog<Void> {
    private static final ButtonType EXPORT = new ButtonType("Export", ButtonBar.ButtonData.OK_DONE);

    private final ComboBox<RunFolder> run = new ComboBox<>();
    private final ChoiceBox<Exporter> format = new ChoiceBox<>();
    private final TextField destination = new TextField();
    private final Label message = new Label();
    private final ProgressBar progress = new ProgressBar();
    private final javafx.beans.property.BooleanProperty refused = new javafx.beans.property.SimpleBooleanProperty();
    private final Background background;
    private final FileDialogs dialogs;
    private boolean running;
    private long reviewing;

    /**
     * Creates the dialog over {@code runs}, newest first, with {@code preselected} (or the newest)
     * chosen; checks and exports run on {@code background}.
     */
    public ExportDialog(Window owner, List<RunFolder> runs, RunFolder preselected, Background background,
            FileDialogs dialogs) {
        this.background = background;
        this.dialogs = dialogs;
        initOwner(owner);
        setTitle("Export Trained Model");
        setHeaderText("Export a trained run's model to files other tools run; each export is checked by running it.");
        setResizable(true);
        run.getItems().setAll(runs);
        run.setConverter(new StringConverter<>() {
            @Override
            public String toString(RunFolder f) {
                return f == null ? "" : f.dir().getFileName().toString();
            }

            @Override
            public RunFolder fromString(String s) {
                return null;
            }
        });
        run.getSelectionModel().select(preselected != null ? preselected : runs.isEmpty() ? null : runs.get(0));
        run.setTooltip(new Tooltip("The trained run whose weights are exported (its final weights, or its newest "
                + "checkpoint if it did not finish)"));
        run.setId("export-run");
        format.getItems().setAll(Exporter.all());
        format.setConverter(new StringConverter<>() {
            @Override
            public String toString(Exporter e) {
                return e == null ? "" : switch (e.format()) {
                    case "djl" -> "DJL model folder";
                    case "onnx" -> "ONNX file (.onnx)";
                    case "pytorch" -> "PyTorch code and weights (folder)";
                    default -> e.format();
                };
            }

            @Override
            public Exporter fromString(String s) {
                return null;
            }
        });
        format.getSelectionModel().select(format.getItems().stream().filter(e -> e.format().equals("onnx"))
                .findFirst().orElse(format.getItems().get(0)));
        format.setTooltip(new Tooltip("DJL: loads back into DJL. ONNX: ONNX Runtime and most tools. "
                + "PyTorch: readable model.py, weights and a train.py that also runs under torchrun."));
        format.setId("export-format");
        destination.setPromptText("Where to write");
        destination.setId("export-destination");
        destination.setTooltip(new Tooltip("A new or empty folder, or for ONNX a .onnx file; an earlier export "
                + "there is replaced only once the new one is verified"));
        Button browse = new Button("Browse…");
        browse.setOnAction(e -> browse());
        HBox where = new HBox(6, destination, browse);
        HBox.setHgrow(destination, Priority.ALWAYS);
        progress.setVisible(false);
        progress.setMaxWidth(Double.MAX_VALUE);
        message.setWrapText(true);
        message.setId("export-message");
        message.setMaxWidth(600);
        message.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        GridPane grid = new GridPane();
        grid.setHgap(10);
        grid.setVgap(10);
        grid.setPadding(new Insets(12));
        grid.addRow(0, new Label("Run"), run);
        grid.addRow(1, new Label("Format"), format);
        grid.addRow(2, new Label("Destination"), where);
        grid.add(progress, 0, 3, 2, 1);
        grid.add(message, 0, 4, 2, 1);
        GridPane.setHgrow(where, Priority.ALWAYS);
        run.setMaxWidth(Double.MAX_VALUE);
        getDialogPane().setContent(grid);
        getDialogPane().setPrefWidth(640);
        getDialogPane().getButtonTypes().setAll(EXPORT, ButtonType.CLOSE);
        Button export = (Button) getDialogPane().lookupButton(EXPORT);
        export.setId("export-button");
        // the dialog stays open while exporting and shows the outcome
        export.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            export();
        });
        export.disableProperty().bind(run.valueProperty().isNull().or(destination.textProperty().isEmpty())
                .or(refused));
        run.valueProperty().addListener((o, a, b) -> choiceChanged());
        format.valueProperty().addListener((o, a, b) -> choiceChanged());
        if (runs.isEmpty()) {
            message.setText("There are no trained runs yet. Train the design first (Run → Train).");
        }
        choiceChanged();
    }

    /** Suggests a destination for the chosen run and format, and checks that they go together. */
    private void choiceChanged() {
        RunFolder f = run.getValue();
        Exporter e = format.getValue();
        if (f == null || e == null || running) {
            return;
        }
        String name = f.dir().getFileName().toString();
        Path base = f.dir().toAbsolutePath().getParent().resolveSibling("exports");
        destination.setText(base.resolve(e.writesFolder() ? name + "-" + e.format() : name + ".onnx").toString());
        review(f, e);
    }

    /**
     * Says at once, before anything is written, why this run cannot be exported in this format (each
     * layer the format cannot express, by name), and holds Export back while it cannot.
     */
    private void review(RunFolder f, Exporter e) {
        long mine = ++reviewing;
        refused.set(true);
        message.setStyle("");
        message.setText("Checking the run…");
        background.run(() -> e.problems(TrainedRun.open(f.dir())), problems -> showReview(mine, e, problems),
                ex -> showReview(mine, e, List.of(String.valueOf(ex.getMessage()))));
    }

    private void showReview(long mine, Exporter e, List<String> problems) {
        if (mine != reviewing) {
            return;
        }
        refused.set(!problems.isEmpty());
        message.setStyle(problems.isEmpty() ? "" : "-fx-text-fill: -color-danger-fg;");
        message.setText(problems.isEmpty() ? "" : "Cannot be exported as " + e.format() + ":\n  "
                + String.join("\n  ", problems));
    }

    private void browse() {
        Exporter e = format.getValue();
        Path current = Path.of(destination.getText().isBlank() ? "." : destination.getText()).toAbsolutePath();
        Path dir = current.getParent();
        Optional<Path> chosen = e != null && !e.writesFolder()
                ? dialogs.save(getOwner(), "Export as ONNX", dir, current.getFileName().toString(),
                        List.of(FileDialogs.Filter.of("ONNX model", "*.onnx")))
                : dialogs.folder(getOwner(), "Export into a folder", dir);
        chosen.ifPresent(p -> destination.setText(p.toString()));
    }

    private void export() {
        if (running) {
            return;
        }
        RunFolder folder = run.getValue();
        Exporter exporter = format.getValue();
        Path out = Path.of(destination.getText().strip());
        message.setStyle("");
        message.setText("Writing and verifying " + out.getFileName() + "…");
        progress.setVisible(true);
        progress.setProgress(ProgressBar.INDETERMINATE_PROGRESS);
        running = true;
        // what is there decides: a new place is written, an earlier export replaced once confirmed,
        // anything else (a person's own file or folder, a run folder) never
        background.run(() -> ExportTarget.inspect(out), status -> {
            if (status.state() == ExportTarget.State.REFUSED) {
                finish("Not exported: " + status.message(), true);
            } else if (status.replacesEarlierExport()) {
                if (confirmReplace(status)) {
                    write(folder, exporter, out, true);
                } else {
                    finish("Not exported: the earlier export at " + out + " is as it was.", false);
                }
            } else {
                write(folder, exporter, out, false);
            }
        }, e -> finish("Export failed: " + e.getMessage() + "\nNothing was written to " + out + ".", true));
    }

    private boolean confirmReplace(ExportTarget.Status status) {
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION);
        // over this dialog, which has the focus again once it is answered
        alert.initOwner(getDialogPane().getScene().getWindow());
        alert.setTitle("Replace the earlier export?");
        alert.setHeaderText("Replace the earlier export at " + status.destination() + "?");
        alert.setContentText(status.message() + "\nThe new export replaces it only once it is verified.");
        ButtonType replace = new ButtonType("Replace", ButtonBar.ButtonData.OK_DONE);
        alert.getButtonTypes().setAll(replace, ButtonType.CANCEL);
        return alert.showAndWait().orElse(ButtonType.CANCEL) == replace;
    }

    private void write(RunFolder folder, Exporter exporter, Path out, boolean replace) {
        background.run(() -> exporter.export(TrainedRun.open(folder.dir()), out, replace), r -> finish(
                Double.isNaN(r.maxDifference()) ? "Exported to " + out + "\n" + r.verifiedBy()
                        : String.format(Locale.ROOT, "Exported to %s%nVerified with %s: largest difference from the "
                                + "trained model %.3g.", out, r.verifiedBy(), r.maxDifference()), false),
                e -> finish("Export failed: " + e.getMessage() + "\nNothing was written to " + out + ".", true));
    }

    private void finish(String text, boolean failed) {
        running = false;
        progress.setVisible(false);
        message.setText(text);
        message.setStyle(failed ? "-fx-text-fill: -color-danger-fg;" : "-fx-text-fill: -color-success-fg;");
    }
}
