package org.layercanvas.ui.runs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunHealth;
import org.layercanvas.ui.common.Background;

/**
 * The Runs tab: the run history of the open design (or of every design) with when it started,
 * epochs, best validation metric and status. Double-click a run to redraw its charts; right-click to
  * export it, resume it, train the open design from its weights or compare runs. A run whose folder is damaged is
 * marked (an alert sign, with every reason in its row and tooltip), and what it cannot do is refused with its name
 * and what is wrong.
 */
public final class RunsView extends VBox {
    private final RunsModel model;
    private final Background background;
    private final Consumer<String> status;
    private static final PseudoClass DAMAGED = PseudoClass.getPseudoClass("damaged");
    private static final String HINT_TEXT = "Double-click a run to redraw its charts; right-click to export, resume"
            + " or compare it, or to train the open design from its weights";

    private final TableView<RunsModel.Row> table = new TableView<>();
    private final Label refusal = new Label();
    private final Tooltip hint = new Tooltip(HINT_TEXT);
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
        TableColumn<RunsModel.Row, RunsModel.Row> mark = new TableColumn<>("");
        mark.setId("runs-mark");
        mark.setSortable(false);
        mark.setPrefWidth(30);
        mark.setCellValueFactory(cell -> new ReadOnlyObjectWrapper<>(cell.getValue()));
        mark.setCellFactory(c -> new MarkCell());
        table.getColumns().add(mark);
        table.getColumns().add(column("Started", RunsModel.Row::started, 150));
        table.getColumns().add(column("Status", r -> r.health().status() + (r.health().marked() ? ": "
                + r.health().reasons() : ""), 320));
        table.getColumns().add(column("Design", RunsModel.Row::design, 130));
        table.getColumns().add(column("Epochs", r -> r.summary() == null ? "-"
                : r.summary().epochsDone() + "/" + r.summary().epochs(), 80));
        table.getColumns().add(column("Best", r -> r.summary() == null ? "-" : r.summary().bestText(), 110));
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
                + " folder", () -> act(table.getSelectionModel().getSelectedItem(), RunHealth.Use.RESUME, onResume));
        Button export = button("Export…", "export-run", "Export the selected run's model to files other tools run",
                () -> act(table.getSelectionModel().getSelectedItem(), RunHealth.Use.MODEL, onExport));
        Button trainFrom = button("Train From Weights", "train-from-run-button", "Train the open design in a new run"
                + " that starts from the selected run's weights, its layers matched by name",
                () -> act(table.getSelectionModel().getSelectedItem(), RunHealth.Use.WEIGHTS, onTrainFrom));
        resume.disableProperty().bind(Bindings.size(table.getSelectionModel().getSelectedItems()).isNotEqualTo(1));
        export.disableProperty().bind(resume.disableProperty());
        trainFrom.disableProperty().bind(resume.disableProperty());
        CheckBox every = new CheckBox("Every design");
        every.setId("runs-every-design");
        every.setMinWidth(Region.USE_PREF_SIZE);
        every.setTooltip(new Tooltip("Show the runs of every design in this runs folder, not only this one's"));
        every.selectedProperty().bindBidirectional(model.everyDesignProperty());
        HBox bar = new HBox(8, refresh, resume, trainFrom, export, compare, every);
        bar.setAlignment(Pos.CENTER_LEFT);
        refusal.setId("runs-refusal");
        refusal.setWrapText(true);
        refusal.getStyleClass().add("panel-message");
        refusal.setMinHeight(Region.USE_PREF_SIZE);
        refusal.managedProperty().bind(refusal.visibleProperty());
        refusal.setVisible(false);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> refusal.setVisible(false));
        VBox.setVgrow(table, Priority.ALWAYS);
        // below the table, so that a refusal coming and going never moves the rows under the pointer
        getChildren().addAll(bar, table, refusal);
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setMinWidth(Region.USE_PREF_SIZE);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        return b;
    }

    /**
     * Does {@code action} with a run, or says why not: a run whose folder is damaged for {@code use}
     * is refused with its name and what is wrong, beside the buttons and in the status bar.
     */
    private void act(RunsModel.Row row, RunHealth.Use use, Consumer<RunFolder> action) {
        Optional<String> refused = row.refusal(use);
        refusal.setText(refused.orElse(""));
        refusal.setVisible(refused.isPresent());
        refused.ifPresentOrElse(status, () -> action.accept(row.folder()));
    }

    private TableRow<RunsModel.Row> row() {
        TableRow<RunsModel.Row> row = new TableRow<>() {
            @Override
            protected void updateItem(RunsModel.Row item, boolean empty) {
                super.updateItem(item, empty);
                boolean marked = !empty && item != null && item.health().marked();
                pseudoClassStateChanged(DAMAGED, marked && item.health().damaged());
                // on the rows, not the table: a table's tooltip would hide a row's
                setTooltip(empty || item == null ? null : marked ? tooltip(item) : hint);
            }
        };
        MenuItem export = new MenuItem("Export…");
        export.setOnAction(e -> act(row.getItem(), RunHealth.Use.MODEL, onExport));
        MenuItem resume = new MenuItem("Resume Training");
        resume.setOnAction(e -> act(row.getItem(), RunHealth.Use.RESUME, onResume));
        MenuItem trainFrom = new MenuItem("Train From These Weights");
        trainFrom.setId("train-from-run");
        trainFrom.setOnAction(e -> act(row.getItem(), RunHealth.Use.WEIGHTS, onTrainFrom));
        MenuItem compare = new MenuItem("Compare Selected Runs");
        compare.setOnAction(e -> compareSelected());
        row.contextMenuProperty().bind(Bindings.when(row.emptyProperty()).then((ContextMenu) null)
                .otherwise(new ContextMenu(export, resume, trainFrom, compare)));
        row.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2 && row.getItem() != null) {
                act(row.getItem(), RunHealth.Use.CHARTS, onOpen);
            }
        });
        return row;
    }

    /** Returns a marked run's tooltip: every problem found in its folder, and what each stops. */
    private static Tooltip tooltip(RunsModel.Row row) {
        StringBuilder text = new StringBuilder(row.health().damaged() ? "Damaged run " : "Run ").append(row.name())
                .append(':');
        for (RunHealth.Problem p : row.health().problems()) {
            text.append("\n• ").append(p.message());
            if (!p.stops().isEmpty()) {
                text.append(" (cannot ").append(String.join(", ", p.stops().stream().sorted()
                        .map(u -> u.verb() + " it").toList())).append(')');
            }
        }
        Tooltip tip = new Tooltip(text.append("\n\n").append(HINT_TEXT).toString());
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        return tip;
    }

    /** The mark of a run whose folder has something wrong: an alert for damage, an information sign for a note. */
    private static final class MarkCell extends TableCell<RunsModel.Row, RunsModel.Row> {
        @Override
        protected void updateItem(RunsModel.Row row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null || !row.health().marked()) {
                setGraphic(null);
                setAccessibleText(null);
                return;
            }
            boolean damaged = row.health().damaged();
            FontIcon icon = new FontIcon(damaged ? MaterialDesignA.ALERT : MaterialDesignI.INFORMATION_OUTLINE);
            icon.getStyleClass().add(damaged ? "run-damaged-mark" : "run-note-mark");
            setGraphic(icon);
            setAccessibleText(damaged ? "damaged" : "note");
        }
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
        List<RunsModel.Row> rows = List.copyOf(table.getSelectionModel().getSelectedItems());
        if (rows.size() < 2) {
            status.accept("Select two or more runs (Ctrl+click) to compare them.");
            return;
        }
        Optional<String> refused = rows.stream().flatMap(r -> r.refusal(RunHealth.Use.CHARTS).stream()).findFirst();
        refusal.setText(refused.orElse(""));
        refusal.setVisible(refused.isPresent());
        if (refused.isPresent()) {
            status.accept(refused.get());
            return;
        }
        List<RunFolder> chosen = rows.stream().map(RunsModel.Row::folder).toList();
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
