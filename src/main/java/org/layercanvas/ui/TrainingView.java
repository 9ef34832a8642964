package org.layercanvas.ui;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layercanvas.data.DataException;
import org.layercanvas.data.DataSplits;
import org.layercanvas.data.DatasetSpec;
import org.layercanvas.engine.DataCheck;
import org.layercanvas.engine.LayerBlockFactory;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.SettingsException;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingJob;
import org.layercanvas.engine.TrainingRun;
import org.layercanvas.engine.TrainingService;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.graph.Analysis;
import org.layercanvas.graph.Design;
import org.layercanvas.io.DesignCodec;

/**
 * The training panel: Train, Pause, Resume and Stop; a progress bar with epoch, batch, speed and
 * time left; live charts of the loss per batch and the loss and accuracy per epoch. Trains a copy of
 * the design as it was when Train was pressed, on the training service's thread; events reach the
 * charts through a queue drained at most 30 times a second.
 */
final class TrainingView extends VBox {
    /**
     * How often queued events reach the charts: 10 redraws a second look live, and leave the cores
     * to training (the charts render in software; at 30 a second the run was ~20% slower).
     */
    private static final long DRAIN_NANOS = 100_000_000L;

    private final DesignEditor editor;
    private final Consumer<String> status;
    private final Path runsRoot;
    private final TrainingService service = new TrainingService(new LayerBlockFactory());
    private final ConcurrentLinkedQueue<TrainingEvent> queue = new ConcurrentLinkedQueue<>();
    private final Button train = new Button("Train");
    private final Button pause = new Button("Pause");
    private final Button resume = new Button("Resume");
    private final Button stop = new Button("Stop");
    private final ProgressBar progress = new ProgressBar(0);
    private final Label progressText = new Label("Press Train to train the design on its dataset.");
    private final XYSeries batchLoss = new XYSeries("loss per batch", false, true);
    private final XYSeries smoothedLoss = new XYSeries("smoothed", false, true);
    private final javafx.scene.control.Slider smoothing = new javafx.scene.control.Slider(0, 0.99, 0.9);
    private final javafx.scene.control.CheckBox logScale = new javafx.scene.control.CheckBox("log scale");
    private JFreeChart batchChart;
    private double ema = Double.NaN;
    private final XYSeries trainLoss = new XYSeries("training loss");
    private final XYSeries validationLoss = new XYSeries("validation loss");
    private final XYSeries trainMetric = new XYSeries("training accuracy");
    private final XYSeries validationMetric = new XYSeries("validation accuracy");
    private final XYSeries learningRate = new XYSeries("learning rate", false, true);
    private final org.jfree.chart.plot.ValueMarker bestMarker = new org.jfree.chart.plot.ValueMarker(0);
    private final List<TrainingEvent> history = new java.util.ArrayList<>();
    private final javafx.beans.property.BooleanProperty nothingDrawn = new javafx.beans.property.SimpleBooleanProperty(true);
    private JFreeChart epochChart;
    private DecisionBoundaryView boundary;
    private int bestEpoch;
    private double bestMetric = Double.NaN;
    private final AnimationTimer drain;
    private TrainingRun run;
    private TrainingEvent.Started started;
    private long lastDrain;
    private Runnable onStart = () -> { };
    private boolean replaying;
    private java.util.function.BiConsumer<org.layercanvas.engine.Evaluation, org.layercanvas.data.Examples> onEvaluated =
            (e, data) -> { };
    private TrainingJob job;
    private final javafx.beans.property.BooleanProperty running = new javafx.beans.property.SimpleBooleanProperty();
    private final javafx.beans.property.StringProperty blocker = new javafx.beans.property.SimpleStringProperty("");
    private DataCheckService check;

    TrainingView(DesignEditor editor, Consumer<String> status, Path runsRoot) {
        super(6);
        this.editor = editor;
        this.status = status;
        this.runsRoot = runsRoot;
        setId("training");
        setPadding(new Insets(6));
        train.setId("train");
        pause.setId("pause");
        resume.setId("resume");
        stop.setId("stop");
        progress.setId("training-progress");
        progressText.setId("training-progress-text");
        progress.setPrefWidth(220);
        train.setOnAction(e -> start());
        pause.setOnAction(e -> run.pause());
        resume.setOnAction(e -> run.resume());
        stop.setOnAction(e -> run.stop());
        for (Button b : List.of(train, pause, resume, stop)) {
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        progressText.setMinWidth(0);
        Label smoothingLabel = new Label("Smoothing");
        smoothingLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        logScale.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        train.disableProperty().bind(running.or(blocker.isNotEmpty()));
        javafx.scene.control.MenuButton save = saveMenu();
        HBox buttons = new HBox(8, withReason(train), pause, resume, stop, smoothingLabel, smoothing, logScale, save);
        buttons.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        HBox progressRow = new HBox(8, progress, progressText);
        progressRow.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        VBox controls = new VBox(4, buttons, progressRow);
        batchChart = chart("Loss per batch", "step", "loss", batchLoss, smoothedLoss);
        ChartViewer batches = new ChartViewer(batchChart);
        smoothing.setId("smoothing");
        smoothing.setPrefWidth(120);
        smoothing.setTooltip(new javafx.scene.control.Tooltip("How strongly the loss line is smoothed"));
        smoothing.valueProperty().addListener((o, a, b) -> resmooth());
        logScale.setId("log-scale");
        logScale.setOnAction(e -> {
            XYPlot plot = batchChart.getXYPlot();
            plot.setRangeAxis(0, logScale.isSelected() ? new org.jfree.chart.axis.LogAxis("loss (log)")
                    : new org.jfree.chart.axis.NumberAxis("loss"));
        });
        batches.setId("batch-chart");
        epochChart = chart("Loss and accuracy per epoch", "epoch", "", trainLoss, validationLoss, trainMetric,
                validationMetric);
        bestMarker.setPaint(new java.awt.Color(0x1a, 0x7f, 0x37));
        bestMarker.setStroke(new java.awt.BasicStroke(1.2f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER,
                1f, new float[] {4f, 3f}, 0f));
        bestMarker.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        bestMarker.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_LEFT);
        bestMarker.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_RIGHT);
        // whole epochs only: one epoch in reads "1", not "1E0" five times
        ((org.jfree.chart.axis.NumberAxis) epochChart.getXYPlot().getDomainAxis())
                .setStandardTickUnits(org.jfree.chart.axis.NumberAxis.createIntegerTickUnits());
        ChartViewer epochs = new ChartViewer(epochChart);
        epochs.setId("epoch-chart");
        // the learning rate on its own axis at the right of the batch chart, dashed and light
        XYPlot batchPlot = batchChart.getXYPlot();
        batchPlot.setDataset(1, new XYSeriesCollection(learningRate));
        org.jfree.chart.axis.NumberAxis rateAxis = new org.jfree.chart.axis.NumberAxis("learning rate");
        rateAxis.setAutoRangeIncludesZero(true);
        batchPlot.setRangeAxis(1, rateAxis);
        batchPlot.mapDatasetToRangeAxis(1, 1);
        org.jfree.chart.renderer.xy.XYLineAndShapeRenderer rateLine =
                new org.jfree.chart.renderer.xy.XYLineAndShapeRenderer(true, false);
        rateLine.setSeriesPaint(0, new java.awt.Color(0x57, 0x60, 0x6a));
        rateLine.setSeriesStroke(0, new java.awt.BasicStroke(1f, java.awt.BasicStroke.CAP_BUTT,
                java.awt.BasicStroke.JOIN_MITER, 1f, new float[] {5f, 4f}, 0f));
        batchPlot.setRenderer(1, rateLine);
        batches.setMinWidth(220);
        epochs.setMinWidth(220);
        ChartReadout.install(batches, "step");
        ChartReadout.install(epochs, "epoch");
        boundary = new DecisionBoundaryView(status);
        HBox charts = new HBox(8, batches, epochs, boundary);
        HBox.setHgrow(batches, Priority.ALWAYS);
        HBox.setHgrow(epochs, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        getChildren().addAll(controls, charts);
        drain = new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (now - lastDrain >= DRAIN_NANOS) {
                    lastDrain = now;
                    drainQueue();
                }
            }
        };
        buttons(false, false);
    }

    private static JFreeChart chart(String title, String x, String y, XYSeries... series) {
        XYSeriesCollection data = new XYSeriesCollection();
        for (XYSeries s : series) {
            data.addSeries(s);
        }
        JFreeChart chart = ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, true,
                false);
        chart.getTitle().setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 12));
        chart.getLegend().setItemFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 10));
        chart.setBackgroundPaint(java.awt.Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(new java.awt.Color(0xf6, 0xf8, 0xfa));
        plot.setDomainGridlinePaint(new java.awt.Color(0xd0, 0xd7, 0xde));
        plot.setRangeGridlinePaint(new java.awt.Color(0xd0, 0xd7, 0xde));
        // draws only the points that differ on screen: smooth at 100,000 batches
        plot.setRenderer(new SamplingXYLineRenderer());
        return chart;
    }

    /** Registers what to do with the evaluation made when a run ends. */
    void setOnEvaluated(java.util.function.BiConsumer<org.layercanvas.engine.Evaluation, org.layercanvas.data.Examples> action) {
        onEvaluated = action;
    }

    /** Registers what to do when a run starts (the window shows the training panel). */
    void setOnStart(Runnable action) {
        onStart = action;
    }

    /** Returns the series of losses per batch, for tests. */
    XYSeries batchLoss() {
        return batchLoss;
    }

    /** Returns the run in progress or last finished, or null. */
    TrainingRun run() {
        return run;
    }

    /**
     * Keeps Train disabled while {@code reason} holds text: why the design cannot be trained now
     * (settings refused, data missing or not fitting the design). Empty text enables it again.
     */
    private void blockWhile(javafx.beans.value.ObservableStringValue reason) {
        blocker.bind(reason);
    }

    /**
     * Keeps Train disabled while {@code dataCheck} finds a reason not to train, and trains on the
     * data it already loaded when that is the data asked for, instead of loading it again.
     */
    void checkWith(DataCheckService dataCheck) {
        this.check = dataCheck;
        blockWhile(dataCheck.blockerProperty());
    }

    /** Returns why Train is disabled other than a run in progress; empty when nothing stops it. */
    javafx.beans.value.ObservableStringValue blocker() {
        return blocker;
    }

    /** Returns a Train button for the window's toolbar that follows this panel's Train button. */
    javafx.scene.Node toolbarButton() {
        Button b = new Button(null, new org.kordamp.ikonli.javafx.FontIcon(
                org.kordamp.ikonli.materialdesign2.MaterialDesignP.PLAY_OUTLINE));
        b.setId("toolbar-train");
        b.setFocusTraversable(false);
        b.setOnAction(e -> start());
        b.disableProperty().bind(train.disableProperty());
        return withReason(b);
    }

    /**
     * Wraps a Train button so its tooltip shows even while it is disabled (JavaFX shows no tooltip on
     * a disabled control): the shortcut when it is enabled, the reason when it is not.
     */
    private javafx.scene.Node withReason(Button button) {
        javafx.scene.layout.StackPane holder = new javafx.scene.layout.StackPane(button);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(420);
        tip.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(() -> running.get()
                ? "A run is in progress: pause or stop it first"
                : blocker.get().isEmpty() ? "Train the design on its dataset (Ctrl+R)"
                : "Cannot train: " + blocker.get(), running, blocker));
        javafx.scene.control.Tooltip.install(holder, tip);
        holder.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        return holder;
    }

    private void buttons(boolean running, boolean paused) {
        this.running.set(running);
        pause.setDisable(!running || paused);
        resume.setDisable(!running || !paused);
        stop.setDisable(!running);
    }

    /** Loads the data on a background thread, checks it against the design, and starts a run. */
    void start() {
        if (running.get()) {
            status.accept("A run is in progress: pause or stop it first.");
            return;
        }
        if (!blocker.get().isEmpty()) {
            status.accept("Cannot train: " + blocker.get());
            return;
        }
        Design design = editor.design();
        Analysis analysis = editor.analysis();
        if (analysis.hasErrors()) {
            status.accept("Fix the design's errors before training (see Problems).");
            return;
        }
        if (design.dataset().isEmpty()) {
            status.accept("The design has no dataset section; add one to train it (see docs/file-format.md).");
            return;
        }
        Path file = editor.fileProperty().get();
        Path baseDir = file == null ? Path.of(".").toAbsolutePath() : file.toAbsolutePath().getParent();
        progressText.setText("Loading data…");
        inBackground("load-training-data", () -> {
            TrainingSettings settings = TrainingSettings.fromMap(design.training());
            DataSplits checked = check == null ? null : check.loaded(design.dataset(), baseDir, settings.seed());
            DataSplits data = checked != null ? checked
                    : DatasetSpec.parse(design.dataset(), baseDir).load(settings.seed());
            List<String> problems = DataCheck.problems(design.graph(), analysis, data, data.description());
            if (!problems.isEmpty()) {
                fail("The data does not fit the design: " + String.join("; ", problems));
                return;
            }
            String name = design.name().isEmpty() ? "design" : design.name();
            RunFolder folder = RunFolder.create(runsRoot, name, new DesignCodec().toBytes(design), settings,
                    RunFolder.describeData(data, design.dataset(), baseDir), LocalDateTime.now());
            Platform.runLater(() -> launch(TrainingJob.fresh(name, design.graph(), data, settings, folder), List.of(),
                    "Training " + name + " on " + data.description()));
        });
    }

    /** Work that prepares a run off the FX thread; what it throws is said in the status bar. */
    @FunctionalInterface
    private interface Preparation {
        void run() throws SettingsException, DataException, IOException;
    }

    /** Holds Train and the other controls as for a run, and prepares it on its own thread. */
    private void inBackground(String threadName, Preparation preparation) {
        buttons(true, false);
        Thread loader = new Thread(() -> {
            try {
                preparation.run();
            } catch (SettingsException | DataException | IOException | RuntimeException e) {
                fail(e.getMessage());
            }
        }, threadName);
        loader.setDaemon(true);
        loader.start();
    }

    /** Starts a prepared run, its charts showing {@code earlier} events first (a resumed run's). */
    private void launch(TrainingJob next, List<TrainingEvent> earlier, String message) {
        redraw(earlier);
        buttons(true, false);
        onStart.run();
        job = next;
        boundary.setPoints(next.data().train());
        run = service.start(next, queue::add);
        drain.start();
        status.accept(message);
    }

    /**
     * Continues a stopped or unfinished run from its newest checkpoint, in the same run folder: its
     * charts are redrawn from what it logged, then grow on. Trains the run's own design snapshot.
     */
    void resume(RunFolder folder) {
        // not held back by the open design's data check: the run trains its own snapshot
        if (running.get()) {
            status.accept("A run is in progress: pause or stop it first.");
            return;
        }
        progressText.setText("Loading " + folder.dir().getFileName() + "…");
        inBackground("load-resumed-run", () -> {
            Design design = new DesignCodec().parse(folder.designJson(),
                    folder.dir().resolve(RunFolder.DESIGN).toString());
            TrainingSettings settings = folder.settings();
            RunFolder.Resumption from = folder.resumption().orElse(null);
            if (from == null) {
                fail(folder.dir().getFileName() + " saved no checkpoint to resume from; train the design again.");
                return;
            }
            if (from.firstEpoch() > settings.epochs()) {
                fail(folder.dir().getFileName() + " already trained all " + settings.epochs() + " epochs.");
                return;
            }
            Object base = folder.data().get("baseDir");
            DataSplits data = DatasetSpec.parse(design.dataset(), Path.of(base == null ? "." : base.toString()))
                    .load(settings.seed());
            List<String> problems = DataCheck.problems(design.graph(), Analysis.of(design.graph()), data,
                    data.description());
            if (!problems.isEmpty()) {
                fail("The data does not fit the run's design: " + String.join("; ", problems));
                return;
            }
            List<TrainingEvent> before = folder.trainingEvents();
            Platform.runLater(() -> launch(new TrainingJob(design.name(), design.graph(), data, settings, folder,
                    from.firstEpoch(), from.weights()), before,
                    "Resuming " + folder.dir().getFileName() + " at epoch " + from.firstEpoch()));
        });
    }

    private void fail(String message) {
        Platform.runLater(() -> {
            buttons(false, false);
            progressText.setText("Not started.");
            status.accept(message);
        });
    }

    private void addSmoothed(double step, double loss) {
        double a = smoothing.getValue();
        ema = Double.isNaN(ema) ? loss : a * ema + (1 - a) * loss;
        smoothedLoss.add(step, ema, false);
    }

    /** Recomputes the smoothed line from all losses so far, after the slider moved: one redraw. */
    private void resmooth() {
        smoothedLoss.setNotify(false);
        smoothedLoss.clear();
        ema = Double.NaN;
        for (int i = 0; i < batchLoss.getItemCount(); i++) {
            addSmoothed(batchLoss.getX(i).doubleValue(), batchLoss.getY(i).doubleValue());
        }
        smoothedLoss.setNotify(true);
        smoothedLoss.fireSeriesChanged();
    }

    /** Returns the smoothed loss line, for tests. */
    XYSeries smoothedLoss() {
        return smoothedLoss;
    }

    private void clear() {
        ema = Double.NaN;
        for (XYSeries s : List.of(batchLoss, smoothedLoss, trainLoss, validationLoss, trainMetric, validationMetric,
                learningRate)) {
            s.clear();
        }
        history.clear();
        nothingDrawn.set(true);
        boundary.setPoints(null);
        bestEpoch = 0;
        bestMetric = Double.NaN;
        epochChart.getXYPlot().removeDomainMarker(bestMarker);
        progress.setProgress(0);
    }

    /** Moves queued events into the charts in one batch per series: one redraw per drain. */
    private void drainQueue() {
        List<XYSeries> all = List.of(batchLoss, smoothedLoss, trainLoss, validationLoss, trainMetric, validationMetric,
                learningRate);
        all.forEach(s -> s.setNotify(false));
        int[] counts = all.stream().mapToInt(XYSeries::getItemCount).toArray();
        boolean epochEnded = false;
        TrainingEvent.BatchEnded lastBatch = null;
        for (TrainingEvent e = queue.poll(); e != null; e = queue.poll()) {
            history.add(e);
            if (e instanceof TrainingEvent.Started s) {
                started = s;
                trainMetric.setKey("training " + s.metric());
                validationMetric.setKey("validation " + s.metric());
            } else if (e instanceof TrainingEvent.BatchEnded b) {
                batchLoss.add(b.step(), b.loss(), false);
                addSmoothed(b.step(), b.loss());
                addRate(b.step(), b.learningRate());
                lastBatch = b;
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                trainLoss.add(ep.epoch(), ep.trainLoss(), false);
                validationLoss.add(ep.epoch(), ep.validationLoss(), false);
                trainMetric.add(ep.epoch(), ep.trainMetric(), false);
                validationMetric.add(ep.epoch(), ep.validationMetric(), false);
                offerBest(ep.epoch(), ep.validationMetric());
                epochEnded = true;
            } else if (e instanceof TrainingEvent.CheckpointSaved c && !replaying && job != null
                    && job.folder() != null) {
                boundary.update(job.graph(), job.folder().dir().resolve(c.file()), c.epoch());
            } else if (e instanceof TrainingEvent.Paused) {
                buttons(true, true);
                progressText.setText("Paused. " + progressText.getText());
            } else if (e instanceof TrainingEvent.Resumed) {
                buttons(true, false);
            } else if (e instanceof TrainingEvent.Finished f) {
                bestMetric = Double.NaN;
                offerBest(f.bestEpoch(), f.bestValidationMetric());
                ended(String.format(Locale.ROOT, "Finished (%s): best validation %s %.4g at epoch %d.", f.reason(),
                        started == null ? "" : started.metric(), f.bestValidationMetric(), f.bestEpoch()));
                if (!replaying) {
                    evaluate(job);
                    notifyDone("Training finished", progressText.getText());
                }
            } else if (e instanceof TrainingEvent.Stopped s) {
                ended("Stopped during epoch " + s.epoch() + "; the run can be resumed from its checkpoint.");
                if (!replaying) {
                    notifyDone("Training stopped", progressText.getText());
                }
            } else if (e instanceof TrainingEvent.Failed f) {
                ended("Training failed: " + f.message() + (f.hint().isEmpty() ? "" : " " + f.hint()));
                if (!replaying) {
                    notifyDone("Training failed", progressText.getText());
                }
            }
        }
        // redraw only the charts whose series grew: the epoch chart changes once an epoch
        for (int i = 0; i < all.size(); i++) {
            XYSeries series = all.get(i);
            series.setNotify(true);
            if (series.getItemCount() != counts[i] || (series == learningRate && epochEnded)) {
                series.fireSeriesChanged();
            }
        }
        nothingDrawn.set(history.isEmpty());
        if (lastBatch != null && started != null && run != null && !run.isDone()) {
            showProgress(lastBatch);
        }
    }

    /**
     * Adds the learning rate of a step, keeping only the steps where it changes (and the latest, to
     * extend the line): a constant rate stays two points however long the run.
     */
    private void addRate(int step, double rate) {
        int n = learningRate.getItemCount();
        if (n >= 2 && learningRate.getY(n - 1).doubleValue() == rate && learningRate.getY(n - 2).doubleValue() == rate) {
            learningRate.remove(n - 1);
        }
        learningRate.add(step, rate, false);
    }

    /** Moves the best-epoch marker when {@code metric} beats the best so far (higher accuracy, lower MAE). */
    private void offerBest(int epoch, double metric) {
        boolean lowerIsBetter = started != null && started.metric().equals("mae");
        if (Double.isNaN(metric) || epoch < 1) {
            return;
        }
        if (Double.isNaN(bestMetric) || (lowerIsBetter ? metric < bestMetric : metric > bestMetric)) {
            bestMetric = metric;
            bestEpoch = epoch;
            bestMarker.setValue(epoch);
            bestMarker.setLabel(String.format(Locale.ROOT, "best: epoch %d ", epoch));
            XYPlot plot = epochChart.getXYPlot();
            var markers = plot.getDomainMarkers(org.jfree.chart.ui.Layer.FOREGROUND);
            if (markers == null || !markers.contains(bestMarker)) {
                plot.addDomainMarker(bestMarker, org.jfree.chart.ui.Layer.FOREGROUND);
            }
        }
    }

    /** Returns the decision-boundary map, for tests. */
    DecisionBoundaryView boundary() {
        return boundary;
    }

    /** Returns the epoch the best-epoch marker is at, 0 when there is none; for tests. */
    int bestEpoch() {
        return bestEpoch;
    }

    /** Returns every event drawn since the charts were last cleared. */
    List<TrainingEvent> history() {
        return List.copyOf(history);
    }

    private javafx.scene.control.MenuButton saveMenu() {
        javafx.scene.control.MenuItem png = new javafx.scene.control.MenuItem("Charts as PNG…");
        png.setOnAction(e -> choose("training-charts.png", "PNG image", "*.png", this::saveCharts));
        javafx.scene.control.MenuItem epochsCsv = new javafx.scene.control.MenuItem("Metrics per epoch as CSV…");
        epochsCsv.setOnAction(e -> choose("metrics.csv", "CSV file", "*.csv",
                f -> org.layercanvas.export.MetricsCsv.write(org.layercanvas.export.MetricsCsv.epochs(history), f)));
        javafx.scene.control.MenuItem batchesCsv = new javafx.scene.control.MenuItem("Loss per batch as CSV…");
        batchesCsv.setOnAction(e -> choose("batches.csv", "CSV file", "*.csv",
                f -> org.layercanvas.export.MetricsCsv.write(org.layercanvas.export.MetricsCsv.batches(history), f)));
        javafx.scene.control.MenuButton save = new javafx.scene.control.MenuButton("Save", null, png, epochsCsv,
                batchesCsv);
        save.setId("save-training");
        save.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        save.setTooltip(new javafx.scene.control.Tooltip("Save the charts as an image or the metrics as CSV"));
        save.disableProperty().bind(nothingDrawn);
        return save;
    }

    /** Something that writes a file. */
    @FunctionalInterface
    interface FileWriter {
        void write(Path file) throws IOException;
    }

    private void choose(String name, String what, String pattern, FileWriter writer) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setInitialFileName(name);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(what, pattern));
        java.io.File file = chooser.showSaveDialog(getScene().getWindow());
        if (file != null) {
            save(file.toPath(), writer);
        }
    }

    /** Writes one of the saved forms to {@code file} and says where, or why not. */
    void save(Path file, FileWriter writer) {
        try {
            writer.write(file);
            status.accept("Saved " + file);
        } catch (IOException | RuntimeException e) {
            status.accept("Could not save " + file + ": " + e.getMessage());
        }
    }

    /** Draws the charts side by side into one PNG. */
    void saveCharts(Path file) throws IOException {
        int w = 700;
        int h = 440;
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(w * 2, h,
                java.awt.image.BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
            batchChart.draw(g, new java.awt.geom.Rectangle2D.Double(0, 0, w, h));
            epochChart.draw(g, new java.awt.geom.Rectangle2D.Double(w, 0, w, h));
        } finally {
            g.dispose();
        }
        if (!javax.imageio.ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }

    private void showProgress(TrainingEvent.BatchEnded b) {
        int steps = started.stepsPerEpoch();
        int total = steps * (started.epochs() - started.firstEpoch() + 1);
        int done = (b.epoch() - started.firstEpoch()) * steps + b.batch();
        progress.setProgress((double) done / total);
        long eta = done == 0 ? 0 : b.elapsedMillis() * (total - done) / done / 1000;
        progressText.setText(String.format(Locale.ROOT, "epoch %d/%d · batch %d/%d · %,.0f samples/s · %ds elapsed · %ds left",
                b.epoch(), started.epochs(), b.batch(), steps, b.samplesPerSecond(), b.elapsedMillis() / 1000, eta));
    }

    /**
     * Redraws the charts of a past run from its events, as they were drawn live. Refused while a run
     * is in progress, whose charts these are.
     */
    void replay(List<TrainingEvent> events, String name) {
        if (running.get()) {
            status.accept("A run is in progress: its charts stay until it ends.");
            return;
        }
        redraw(events);
        status.accept("Showing " + name + ": " + events.size() + " events");
    }

    /** Clears the charts and draws logged events into them at once, without acting on their ends. */
    private void redraw(List<TrainingEvent> events) {
        clear();
        replaying = true;
        try {
            queue.addAll(events);
            drainQueue();
        } finally {
            replaying = false;
        }
    }

    /** Evaluates the finished model on the validation split, off the FX thread. */
    private void evaluate(TrainingJob finished) {
        Thread t = new Thread(() -> {
            try (org.layercanvas.engine.TrainedModel model = org.layercanvas.engine.TrainedModel.load(finished.graph(),
                    finished.folder().model())) {
                var evaluation = org.layercanvas.engine.Evaluation.of(model, finished.data().validation());
                Platform.runLater(() -> onEvaluated.accept(evaluation, finished.data().validation()));
            } catch (IOException | RuntimeException e) {
                Platform.runLater(() -> status.accept("Could not evaluate the run: " + e.getMessage()));
            }
        }, "evaluate-run");
        t.setDaemon(true);
        t.start();
    }

    private void notifyDone(String title, String text) {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return;
        }
        org.controlsfx.control.Notifications.create().owner(getScene().getWindow()).title(title).text(text)
                .hideAfter(javafx.util.Duration.seconds(6)).showInformation();
    }

    private void ended(String message) {
        drain.stop();
        buttons(false, false);
        progressText.setText(message);
        status.accept(message);
    }
}
