package org.layercanvas.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunSummary;
import org.layercanvas.engine.TrainingEvent;

/** The run history: every run folder with design, epochs, best validation metric and status; open one to redraw its charts. */
final class RunsView extends VBox {
    private final Path root;
    private final Consumer<String> status;
    private final TableView<Row> table = new TableView<>();
    private Consumer<RunFolder> onExport = f -> { };
    private Consumer<RunFolder> onResume = f -> { };

    /** One run in the table. */
    record Row(RunFolder folder, RunSummary summary) {
        String name() {
            return folder.dir().getFileName().toString();
        }
    }

    RunsView(Path root, Consumer<String> status, BiConsumer<java.util.List<TrainingEvent>, String> open) {
        super(6);
        this.root = root;
        this.status = status;
        setPadding(new Insets(6));
        setId("runs");
        table.setId("runs-table");
        table.getColumns().add(column("Run", Row::name, 260));
        table.getColumns().add(column("Design", r -> r.summary().design(), 140));
        table.getColumns().add(column("Epochs", r -> r.summary().epochsDone() + "/" + r.summary().epochs(), 70));
        table.getColumns().add(column("Best", r -> r.summary().bestText(), 110));
        table.getColumns().add(column("Status", r -> r.summary().status(), 220));
        table.setPlaceholder(new javafx.scene.control.Label("No runs yet in " + root + ". Train a design to make one."));
        table.setRowFactory(t -> {
            javafx.scene.control.TableRow<Row> row = new javafx.scene.control.TableRow<>();
            javafx.scene.control.MenuItem export = new javafx.scene.control.MenuItem("Export…");
            export.setOnAction(e -> onExport.accept(row.getItem().folder()));
            javafx.scene.control.MenuItem resume = new javafx.scene.control.MenuItem("Resume Training");
            resume.setOnAction(e -> onResume.accept(row.getItem().folder()));
            javafx.scene.control.MenuItem compare = new javafx.scene.control.MenuItem("Compare Selected Runs");
            compare.setOnAction(e -> compareSelected());
            row.contextMenuProperty().bind(javafx.beans.binding.Bindings.when(row.emptyProperty())
                    .then((javafx.scene.control.ContextMenu) null)
                    .otherwise(new javafx.scene.control.ContextMenu(export, resume, compare)));
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && row.getItem() != null) {
                    try {
                        open.accept(row.getItem().folder().trainingEvents(), row.getItem().name());
                    } catch (IOException ex) {
                        status.accept("Cannot read " + row.getItem().name() + ": " + ex.getMessage());
                    }
                }
            });
            return row;
        });
        table.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        Button compare = new Button("Compare");
        compare.setId("compare-runs");
        compare.setTooltip(new javafx.scene.control.Tooltip("Overlay the selected runs' curves (select two or more)"));
        compare.setOnAction(e -> compareSelected());
        compare.disableProperty().bind(javafx.beans.binding.Bindings.size(table.getSelectionModel().getSelectedItems())
                .lessThan(2));
        Button refresh = new Button("Refresh");
        refresh.setId("refresh-runs");
        refresh.setOnAction(e -> refresh());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(new HBox(8, refresh, compare, new javafx.scene.control.Label(
                "Double-click a run to redraw its charts; right-click to export or resume it.")),
                table);
        refresh();
    }

    private static TableColumn<Row, String> column(String title, java.util.function.Function<Row, String> value,
            double width) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Sets what the rows' Resume Training menu does with their run. */
    void setOnResume(Consumer<RunFolder> action) {
        onResume = action;
    }

    /** Opens a window overlaying the selected runs' curves, each with its settings. */
    void compareSelected() {
        List<RunFolder> chosen = table.getSelectionModel().getSelectedItems().stream().map(Row::folder).toList();
        if (chosen.size() < 2) {
            status.accept("Select two or more runs (Ctrl+click) to compare them.");
            return;
        }
        try {
            CompareRunsView.show(getScene().getWindow(), chosen);
        } catch (IOException e) {
            status.accept("Cannot read the runs: " + e.getMessage());
        }
    }

    /** Sets what the rows' Export… menu does with their run. */
    void setOnExport(Consumer<RunFolder> action) {
        onExport = action;
    }

    /** Reads the run folders again, newest first. */
    void refresh() {
        try {
            var rows = new java.util.ArrayList<Row>();
            for (RunFolder f : RunFolder.list(root)) {
                rows.add(0, new Row(f, f.summary()));
            }
            table.getItems().setAll(rows);
        } catch (IOException e) {
            status.accept("Cannot list runs in " + root + ": " + e.getMessage());
        }
    }
}
