package org.layercanvas.ui;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.layercanvas.engine.Evaluation;

/**
 * How the trained model does on the validation split: accuracy, a confusion matrix (rows are true
 * classes, columns predicted ones; counts or shares of each row) and precision, recall and F1 per
 * class; for regression, the mean absolute error.
 */
final class EvaluationView extends VBox {
    private final Label summary = new Label("Train a design to evaluate it here.");
    private final ToggleButton normalized = new ToggleButton("Show shares of each row");
    private final GridPane matrix = new GridPane();
    private final GridPane perClass = new GridPane();
    private Evaluation shown;

    EvaluationView() {
        super(8);
        setId("evaluation");
        setPadding(new Insets(8));
        summary.setId("evaluation-summary");
        matrix.setId("confusion-matrix");
        matrix.setHgap(2);
        matrix.setVgap(2);
        perClass.setHgap(14);
        perClass.setVgap(2);
        normalized.setOnAction(e -> {
            if (shown != null) {
                show(shown);
            }
        });
        HBox body = new HBox(24, matrix, perClass);
        ScrollPane scroll = new ScrollPane(body);
        scroll.setFitToHeight(true);
        getChildren().addAll(new HBox(12, summary, normalized), scroll);
    }

    /** Shows an evaluation. */
    void show(Evaluation e) {
        shown = e;
        matrix.getChildren().clear();
        perClass.getChildren().clear();
        if (e.classNames().isEmpty()) {
            summary.setText(String.format(Locale.ROOT, "Validation: mean absolute error %.4g over %,d samples",
                    e.meanAbsoluteError(), e.size()));
            normalized.setVisible(false);
            return;
        }
        normalized.setVisible(true);
        summary.setText(String.format(Locale.ROOT, "Validation accuracy %.2f%% over %,d samples", 100 * e.accuracy(),
                e.size()));
        int k = e.classNames().size();
        matrix.add(header("true ↓ / predicted →"), 0, 0);
        for (int c = 0; c < k; c++) {
            matrix.add(header(e.classNames().get(c)), c + 1, 0);
            matrix.add(header(e.classNames().get(c)), 0, c + 1);
        }
        for (int t = 0; t < k; t++) {
            long rowTotal = 0;
            for (int v : e.confusion()[t]) {
                rowTotal += v;
            }
            for (int p = 0; p < k; p++) {
                int count = e.confusion()[t][p];
                double share = rowTotal == 0 ? 0 : (double) count / rowTotal;
                Label cell = new Label(normalized.isSelected() ? String.format(Locale.ROOT, "%.2f", share)
                        : Integer.toString(count));
                cell.setMinSize(54, 26);
                cell.setAlignment(Pos.CENTER);
                String colour = t == p ? "76, 175, 80" : "239, 83, 80";
                cell.setStyle("-fx-background-color: rgba(" + colour + ", " + (0.08 + 0.8 * share) + ");"
                        + " -fx-background-radius: 3;");
                matrix.add(cell, p + 1, t + 1);
            }
        }
        perClass.add(header("class"), 0, 0);
        perClass.add(header("precision"), 1, 0);
        perClass.add(header("recall"), 2, 0);
        perClass.add(header("F1"), 3, 0);
        for (int c = 0; c < k; c++) {
            perClass.add(new Label(e.classNames().get(c)), 0, c + 1);
            perClass.add(new Label(String.format(Locale.ROOT, "%.3f", e.precision(c))), 1, c + 1);
            perClass.add(new Label(String.format(Locale.ROOT, "%.3f", e.recall(c))), 2, c + 1);
            perClass.add(new Label(String.format(Locale.ROOT, "%.3f", e.f1(c))), 3, c + 1);
        }
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }
}
