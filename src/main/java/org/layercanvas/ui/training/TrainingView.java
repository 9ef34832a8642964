package org.layercanvas.ui.training;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.layercanvas.export.MetricsCsv;
import org.layercanvas.ui.common.FileDialogs;

/**
 * The Training tab: Train, Pause, Resume and Stop; a progress bar with epoch, batch, speed and time
 * left; what the run's preparation warned of; the live charts and, for 2-D classes, the decision boundary. Draws a {@link TrainingModel}
 * and its {@link TrainingChartModel}, moving queued events into the charts ten times a second.
 */
public final class TrainingView extends VBox {
    /**
     * How often queued events reach the charts: 4 redraws a second look live, and leave the cores
     * to training (the charts render in software; at 30 a second the run was ~20% slower, and at 10
     * a residual CNN trained at 0.90-0.99 of headless, at 4 at 1.06; docs/benchmarks.md).
     */
    private static final long DRAIN_NANOS = 250_000_000L;

    private final TrainingModel model;
    private final TrainingCharts charts;
    private final FileDialogs dialogs;
    private final Consumer<String> status;
    private long lastDrain;

    /** Shows {@code model}; {@code boundary} is the decision-boundary map beside the charts. */
    public TrainingView(TrainingModel model, DecisionBoundaryView boundary, FileDialogs dialogs,
            Consumer<String> status) {
        super(6);
        this.model = model;
        this.dialogs = dialogs;
        this.status = status;
        this.charts = new TrainingCharts(model.chart());
        setId("training");
        setPadding(new Insets(6));
        Button train = new Button("Train");
        train.setId("train");
        train.setOnAction(e -> model.start());
        Button pause = button("Pause", "pause", "Pause after the current batch (Ctrl+P)", model::pause);
        Button resume = button("Resume", "resume", "Go on training (Ctrl+P)", model::resumeRun);
        Button stop = button("Stop", "stop", "Stop after the current batch, keeping a checkpoint to resume from"
                + " (Ctrl+.)", model::stop);
        var phase = model.phaseProperty();
        pause.disableProperty().bind(phase.isNotEqualTo(TrainingModel.Phase.RUNNING));
        resume.disableProperty().bind(phase.isNotEqualTo(TrainingModel.Phase.PAUSED));
        stop.disableProperty().bind(phase.isNotEqualTo(TrainingModel.Phase.RUNNING)
                .and(phase.isNotEqualTo(TrainingModel.Phase.PAUSED)));
        Label smoothingLabel = new Label("Smoothing");
        smoothingLabel.setMinWidth(Region.USE_PREF_SIZE);
        Slider smoothing = new Slider(0, 0.99, model.chart().smoothingProperty().get());
        smoothing.setId("smoothing");
        smoothing.setPrefWidth(120);
        smoothing.setTooltip(new Tooltip("How strongly the loss line is smoothed"));
        smoothing.valueProperty().bindBidirectional(model.chart().smoothingProperty());
        CheckBox logScale = new CheckBox("log scale");
        logScale.setId("log-scale");
        logScale.setMinWidth(Region.USE_PREF_SIZE);
        logScale.setOnAction(e -> charts.logScale(logScale.isSelected()));
        HBox buttons = new HBox(8, withReason(train, model), pause, resume, stop, smoothingLabel, smoothing, logScale,
                saveMenu());
        buttons.setAlignment(Pos.CENTER_LEFT);
        ProgressBar progress = new ProgressBar(0);
        progress.setId("training-progress");
        progress.setPrefWidth(220);
        progress.setMinWidth(120);
        progress.progressProperty().bind(model.progressProperty());
        Label progressText = new Label();
        progressText.setId("training-progress-text");
        progressText.textProperty().bind(model.progressTextProperty());
        progressText.setMinWidth(0);
        progressText.setWrapText(true);
        Tooltip progressTip = new Tooltip();
        progressTip.textProperty().bind(model.progressTextProperty());
        progressText.setTooltip(progressTip);
        HBox.setHgrow(progressText, Priority.ALWAYS);
        HBox progressRow = new HBox(8, progress, progressText);
        progressRow.setAlignment(Pos.CENTER_LEFT);
        Label warningStrip = warningStrip(model);
        HBox chartRow = new HBox(8, charts.batches(), charts.epochs(), boundary);
        HBox.setHgrow(charts.batches(), Priority.ALWAYS);
        HBox.setHgrow(charts.epochs(), Priority.ALWAYS);
        VBox.setVgrow(chartRow, Priority.ALWAYS);
        getChildren().addAll(new VBox(4, buttons, progressRow, warningStrip), chartRow);
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastDrain >= DRAIN_NANOS) {
                    lastDrain = now;
                    model.drain();
                }
            }
        }.start();
    }

    /**
     * Returns the strip that shows what the run's preparation warned of: the warning itself, or how
     * many there are with the first; its tooltip lists them all. Hidden while there are none.
     */
    private static Label warningStrip(TrainingModel model) {
        Label strip = new Label();
        strip.setId("training-warnings");
        strip.getStyleClass().add("warning-strip");
        strip.setGraphic(new FontIcon(MaterialDesignA.ALERT_OUTLINE));
        strip.setWrapText(true);
        strip.setMaxWidth(Double.MAX_VALUE);
        strip.setMinHeight(Region.USE_PREF_SIZE);
        strip.managedProperty().bind(strip.visibleProperty());
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(560);
        strip.setTooltip(tip);
        Runnable show = () -> {
            List<String> w = model.warnings();
            strip.setVisible(!w.isEmpty());
            strip.setText(w.isEmpty() ? "" : w.size() == 1 ? "Warning: " + w.get(0)
                    : w.size() + " warnings: " + w.get(0) + " (and " + (w.size() - 1) + " more)");
            tip.setText(w.isEmpty() ? "" : "Before this run started:\n• " + String.join("\n• ", w));
        };
        model.warnings().addListener((ListChangeListener<String>) c -> show.run());
        show.run();
        return strip;
    }

    private static Button button(String text, String id, String tip, Runnable action) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> action.run());
        b.setMinWidth(Region.USE_PREF_SIZE);
        return b;
    }

    /**
     * Wraps a Train button so that it is disabled while the model says why not, and its tooltip
     * shows even then (JavaFX shows no tooltip on a disabled control): the shortcut when it is
     * enabled, the reason when it is not.
     */
    public static Node withReason(Button button, TrainingModel model) {
        StringBinding blocker = model.trainBlocker();
        button.disableProperty().bind(blocker.isNotEmpty());
        button.setMinWidth(Region.USE_PREF_SIZE);
        StackPane holder = new StackPane(button);
        Tooltip tip = new Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.textProperty().bind(Bindings.createStringBinding(() -> blocker.get().isEmpty()
                ? "Train the design on its dataset (Ctrl+R)" : "Cannot train: " + blocker.get(), blocker));
        Tooltip.install(holder, tip);
        holder.setMinWidth(Region.USE_PREF_SIZE);
        return holder;
    }

    private MenuButton saveMenu() {
        MenuItem png = new MenuItem("Charts as PNG…");
        png.setOnAction(e -> choose("training-charts.png", FileDialogs.Filter.of("PNG image", "*.png"), charts::save));
        MenuItem epochsCsv = new MenuItem("Metrics per epoch as CSV…");
        epochsCsv.setOnAction(e -> choose("metrics.csv", FileDialogs.Filter.of("CSV file", "*.csv"),
                f -> MetricsCsv.write(MetricsCsv.epochs(model.chart().history()), f)));
        MenuItem batchesCsv = new MenuItem("Loss per batch as CSV…");
        batchesCsv.setOnAction(e -> choose("batches.csv", FileDialogs.Filter.of("CSV file", "*.csv"),
                f -> MetricsCsv.write(MetricsCsv.batches(model.chart().history()), f)));
        MenuButton save = new MenuButton("Save", null, png, epochsCsv, batchesCsv);
        save.setId("save-training");
        save.setMinWidth(Region.USE_PREF_SIZE);
        save.setTooltip(new Tooltip("Save the charts as an image or the metrics as CSV"));
        save.disableProperty().bind(model.chart().emptyProperty());
        return save;
    }

    /** Something that writes a file. */
    @FunctionalInterface
    private interface FileWriter {
        void write(Path file) throws IOException;
    }

    private void choose(String name, FileDialogs.Filter filter, FileWriter writer) {
        dialogs.save(getScene().getWindow(), "Save " + filter.description(), null, name, List.of(filter))
                .ifPresent(file -> {
                    try {
                        writer.write(file);
                        status.accept("Saved " + file);
                    } catch (IOException | RuntimeException e) {
                        status.accept("Could not save " + file + ": " + e.getMessage());
                    }
                });
    }
}
