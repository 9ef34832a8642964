package org.layercanvas.ui.training;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.SamplingXYLineRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.Range;
import org.jfree.data.general.DatasetUtils;
import org.jfree.data.xy.XYSeriesCollection;
import org.layercanvas.ui.common.ChartReadout;
import org.layercanvas.ui.common.Charts;

/**
 * The two training charts, drawn from a {@link TrainingChartModel}: the loss of every batch with its
 * smoothed line and the learning rate on an axis of its own, and the loss and metric of every epoch
 * with a marker at the best epoch. Saves both side by side as one PNG.
 */
final class TrainingCharts {
    private final JFreeChart batchChart;
    private final JFreeChart epochChart;
    private final ValueMarker bestMarker = new ValueMarker(0);
    private final ChartViewer batches;
    private final ChartViewer epochs;

    TrainingCharts(TrainingChartModel model) {
        XYSeriesCollection losses = new XYSeriesCollection();
        losses.addSeries(model.batchLoss());
        losses.addSeries(model.smoothedLoss());
        batchChart = Charts.lines("Loss per batch", "step", "loss", losses);
        // draws only the points that differ on screen: smooth at 100,000 batches
        SamplingXYLineRenderer sampled = new SamplingXYLineRenderer();
        sampled.setSeriesPaint(0, new Color(0x9d, 0xc3, 0xe6));
        sampled.setSeriesPaint(1, Charts.colour(0));
        sampled.setSeriesStroke(1, new BasicStroke(1.8f));
        batchChart.getXYPlot().setRenderer(sampled);
        XYPlot batchPlot = batchChart.getXYPlot();
        batchPlot.setDataset(1, new XYSeriesCollection(model.learningRate()));
        NumberAxis rateAxis = new NumberAxis("learning rate");
        rateAxis.setAutoRangeIncludesZero(true);
        batchPlot.setRangeAxis(1, rateAxis);
        batchPlot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer rateLine = new XYLineAndShapeRenderer(true, false);
        rateLine.setSeriesPaint(0, new Color(0x57, 0x60, 0x6a));
        rateLine.setSeriesStroke(0, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {5f, 4f}, 0f));
        batchPlot.setRenderer(1, rateLine);
        // the sampling renderer draws no swatch in the legend: each series' own line, drawn here
        LegendItemCollection legend = new LegendItemCollection();
        legend.add(legendLine("loss per batch", sampled.getSeriesPaint(0), new BasicStroke(1.6f)));
        legend.add(legendLine("smoothed", Charts.colour(0), new BasicStroke(2.2f)));
        legend.add(legendLine("learning rate", rateLine.getSeriesPaint(0), rateLine.getSeriesStroke(0)));
        batchPlot.setFixedLegendItems(legend);

        XYSeriesCollection perEpoch = new XYSeriesCollection();
        model.epochSeries().forEach(perEpoch::addSeries);
        epochChart = Charts.lines("Loss and accuracy per epoch", "epoch", "", perEpoch);
        // points as well as lines: a run of one epoch still shows its values
        XYLineAndShapeRenderer epochLines = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 4; i++) {
            epochLines.setSeriesPaint(i, Charts.colour(i));
            epochLines.setSeriesStroke(i, new BasicStroke(1.6f));
        }
        epochChart.getXYPlot().setRenderer(epochLines);
        // whole epochs only: one epoch in reads "1", not "1E0" five times
        ((NumberAxis) epochChart.getXYPlot().getDomainAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        bestMarker.setPaint(Charts.colour(2));
        bestMarker.setStroke(new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {4f, 3f}, 0f));
        bestMarker.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        bestMarker.setLabelPaint(new Color(0x1f, 0x23, 0x28));
        model.bestEpochProperty().addListener((o, a, b) -> showBest(b.intValue()));
        // the label goes on the side of the marker with room, which changes as epochs come in (the
        // axis's own auto-range tells no listener)
        perEpoch.addChangeListener(e -> placeBestLabel());
        model.metricProperty().addListener((o, a, b) -> epochChart.setTitle("Loss and " + b + " per epoch"));

        batches = new ChartViewer(batchChart);
        batches.setId("batch-chart");
        epochs = new ChartViewer(epochChart);
        epochs.setId("epoch-chart");
        batches.setMinWidth(220);
        epochs.setMinWidth(220);
        ChartReadout.install(batches, "step");
        ChartReadout.install(epochs, "epoch");
    }

    /** Returns the viewer of the batch chart. */
    ChartViewer batches() {
        return batches;
    }

    /** Returns the viewer of the epoch chart. */
    ChartViewer epochs() {
        return epochs;
    }

    /** Switches the batch chart's loss axis between linear and logarithmic. */
    void logScale(boolean log) {
        batchChart.getXYPlot().setRangeAxis(0, log ? new LogAxis("loss (log)") : new NumberAxis("loss"));
    }

    /**
     * Moves the best-epoch marker. Its label sits inside the plot on the side with room, so it is
     * never cut off at the plot's edge.
     */
    private void showBest(int epoch) {
        XYPlot plot = epochChart.getXYPlot();
        if (epoch < 1) {
            plot.removeDomainMarker(bestMarker);
            return;
        }
        bestMarker.setValue(epoch);
        bestMarker.setLabel(String.format(Locale.ROOT, " best: epoch %d ", epoch));
        placeBestLabel();
        var markers = plot.getDomainMarkers(Layer.FOREGROUND);
        if (markers == null || !markers.contains(bestMarker)) {
            plot.addDomainMarker(bestMarker, Layer.FOREGROUND);
        }
    }

    private void placeBestLabel() {
        Range epochs = DatasetUtils.findDomainBounds(epochChart.getXYPlot().getDataset());
        if (epochs == null) {
            return;
        }
        boolean rightHalf = bestMarker.getValue() > epochs.getCentralValue();
        RectangleAnchor anchor = rightHalf ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT;
        if (bestMarker.getLabelAnchor() != anchor) {
            bestMarker.setLabelAnchor(anchor);
            bestMarker.setLabelTextAnchor(rightHalf ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        }
    }

    private static LegendItem legendLine(String label, java.awt.Paint paint, java.awt.Stroke stroke) {
        LegendItem item = new LegendItem(label, null, null, null, new java.awt.geom.Line2D.Double(-8, 0, 8, 0),
                stroke, paint);
        item.setShapeVisible(false);
        return item;
    }

    /** Draws the charts side by side into one PNG. */
    void save(Path file) throws IOException {
        int w = 700;
        int h = 440;
        BufferedImage image = new BufferedImage(w * 2, h, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            batchChart.draw(g, new Rectangle2D.Double(0, 0, w, h));
            epochChart.draw(g, new Rectangle2D.Double(w, 0, w, h));
        } finally {
            g.dispose();
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer");
        }
    }
}
