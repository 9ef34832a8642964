package org.layercanvas.ui.runs;

import java.io.IOException;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.scene.Scene;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.layercanvas.engine.RunFolder;
import org.layercanvas.engine.RunSummary;
import org.layercanvas.engine.TrainingEvent;
import org.layercanvas.engine.TrainingSettings;
import org.layercanvas.ui.common.ChartReadout;
import org.layercanvas.ui.common.Charts;

/**
 * Several runs side by side: their validation metric and loss per epoch overlaid, one colour per
 * run in both charts, and a table of each run's settings and best result, so what changed between
 * them is in view next to what it did.
 */
public final class CompareRunsView extends VBox {

    /** One compared run: its name, settings, summary and curves. */
    record Compared(String name, TrainingSettings settings, RunSummary summary, XYSeries metric, XYSeries loss) {
        String settingsText() {
            TrainingSettings s = settings;
            return String.format(Locale.ROOT, "%s lr %s, %s schedule, batch %d, %d epochs, weight decay %s, seed %d",
                    s.optimizer(), s.learningRate(), s.schedule(), s.batchSize(), s.epochs(), s.weightDecay(), s.seed());
        }
    }

    CompareRunsView(List<Compared> runs) {
        super(8);
        setPadding(new Insets(8));
        setId("compare-runs-view");
        String metric = runs.stream().map(r -> r.metric().getDescription()).findFirst().orElse("metric");
        XYSeriesCollection metrics = new XYSeriesCollection();
        XYSeriesCollection losses = new XYSeriesCollection();
        runs.forEach(r -> {
            metrics.addSeries(r.metric());
            losses.addSeries(r.loss());
        });
        ChartViewer left = new ChartViewer(chart("Validation " + metric + " per epoch", metric, metrics));
        ChartViewer right = new ChartViewer(chart("Validation loss per epoch", "loss", losses));
        ChartReadout.install(left, "epoch");
        ChartReadout.install(right, "epoch");
        HBox charts = new HBox(8, left, right);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        VBox.setVgrow(charts, Priority.ALWAYS);
        TableView<Compared> table = new TableView<>();
        table.setId("compare-table");
        table.getColumns().add(RunsView.column("Run", Compared::name, 230));
        table.getColumns().add(RunsView.column("Best", r -> r.summary().bestText(), 120));
        table.getColumns().add(RunsView.column("Status", r -> r.summary().status(), 160));
        table.getColumns().add(RunsView.column("Settings", Compared::settingsText, 520));
        table.getItems().setAll(runs);
        table.setPrefHeight(30 + 26 * Math.min(runs.size(), 6));
        getChildren().addAll(charts, table);
    }

    /** Opens the comparison of runs already read in its own window. */
    static Stage show(Window owner, List<Compared> compared) {
        Stage stage = new Stage();
        stage.initOwner(owner);
        stage.setTitle("Compare " + compared.size() + " runs — LayerCanvas");
        Scene scene = new Scene(new CompareRunsView(compared), 1100, 620);
        if (owner != null && owner.getScene() != null) {
            scene.getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        stage.setScene(scene);
        stage.show();
        return stage;
    }

    /** Reads one run's settings, summary and validation curves; call off the FX thread. */
    static Compared read(RunFolder folder) throws IOException {
        String name = folder.dir().getFileName().toString();
        XYSeries metric = new XYSeries(name);
        XYSeries loss = new XYSeries(name);
        String metricName = "accuracy";
        for (TrainingEvent e : folder.trainingEvents()) {
            if (e instanceof TrainingEvent.Started s) {
                metricName = s.metric();
            } else if (e instanceof TrainingEvent.EpochEnded ep) {
                // a resumed run logs its re-trained epoch again: the later value replaces the earlier
                metric.addOrUpdate(ep.epoch(), ep.validationMetric());
                loss.addOrUpdate(ep.epoch(), ep.validationLoss());
            }
        }
        metric.setDescription(metricName);
        return new Compared(name, folder.settings(), folder.summary(), metric, loss);
    }

    private static JFreeChart chart(String title, String y, XYSeriesCollection data) {
        JFreeChart chart = Charts.lines(title, "epoch", y, data);
        XYLineAndShapeRenderer lines = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            lines.setSeriesPaint(i, Charts.colour(i));
        }
        chart.getXYPlot().setRenderer(lines);
        return chart;
    }
}
