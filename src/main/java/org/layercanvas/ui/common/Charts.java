package org.layercanvas.ui.common;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYDataset;

/**
 * How every chart in the window looks: white paper, light grid, small type, and series colours
 * that stay apart for colour-blind readers and read on white (no yellow), after Okabe and Ito.
 */
public final class Charts {
    /** The series colours, in order. */
    private static final Color[] SERIES = {new Color(0x00, 0x72, 0xb2), new Color(0xd5, 0x5e, 0x00),
        new Color(0x00, 0x9e, 0x73), new Color(0xcc, 0x79, 0xa7), new Color(0x56, 0x6b, 0x7a),
        new Color(0x8c, 0x4b, 0x00), new Color(0x3d, 0x9b, 0xd6), new Color(0x6a, 0x3d, 0x9a)};
    private static final Color PLOT = new Color(0xf6, 0xf8, 0xfa);
    private static final Color GRID = new Color(0xd0, 0xd7, 0xde);

    private Charts() {
    }

    /** Returns the colour of the {@code i}-th series (or class). */
    public static Color colour(int i) {
        return SERIES[Math.floorMod(i, SERIES.length)];
    }

    /** Returns a line chart with a legend, styled like the others. */
    public static JFreeChart lines(String title, String x, String y, XYDataset data) {
        return style(ChartFactory.createXYLineChart(title, x, y, data, PlotOrientation.VERTICAL, true, true, false));
    }

    /** Returns a scatter chart with a legend, styled like the others. */
    public static JFreeChart scatter(String title, String x, String y, XYDataset data) {
        return style(ChartFactory.createScatterPlot(title, x, y, data, PlotOrientation.VERTICAL, true, true, false));
    }

    /** Styles a chart: title and legend type, paper, grid, and the series colours. */
    public static JFreeChart style(JFreeChart chart) {
        if (chart.getTitle() != null) {
            chart.getTitle().setFont(new Font(Font.SANS_SERIF, Font.BOLD, 12));
        }
        if (chart.getLegend() != null) {
            chart.getLegend().setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        }
        chart.setBackgroundPaint(Color.WHITE);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(PLOT);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        for (int i = 0; i < SERIES.length; i++) {
            plot.getRenderer().setSeriesPaint(i, colour(i));
            plot.getRenderer().setSeriesStroke(i, new BasicStroke(1.6f));
        }
        return chart;
    }
}
