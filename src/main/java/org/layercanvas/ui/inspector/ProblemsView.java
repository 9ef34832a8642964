package org.layercanvas.ui.inspector;

import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.layercanvas.graph.Diagnostic;
import org.layercanvas.ui.common.DesignEditor;

/** The problems list: every diagnostic of the design, live; clicking one selects and reveals its layer. */
public final class ProblemsView extends VBox {
    private final ListView<Diagnostic> list = new ListView<>();
    private final Label title = new Label();
    private final ReadOnlyStringWrapper tabTitle = new ReadOnlyStringWrapper("Problems");

    public ProblemsView(DesignEditor editor, Consumer<String> reveal) {
        super(4);
        getStyleClass().add("problems");
        list.setId("problems");
        title.getStyleClass().add("panel-title");
        list.setCellFactory(v -> new ListCell<>() {
            // one tooltip a cell, not one a refill: an edit that changes many problems refills them all
            private final Tooltip tip = new Tooltip();

            {
                tip.setWrapText(true);
                tip.setMaxWidth(600);
            }

            @Override
            protected void updateItem(Diagnostic d, boolean empty) {
                super.updateItem(d, empty);
                String kind = empty || d == null ? null : d.isError() ? "problem-error" : "problem-warning";
                // a change of style class restyles the cell: only when the kind of problem changes
                if (kind == null || !getStyleClass().contains(kind)) {
                    getStyleClass().removeAll("problem-error", "problem-warning");
                    if (kind != null) {
                        getStyleClass().add(kind);
                    }
                }
                if (kind == null) {
                    setText(null);
                    setTooltip(null);
                } else {
                    setText((d.isError() ? "✖ " : "⚠ ") + d.describe(editor.graph()));
                    tip.setText(getText());
                    setTooltip(tip);
                }
            }
        });
        list.setOnMouseClicked(e -> {
            Diagnostic d = list.getSelectionModel().getSelectedItem();
            if (d != null && d.nodeId() != null && editor.graph().contains(d.nodeId())) {
                // problems are the design's: show the layer (or block) where the design has it
                editor.scope().leave(0);
                editor.selection().clear();
                editor.selection().add(d.nodeId());
                reveal.accept(d.nodeId());
            }
        });
        list.setPlaceholder(new Label("No problems: every layer's inputs and shapes fit."));
        // long messages wrap within the list rather than run off its edge
        list.setCellFactory(wrapping(list.getCellFactory()));
        VBox.setVgrow(list, Priority.ALWAYS);
        getChildren().addAll(title, list);
        editor.onChange(c -> show(editor));
        show(editor);
    }

    private void show(DesignEditor editor) {
        var diagnostics = editor.analysis().diagnostics();
        if (!list.getItems().equals(diagnostics)) {
            // an unchanged list keeps its cells: refilling it re-lays out the whole list view
            list.getItems().setAll(diagnostics);
        }
        long errors = diagnostics.stream().filter(Diagnostic::isError).count();
        title.setText(diagnostics.isEmpty() ? "Problems: none"
                : "Problems: " + errors + " error(s), " + (diagnostics.size() - errors) + " warning(s)");
        tabTitle.set(diagnostics.isEmpty() ? "Problems" : "Problems (" + diagnostics.size() + ")");
    }

    /** Returns the title for the tab this list is in: {@code Problems}, or with their count, {@code Problems (2)}. */
    public ReadOnlyStringProperty tabTitleProperty() {
        return tabTitle.getReadOnlyProperty();
    }

    private static javafx.util.Callback<ListView<Diagnostic>, javafx.scene.control.ListCell<Diagnostic>> wrapping(
            javafx.util.Callback<ListView<Diagnostic>, javafx.scene.control.ListCell<Diagnostic>> cells) {
        return v -> {
            javafx.scene.control.ListCell<Diagnostic> cell = cells.call(v);
            cell.setWrapText(true);
            cell.prefWidthProperty().bind(v.widthProperty().subtract(24));
            return cell;
        };
    }
}
