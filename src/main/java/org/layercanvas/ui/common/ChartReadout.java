package org.layercanvas.ui.common;

import java.awt.geom.Rectangle2D;
import java.util.Locale;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.jfree.chart.ChartRenderingInfo;
import org.jfree.chart.fx.ChartCanvas;
import org.jfree.chart.fx.ChartViewer;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;

/**
 * A tooltip that follows the mouse over a chart and gives the exact values of every series at the
 * nearest x: {@code epoch 7: validation accuracy 0.9533, training loss 0.1204}. Works on any
 * number of points, unlike per-item tooltips, which a sampling renderer does not make.
 */
public final class ChartReadout {
    private ChartReadout() {
    }

    /** Installs the readout on a chart viewer; {@code xName} names the x axis in the text. */
    public static void install(ChartViewer viewer, String xName) {
        ChartCanvas canvas = viewer.getCanvas();
        canvas.setTooltipEnabled(false);
        Tooltip tip = new Tooltip();
        tip.setShowDelay(Duration.millis(80));
        tip.setHideDelay(Duration.ZERO);
        Tooltip.install(canvas, tip);
        canvas.setOnMouseMoved(e -> tip.setText(text(canvas, e.getX(), e.getY(), xName)));
        canvas.setOnMouseExited(e -> tip.hide());
    }

    private static String text(ChartCanvas canvas, double mx, double my, String xName) {
        ChartRenderingInfo info = canvas.getRenderingInfo();
        if (info == null || !(canvas.getChart().getPlot() instanceof XYPlot plot)) {
            return "";
        }
        Rectangle2D area = info.getPlotInfo().getDataArea();
        if (!area.contains(mx, my)) {
            return "";
        }
        double x = plot.getDomainAxis().java2DToValue(mx, area, plot.getDomainAxisEdge());
        StringBuilder text = new StringBuilder();
        double shownX = Double.NaN;
        for (int d = 0; d < plot.getDatasetCount(); d++) {
            XYDataset data = plot.getDataset(d);
            for (int s = 0; data != null && s < data.getSeriesCount(); s++) {
                int i = nearest(data, s, x);
                if (i < 0) {
                    continue;
                }
                if (Double.isNaN(shownX)) {
                    shownX = data.getXValue(s, i);
                    text.append(xName).append(' ').append(format(shownX)).append(':');
                }
                text.append(String.format(Locale.ROOT, "%n%s %s", data.getSeriesKey(s), format(data.getYValue(s, i))));
            }
        }
        return text.toString();
    }

    /** Returns the index of the item whose x is nearest {@code x} in a series sorted by x, or -1. */
    static int nearest(XYDataset data, int series, double x) {
        int n = data.getItemCount(series);
        if (n == 0) {
            return -1;
        }
        int lo = 0;
        int hi = n - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (data.getXValue(series, mid) < x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        if (lo > 0 && Math.abs(data.getXValue(series, lo - 1) - x) <= Math.abs(data.getXValue(series, lo) - x)) {
            return lo - 1;
        }
        return lo;
    }

    private static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e9) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v);
    }
}
