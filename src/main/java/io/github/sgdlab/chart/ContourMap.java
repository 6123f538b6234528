package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Theta;

import java.util.ArrayList;
import java.util.List;

import org.knowm.xchart.XYChart;

/**
 * The loss surface's contour lines over one window, and θ*'s mark: the background of every
 * picture in the (θ0, θ1) plane. The lines are computed once and drawn into as many charts as
 * needed (15 epoch panels, 200 animation frames).
 *
 * <p>Levels are log-spaced in the loss above its minimum, {@code L − L(θ*)}, over three and a
 * half decades up to the largest value in the window: on a quadratic bowl that puts the rings
 * at distances from θ* growing by a constant factor, so the bowl's floor and its rim both show.
 */
public final class ContourMap {

    /** Grid points along each side of the window. */
    static final int GRID = 121;

    /** How many contour levels. */
    static final int LEVELS = 14;

    /**
     * The highest level, as a fraction of the largest {@code L − L(θ*)} in the window: the very
     * largest touches only a corner of the grid, a speck of a line.
     */
    static final double TOP_LEVEL = 0.8;

    /** The decades of {@code L − L(θ*)} the levels span. */
    static final double DECADES = 3.5;

    private final Window window;
    private final Theta thetaStar;
    private final List<double[][]> lines = new ArrayList<>();

    /**
     * Computes the contour lines of {@code surface} over {@code window}.
     *
     * @param surface the loss surface
     * @param thetaStar its minimiser, marked on every chart
     * @param window the part of the plane to draw
     */
    public ContourMap(LossSurface surface, Theta thetaStar, Window window) {
        this.window = window;
        this.thetaStar = thetaStar;
        ScalarField field = ScalarField.sample(surface::loss, window, GRID, GRID);
        double floor = surface.loss(thetaStar.get(0), thetaStar.get(1));
        double top = field.max() - floor;
        if (top > 0) {
            double[] excesses = ContourLevels.logSpaced(top * Math.pow(10, -DECADES),
                    TOP_LEVEL * top, LEVELS);
            for (double excess : excesses) {
                lines.add(polyline(MarchingSquares.contour(field, floor + excess)));
            }
        }
    }

    /**
     * The contour map of a window that shows θ* and the given points, leaving out points more
     * than three times as far from θ* as the first point (the start), so a diverging run does
     * not shrink the picture to a dot.
     *
     * @param surface the loss surface
     * @param thetaStar its minimiser
     * @param points the points to show, the start first
     * @return the map
     */
    public static ContourMap around(LossSurface surface, Theta thetaStar, List<Theta> points) {
        Theta start = points.isEmpty() ? thetaStar : points.get(0);
        double reach = 3 * Math.max(1e-6,
                Math.hypot(start.get(0) - thetaStar.get(0), start.get(1) - thetaStar.get(1)));
        return new ContourMap(surface, thetaStar, Window.around(thetaStar, points, reach, 0.08));
    }

    /** Segments as one NaN-separated polyline, the form XChart draws as separate pieces. */
    static double[][] polyline(List<Segment> segments) {
        double[] xs = new double[segments.size() * 3];
        double[] ys = new double[segments.size() * 3];
        int k = 0;
        for (Segment s : segments) {
            xs[k] = s.x0();
            ys[k++] = s.y0();
            xs[k] = s.x1();
            ys[k++] = s.y1();
            xs[k] = s.x1();
            ys[k++] = Double.NaN;
        }
        return new double[][] {xs, ys};
    }

    /**
     * The window the lines were computed for.
     *
     * @return the window
     */
    public Window window() {
        return window;
    }

    /**
     * How many contour levels cross the window.
     *
     * @return the number of non-empty contour lines
     */
    public int levelsDrawn() {
        return (int) lines.stream().filter(l -> l[0].length > 0).count();
    }

    /**
     * A new chart showing the contour lines, with axes fixed to the window; callers add their
     * paths and arrows on top, then {@link #markThetaStar}.
     *
     * @param width pixels
     * @param height pixels
     * @param title the chart's title
     * @return the chart
     */
    public XYChart chart(int width, int height, String title) {
        XYChart chart = Plot.chart(width, height, title, "θ0", "θ1");
        Plot.show(chart, window);
        for (int k = 0; k < lines.size(); k++) {
            if (lines.get(k)[0].length > 0) {
                Plot.line(chart, "level " + k, lines.get(k)[0], lines.get(k)[1], Plot.CONTOUR, 1f,
                        false);
            }
        }
        return chart;
    }

    /**
     * Marks θ* with a cross on top of whatever the chart holds; call it last, so no path hides
     * the minimiser. The cross is drawn as lines, sized in window fractions, so it shows at any
     * marker size.
     *
     * @param chart a chart from {@link #chart}
     */
    public void markThetaStar(XYChart chart) {
        double dx = 0.025 * (window.xMax() - window.xMin());
        double dy = 0.025 * (window.yMax() - window.yMin());
        double x = thetaStar.get(0);
        double y = thetaStar.get(1);
        Plot.line(chart, "θ*", new double[] {x - dx, x + dx, x, x - dx, x + dx},
                new double[] {y - dy, y + dy, Double.NaN, y + dy, y - dy}, Plot.MINIMUM, 2.2f,
                true);
    }
}
