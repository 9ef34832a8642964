package org.layercanvas.ui.training;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Label;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import org.layercanvas.data.Examples;
import org.layercanvas.data.TargetKind;
import org.layercanvas.engine.TrainedModel;
import org.layercanvas.graph.Graph;
import org.layercanvas.ui.common.Background;

/**
 * For a classifier of 2-D points: the class the model predicts over the plane, shaded by its
 * confidence, with the training points on top in their true classes. Redrawn from each epoch's
 * checkpoint, off the FX thread; an epoch that ends while the last map is still being computed is
 * skipped, so the map never holds training back.
 */
public final class DecisionBoundaryView extends VBox {
    static final int GRID = 80;
    private static final double SIZE = 200;
    private static final Color[] CLASS_COLORS = {Color.web("#0969da"), Color.web("#cf222e"), Color.web("#1a7f37"),
        Color.web("#8250df"), Color.web("#bf8700"), Color.web("#1b7c83"), Color.web("#e16f24"), Color.web("#57606a")};

    private final Canvas canvas = new Canvas(SIZE, SIZE);
    private final Label title = new Label("Decision boundary");
    private final AtomicBoolean busy = new AtomicBoolean();
    private final Consumer<String> status;
    private final Background background;
    private Examples points;
    private double[] bounds;
    private int drawnEpoch;

    /** Creates a hidden map that computes its predictions on {@code background}. */
    public DecisionBoundaryView(Background background, Consumer<String> status) {
        super(4);
        this.status = status;
        this.background = background;
        setId("decision-boundary");
        setPadding(new Insets(4));
        setAlignment(Pos.TOP_CENTER);
        title.setStyle("-fx-font-weight: bold;");
        title.setId("decision-boundary-title");
        canvas.setId("decision-boundary-canvas");
        getChildren().addAll(title, canvas);
        show(false);
    }

    /** Returns whether these examples are 2-D points with classes, which the map can show. */
    static boolean applies(Examples examples) {
        return examples != null && examples.kind() == TargetKind.CLASSES && examples.sampleShape().length == 1
                && examples.sampleShape()[0] == 2 && examples.size() > 0;
    }

    /** Shows the map for these training points, or hides it when they are not 2-D classes. */
    public void setPoints(Examples train) {
        points = applies(train) ? train : null;
        drawnEpoch = 0;
        show(points != null);
        if (points == null) {
            return;
        }
        float[] f = points.features();
        double minX = Double.MAX_VALUE;
        double maxX = -Double.MAX_VALUE;
        double minY = Double.MAX_VALUE;
        double maxY = -Double.MAX_VALUE;
        for (int i = 0; i < f.length; i += 2) {
            minX = Math.min(minX, f[i]);
            maxX = Math.max(maxX, f[i]);
            minY = Math.min(minY, f[i + 1]);
            maxY = Math.max(maxY, f[i + 1]);
        }
        double padX = Math.max(1e-6, (maxX - minX) * 0.08);
        double padY = Math.max(1e-6, (maxY - minY) * 0.08);
        bounds = new double[] {minX - padX, maxX + padX, minY - padY, maxY + padY};
        title.setText("Decision boundary");
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.web("#f6f8fa"));
        g.fillRect(0, 0, SIZE, SIZE);
        drawPoints(g);
    }

    /**
     * Recomputes the map from the weights saved at the end of {@code epoch}, in the background;
     * skipped when the previous map is still being computed.
     */
    public void update(Graph graph, Path weights, int epoch) {
        if (points == null || !busy.compareAndSet(false, true)) {
            return;
        }
        double[] b = bounds.clone();
        background.execute(() -> {
            try (TrainedModel model = TrainedModel.load(graph, weights)) {
                float[] grid = new float[GRID * GRID * 2];
                for (int row = 0; row < GRID; row++) {
                    for (int col = 0; col < GRID; col++) {
                        int i = (row * GRID + col) * 2;
                        grid[i] = (float) (b[0] + (col + 0.5) * (b[1] - b[0]) / GRID);
                        grid[i + 1] = (float) (b[3] - (row + 0.5) * (b[3] - b[2]) / GRID);
                    }
                }
                float[] out = model.predict(grid, GRID * GRID);
                Platform.runLater(() -> draw(out, epoch));
            } catch (java.io.IOException | RuntimeException e) {
                Platform.runLater(() -> status.accept("Could not draw the decision boundary: " + e.getMessage()));
            } finally {
                busy.set(false);
            }
        });
    }

    private void draw(float[] out, int epoch) {
        if (points == null) {
            return;
        }
        int width = out.length / (GRID * GRID);
        WritableImage image = new WritableImage(GRID, GRID);
        PixelWriter pixels = image.getPixelWriter();
        for (int cell = 0; cell < GRID * GRID; cell++) {
            int predicted;
            double confidence;
            if (width == 1) {
                double p = 1 / (1 + Math.exp(-out[cell]));
                predicted = p >= 0.5 ? 1 : 0;
                confidence = Math.abs(p - 0.5) * 2;
            } else {
                predicted = 0;
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < width; k++) {
                    if (out[cell * width + k] > max) {
                        max = out[cell * width + k];
                        predicted = k;
                    }
                }
                double sum = 0;
                for (int k = 0; k < width; k++) {
                    sum += Math.exp(out[cell * width + k] - max);
                }
                confidence = (1 / sum - 1.0 / width) / (1 - 1.0 / width);
            }
            Color c = CLASS_COLORS[predicted % CLASS_COLORS.length];
            pixels.setColor(cell % GRID, cell / GRID, Color.WHITE.interpolate(c, 0.15 + 0.45 * confidence));
        }
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setImageSmoothing(true);
        g.drawImage(image, 0, 0, SIZE, SIZE);
        drawPoints(g);
        drawnEpoch = epoch;
        title.setText("Decision boundary · epoch " + epoch);
    }

    private void drawPoints(GraphicsContext g) {
        float[] f = points.features();
        float[] t = points.targets();
        int step = Math.max(1, points.size() / 600);
        g.setLineWidth(0.6);
        g.setStroke(Color.web("#24292f", 0.8));
        for (int i = 0; i < points.size(); i += step) {
            double x = (f[2 * i] - bounds[0]) / (bounds[1] - bounds[0]) * SIZE;
            double y = (bounds[3] - f[2 * i + 1]) / (bounds[3] - bounds[2]) * SIZE;
            g.setFill(CLASS_COLORS[(int) t[i] % CLASS_COLORS.length]);
            g.fillOval(x - 2.5, y - 2.5, 5, 5);
            g.strokeOval(x - 2.5, y - 2.5, 5, 5);
        }
    }

    private void show(boolean visible) {
        setVisible(visible);
        setManaged(visible);
    }
}
