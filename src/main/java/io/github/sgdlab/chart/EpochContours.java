package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Theta;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code contours.png}: one panel per epoch for the first epochs, each showing the loss
 * surface's contour lines, θ*, the path so far (faded) and every iteration of that epoch. All
 * panels share one window, so they compare at a glance.
 */
public final class EpochContours {

    /** At most this many epochs get a panel. */
    public static final int MAX_PANELS = 15;

    static final int COLUMNS = 5;
    static final int PANEL_WIDTH = 320;
    static final int PANEL_HEIGHT = 290;

    private EpochContours() {}

    /**
     * The picture.
     *
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param epochs per epoch, θ before its first iteration then θ after each iteration; at
     *     least one epoch
     * @return the panels laid out in rows of five
     */
    public static BufferedImage image(LossSurface surface, Theta thetaStar,
            List<List<Theta>> epochs) {
        return image(surface, thetaStar, epochs,
                epochs.stream().mapToInt(epoch -> epoch.size() - 1).toArray());
    }

    /**
     * The panels, for a path that may be thinned: each panel's title counts the epoch's
     * iterations, not its points.
     *
     * @param surface the loss
     * @param thetaStar the minimiser
     * @param epochs per epoch, θ before its first iteration then θ after (kept) iterations; at
     *     least one epoch
     * @param iterations per epoch, its iterations
     * @return the panels laid out in rows of five
     */
    static BufferedImage image(LossSurface surface, Theta thetaStar,
            List<List<Theta>> epochs, int[] iterations) {
        List<List<Theta>> shown = epochs.subList(0, Math.min(MAX_PANELS, epochs.size()));
        List<Theta> path = Paths.joined(shown);
        ContourMap map = ContourMap.around(surface, thetaStar, path);
        List<XYChart> panels = new ArrayList<>();
        for (int e = 0; e < shown.size(); e++) {
            List<Theta> before = Paths.joined(shown.subList(0, e));
            List<Theta> epoch = shown.get(e);
            XYChart chart = map.chart(PANEL_WIDTH, PANEL_HEIGHT, "epoch " + (e + 1) + " ("
                    + iterations[e] + (iterations[e] == 1 ? " iteration)" : " iterations)"));
            chart.getStyler().setLegendVisible(false);
            if (before.size() > 1) {
                double[][] earlier = Paths.coordinates(before);
                Plot.line(chart, "earlier epochs", earlier[0], earlier[1], Plot.FADED, 1f, false);
            }
            double[][] now = Paths.coordinates(epoch);
            XYSeries series = Plot.line(chart, "this epoch", now[0], now[1], Plot.PATH, 1.3f,
                    false);
            series.setMarker(SeriesMarkers.CIRCLE);
            series.setMarkerColor(Plot.PATH);
            chart.getStyler().setMarkerSize(4);
            map.markThetaStar(chart);
            panels.add(chart);
        }
        return ChartFiles.grid(panels, Math.min(COLUMNS, panels.size()));
    }

    /**
     * Writes the picture as PNG, atomically.
     *
     * @param target the file
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param epochs per epoch, θ before its first iteration then θ after each iteration
     * @throws IOException if writing fails
     */
    public static void write(Path target, LossSurface surface, Theta thetaStar,
            List<List<Theta>> epochs) throws IOException {
        ChartFiles.png(target, image(surface, thetaStar, epochs));
    }

    /**
     * Writes the panels of a possibly thinned path as a PNG, atomically.
     *
     * @param target the file
     * @param surface the loss
     * @param thetaStar the minimiser
     * @param epochs per epoch, θ before its first iteration then θ after (kept) iterations
     * @param iterations per epoch, its iterations
     * @throws IOException if it cannot be written
     */
    static void write(Path target, LossSurface surface, Theta thetaStar,
            List<List<Theta>> epochs, int[] iterations) throws IOException {
        ChartFiles.png(target, image(surface, thetaStar, epochs, iterations));
    }
}
