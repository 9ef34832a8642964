package org.layercanvas.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.ui.common.Background;

/**
 * The Runs tab: the run history of the open design (or of every design) with when it started,
 * epochs, best validation metric and status. Double-click a run to redraw its charts; right-click to
 * export it, resume it, train the open design from its weights or compare runs.
 */
public final class RunsView extends VBox {
    private final RunsModel model;
    private final Background background;
    private final Consumer<String> status;
    private final TableView<RunsModel.Row> table = new TableView<>();
    private Consumer<RunFolder> onOpen = f -> { };
    private Consumer<RunFolder> onExport = f -> { };
    private Consumer<RunFolder> onResume = f -> { };
    private Consumer<RunFolder> onTrainFrom = f -> { };

    /** Shows the runs of {@code model}; a comparison's logs are read on {@code background}. */
    public RunsView(RunsModel model, Background background, Consumer<String> status) {
        super(6);
        this.model = model;
        this.background = background;
        this.status = status;
        setPadding(new Insets(6));
        setId("runs");
        table.setId("runs-table");
        table.getColumns().add(column("Started", RunsModel.Row::started, 150));
        table.getColumns().add(column("Design", RunsModel.Row::design, 130));
        table.getColumns().add(column("Epochs", r -> r.summary() == null ? "-"
                : r.summary().epochsDone() + "/" + r.summary().epochs(), 80));
        table.getColumns().add(column("Best", r -> r.summary() == null ? "-" : r.summary().bestText(), 110));
        table.getColumns().add(column("Status", r -> r.summary() == null ? "unreadable: " + r.problem()
                : r.summary().status(), 190));
        table.getColumns().add(column("Folder", RunsModel.Row::name, 260));
        table.setItems(model.shown());
        Label empty = new Label();
        empty.textProperty().bind(Bindings.createStringBinding(() -> model.loadingProperty().get() ? "Reading runs…"
                : "No runs of this design yet in " + model.root() + ". Train it to make one.", model.loadingProperty(),
                model.designProperty()));
        table.setPlaceholder(empty);
        table.setRowFactory(t -> row());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        Button compare = button("Compare", "compare-runs", "Overlay the selected runs' curves (select two or more)",
                this::compareSelected);
        compare.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).lessThan(2));
        Button refresh = button("Refresh", "refresh-runs", "Read the runs folder again", model::refresh);
        Button resume = button("Resume", "resume-run", "Continue the selected run from its last checkpoint, in its own"
                + " folder", () -> onResume.accept(selected()));
        Button export = button("Export…", "export-run", "Export the selected run's model to files other tools run",
                () -> onExport.accept(selected()));
        Button trainFrom = button("Train From Weights", "train-from-run-button", "Train the open design in a new run"
                + " that starts from the selected run's weights, its layers matched by name",
                () -> onTrainFrom.accept(selected()));
        resume.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        export.disableProperty().bind(resume.disableProperty());
        trainFrom.disableProperty().bind(resume.disableProperty());
        CheckBox every = new CheckBox("Every design");
        every.setId("runs-every-design");
        every.setMinWidth(Region.USE_PREF_SIZE);
        every.setTooltip(new Tooltip("Show the runs of every design in this runs folder, not only this one's"));
        every.selectedProperty().bindBidirectional(model.everyDesignProperty());
        table.setTooltip(new Tooltip("Double-click a run to redraw its charts; right-click to export or resume it,"
                + " train the open design from its weights, or compare it"));
        HBox bar = new HBox(8, refresh, resume, trainFrom, export, compare, every);
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(bar, table);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    private RunFolder selected() {
        return table.getSelectionModel().getSelectedItem().folder();
    }

    private TableRow<RunsModel.Row> row() {
        TableRow<RunsModel.Row> row = new TableRow<>();
        MenuItem export = new MenuItem("Export…");
        export.setOnAction(e -> onExport.accept(row.getItem().folder()));
        MenuItem resume = new MenuItem("Resume Training");
        resume.setOnAction(e -> onResume.accept(row.getItem().folder()));
        MenuItem trainFrom = new MenuItem("Train From These Weights");
        trainFrom.setId("train-from-run");
        trainFrom.setOnAction(e -> onTrainFrom.accept(row.getItem().folder()));
        MenuItem compare = new MenuItem("Compare Selected Runs");
        compare.setOnAction(e -> compareSelected());
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                .otherwise(new ContextMenu(export, resume, trainFrom, compare)));
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && row.getItem() != null) {
                onOpen.accept(row.getItem().folder());
            }
        });
        return row;
    }

    /** Returns a read-only text column of {@code width} showing {@code value} of each row. */
    static <T> TableColumn<T, String> column(String title, Function<T, String> value, double width) {
        TableColumn<T, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** Sets what a double-click does with its run (the Training tab redraws it). */
    public void setOnOpen(Consumer<RunFolder> action) {
        onOpen = action;
    }

    /** Sets what the rows' Resume Training menu does with their run. */
    public void setOnResume(Consumer<RunFolder> action) {
        onResume = action;
    }

    /**
     * Sets what Train From Weights and the rows' Train From These Weights menu do with their run (the
     * open design trains from its weights).
     */
    public void setOnTrainFrom(Consumer<RunFolder> action) {
        onTrainFrom = action;
    }

    /** Sets what the rows' Export… menu does with their run. */
    public void setOnExport(Consumer<RunFolder> action) {
        onExport = action;
    }

    /** Reads the selected runs' logs off the FX thread and opens a window overlaying their curves. */
    private void compareSelected() {
        List<RunFolder> chosen = table.getSelectionModel().getSelectedItems().stream().map(RunsModel.Row::folder)
                .toList();
        if (chosen.size() < 2) {
            status.accept("Select two or more runs (Ctrl+click) to compare them.");
            return;
        }
        background.run(() -> {
            List<CompareRunsView.Compared> compared = new ArrayList<>();
            for (RunFolder f : chosen) {
                compared.add(CompareRunsView.read(f));
            }
            return compared;
        }, compared -> CompareRunsView.show(getScene().getWindow(), compared),
                e -> status.accept("Cannot read the runs: " + e.getMessage()));
    }
}
