package org.layercanvas.ui.training;

import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;
import org.layercanvas.engine.Evaluation;
import org.layercanvas.ui.common.ChartReadout;

/**
 * How the trained model does on the validation split: accuracy, a confusion matrix (rows are true
 * classes, columns predicted ones; counts or shares of each row) and precision, recall and F1 per
 * class; for regression, the mean absolute error.
 */
public final class EvaluationView extends VBox {
    private static final int GALLERY = 32;

    private final Label summary = new Label("Train a design to evaluate it here.");
    private final ToggleButton normalized = new ToggleButton("Show shares of each row");
    private final GridPane matrix = new GridPane();
    private final GridPane perClass = new GridPane();
    private final javafx.scene.layout.FlowPane gallery = new javafx.scene.layout.FlowPane(6, 6);
    private final Label galleryTitle = new Label();
    private final org.jfree.data.xy.XYSeries predictedVsTrue = new org.jfree.data.xy.XYSeries("validation samples",
            false, true);
    private final org.jfree.data.xy.XYSeries diagonal = new org.jfree.data.xy.XYSeries("predicted = true");
    private final org.jfree.chart.fx.ChartViewer scatter;
    private Evaluation shown;
    private Examples shownData;

    /** Shows what {@code model} holds, and nothing when it holds nothing. */
    public EvaluationView(EvaluationModel model) {
        super(8);
        setId("evaluation");
        setPadding(new Insets(8));
        summary.setId("evaluation-summary");
        matrix.setId("confusion-matrix");
        matrix.setHgap(3);
        matrix.setVgap(2);
        perClass.setHgap(14);
        perClass.setVgap(2);
        normalized.setOnAction(e -> {
            if (shown != null) {
                show(shown, shownData);
            }
        });
        gallery.setId("misclassified-gallery");
        gallery.setPrefWrapLength(520);
        galleryTitle.setStyle("-fx-font-weight: bold;");
        VBox misclassified = new VBox(6, galleryTitle, gallery);
        scatter = new org.jfree.chart.fx.ChartViewer(scatterChart());
        scatter.setId("regression-scatter");
        scatter.setPrefSize(420, 300);
        ChartReadout.install(scatter, "true");
        HBox body = new HBox(24, matrix, perClass, misclassified, scatter);
        ScrollPane scroll = new ScrollPane(body);
        VBox.setVgrow(scroll, javafx.scene.layout.Priority.ALWAYS);
        getChildren().addAll(new HBox(12, summary, normalized), scroll);
        model.shownProperty().addListener((o, a, b) -> {
            if (b == null) {
                clear();
            } else {
                show(b.evaluation(), b.data());
            }
        });
    }

    private void clear() {
        shown = null;
        shownData = null;
        matrix.getChildren().clear();
        perClass.getChildren().clear();
        gallery.getChildren().clear();
        gallery.getParent().setVisible(false);
        gallery.getParent().setManaged(false);
        scatter.setVisible(false);
        scatter.setManaged(false);
        normalized.setVisible(false);
        summary.setText("Train a design to evaluate it here.");
    }

    /** Shows an evaluation of the samples in {@code data}. */
    private void show(Evaluation e, Examples data) {
        shown = e;
        shownData = data;
        matrix.getChildren().clear();
        perClass.getChildren().clear();
        showGallery(e, data);
        showScatter(e, data);
        if (e.classNames().isEmpty()) {
            summary.setText(String.format(Locale.ROOT, "Validation: mean absolute error %.4g over %,d samples",
                    e.meanAbsoluteError(), e.size()));
            normalized.setVisible(false);
            return;
        }
        normalized.setVisible(true);
        // a segmentation's matrix counts pixels (or positions), not samples
        String counted = data.kind() != TargetKind.POSITION_CLASSES ? ""
                : data.targetShape().length == 2 ? " pixels" : " positions";
        int k = e.classNames().size();
        // ten classes still fit the tab's height without scrolling: smaller cells for many classes
        double cellWidth = k > 6 ? 40 : 54;
        double cellHeight = k > 6 ? 19 : 26;
        matrix.add(header("true ↓ / predicted →"), 0, 0);
        for (int c = 0; c < k; c++) {
            Label column = header(e.classNames().get(c));
            column.setMinWidth(cellWidth);
            column.setAlignment(Pos.CENTER);
            column.setPadding(new Insets(0, 4, 0, 4));
            column.setTooltip(new javafx.scene.control.Tooltip("predicted " + e.classNames().get(c)));
            matrix.add(column, c + 1, 0);
            Label row = header(e.classNames().get(c));
            row.setPadding(new Insets(0, 6, 0, 0));
            matrix.add(row, 0, c + 1);
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
                cell.setMinSize(cellWidth, cellHeight);
                cell.setMaxWidth(Double.MAX_VALUE);
                cell.setAlignment(Pos.CENTER);
                String colour = t == p ? "76, 175, 80" : "239, 83, 80";
                cell.setStyle("-fx-background-color: rgba(" + colour + ", " + (0.08 + 0.8 * share) + ");"
                        + " -fx-background-radius: 3;");
                javafx.scene.control.Tooltip.install(cell, new javafx.scene.control.Tooltip(count + " of " + rowTotal
                        + " " + e.classNames().get(t) + counted + " predicted as " + e.classNames().get(p)));
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
        // said last: whatever waits for the summary finds the matrix drawn
        summary.setText("Validation " + e.accuracyText(data));
    }

    /** For images: up to {@value #GALLERY} misclassified samples, each with its true and predicted class. */
    private void showGallery(Evaluation e, Examples data) {
        gallery.getChildren().clear();
        int[] shape = data.sampleShape();
        // only one class per sample makes a sample misclassified; a segmentation is right at some pixels
        boolean images = data.kind() == TargetKind.CLASSES && (shape.length == 2
                || (shape.length == 3 && (shape[0] == 1 || shape[0] == 3)));
        gallery.getParent().setVisible(images);
        gallery.getParent().setManaged(images);
        if (!images) {
            return;
        }
        int[] wrong = e.misclassified(data);
        galleryTitle.setText(wrong.length == 0 ? "No misclassified images"
                : "Misclassified: " + Math.min(wrong.length, GALLERY) + " of " + wrong.length);
        for (int k = 0; k < Math.min(wrong.length, GALLERY); k++) {
            int i = wrong[k];
            javafx.scene.image.ImageView view = new javafx.scene.image.ImageView(image(data, i));
            view.setFitWidth(56);
            view.setFitHeight(56);
            view.setPreserveRatio(true);
            view.setSmooth(false);
            String truth = e.classNames().get((int) data.targets()[i]);
            String predicted = e.classNames().get((int) e.predictions()[i]);
            Label caption = new Label(truth + " → " + predicted);
            caption.setStyle("-fx-font-size: 10px;");
            VBox tile = new VBox(2, view, caption);
            tile.setAlignment(Pos.CENTER);
            javafx.scene.control.Tooltip.install(tile, new javafx.scene.control.Tooltip(
                    "validation sample " + (i + 1) + ": true " + truth + ", predicted " + predicted));
            gallery.getChildren().add(tile);
        }
    }

    /** Draws one sample's (normalized) pixels, stretched to its own range: grey for one channel, else RGB. */
    static javafx.scene.image.Image image(Examples data, int index) {
        int[] shape = data.sampleShape();
        int channels = shape.length == 3 ? shape[0] : 1;
        int h = shape[shape.length - 2];
        int w = shape[shape.length - 1];
        int per = data.sampleSize();
        float[] f = data.features();
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int j = 0; j < per; j++) {
            min = Math.min(min, f[index * per + j]);
            max = Math.max(max, f[index * per + j]);
        }
        float range = max > min ? max - min : 1;
        javafx.scene.image.WritableImage image = new javafx.scene.image.WritableImage(w, h);
        javafx.scene.image.PixelWriter pixels = image.getPixelWriter();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                double[] rgb = new double[3];
                for (int c = 0; c < 3; c++) {
                    int channel = Math.min(c, channels - 1);
                    rgb[c] = (f[index * per + (channel * h + y) * w + x] - min) / range;
                }
                pixels.setColor(x, y, javafx.scene.paint.Color.color(rgb[0], rgb[1], rgb[2]));
            }
        }
        return image;
    }

    /** For regression: each validation sample's predicted against true value (first target), and the diagonal. */
    private void showScatter(Evaluation e, Examples data) {
        boolean regression = e.classNames().isEmpty();
        scatter.setVisible(regression);
        scatter.setManaged(regression);
        predictedVsTrue.setNotify(false);
        predictedVsTrue.clear();
        diagonal.clear();
        if (regression) {
            int width = data.targetWidth();
            double lo = Double.MAX_VALUE;
            double hi = -Double.MAX_VALUE;
            for (int i = 0; i < data.size(); i++) {
                double truth = data.targets()[i * width];
                predictedVsTrue.add(truth, e.predictions()[i * width], false);
                lo = Math.min(lo, truth);
                hi = Math.max(hi, truth);
            }
            if (lo <= hi) {
                diagonal.add(lo, lo);
                diagonal.add(hi, hi);
            }
        }
        predictedVsTrue.setNotify(true);
        predictedVsTrue.fireSeriesChanged();
    }

    private org.jfree.chart.JFreeChart scatterChart() {
        org.jfree.data.xy.XYSeriesCollection points = new org.jfree.data.xy.XYSeriesCollection(predictedVsTrue);
        org.jfree.chart.JFreeChart chart = org.jfree.chart.ChartFactory.createScatterPlot("Predicted against true",
                "true", "predicted", points);
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
        org.jfree.chart.plot.XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(new java.awt.Color(0xf6, 0xf8, 0xfa));
        plot.setDataset(1, new org.jfree.data.xy.XYSeriesCollection(diagonal));
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer line = new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(
                true, false);
        line.setSeriesPaint(0, java.awt.Color.GRAY);
        plot.setRenderer(1, line);
        return chart;
    }

    private static Label header(String text) {
        Label l = new Label(text);
        l.setStyle("-fx-font-weight: bold;");
        return l;
    }
}
