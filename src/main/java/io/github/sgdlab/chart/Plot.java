package io.github.sgdlab.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** The few XChart calls every picture shares: a plain chart, lines, points. */
final class Plot {

    static final Color CONTOUR = new Color(150, 170, 200);
    static final Color MINIMUM = new Color(200, 30, 30);
    static final Color PATH = new Color(20, 60, 160);
    static final Color FADED = new Color(170, 170, 170);

    private Plot() {}

    /**
     * An empty XY chart with the house style: white, no grid lines, legend inside the plot.
     *
     * @param width pixels
     * @param height pixels
     * @param title the chart's title
     * @param xTitle the x axis title
     * @param yTitle the y axis title
     * @return the chart
     */
    static XYChart chart(int width, int height, String title, String xTitle, String yTitle) {
        Headless.ensure();
        XYChart chart = new XYChartBuilder().width(width).height(height).title(title)
                .xAxisTitle(xTitle).yAxisTitle(yTitle).build();
        Styler styler = chart.getStyler();
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        styler.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setLegendLayout(Styler.LegendLayout.Horizontal);
        styler.setLegendBackgroundColor(new Color(255, 255, 255, 210));
        chart.getStyler().setPlotGridLinesVisible(false);
        return chart;
    }

    /**
     * Fixes the axes to a window.
     *
     * @param chart the chart
     * @param window what to show
     */
    static void show(XYChart chart, Window window) {
        chart.getStyler().setXAxisMin(window.xMin());
        chart.getStyler().setXAxisMax(window.xMax());
        chart.getStyler().setYAxisMin(window.yMin());
        chart.getStyler().setYAxisMax(window.yMax());
    }

    /**
     * Adds a line; NaN in {@code ys} breaks it into pieces.
     *
     * @param chart the chart
     * @param name the series name, unique in the chart
     * @param xs x values
     * @param ys y values
     * @param color the colour
     * @param width the stroke width in pixels
     * @param legend whether the legend names it
     * @return the series
     */
    static XYSeries line(XYChart chart, String name, double[] xs, double[] ys, Color color,
            float width, boolean legend) {
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(color);
        series.setLineStyle(new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
        series.setShowInLegend(legend);
        return series;
    }

    /**
     * Adds markers without a line.
     *
     * @param chart the chart
     * @param name the series name, unique in the chart
     * @param xs x values
     * @param ys y values
     * @param marker the marker shape
     * @param color the colour
     * @param legend whether the legend names it
     * @return the series
     */
    static XYSeries points(XYChart chart, String name, double[] xs, double[] ys, Marker marker,
            Color color, boolean legend) {
        XYSeries series = chart.addSeries(name, xs, ys);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(color);
        series.setShowInLegend(legend);
        return series;
    }
}
