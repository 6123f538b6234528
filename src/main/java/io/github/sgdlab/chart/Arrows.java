package io.github.sgdlab.chart;

import java.util.List;

/**
 * Arrows as polylines XChart can draw: the shaft and the two strokes of the head, pieces
 * separated by NaN.
 *
 * <p>The head is shaped in window fractions, not data units, so it looks the same on axes of very
 * different scales (the wide data set's θ1 spans a hundred times its θ0).
 */
final class Arrows {

    /** The head's stroke length, as a fraction of the window's side. */
    static final double HEAD = 0.025;

    /** The angle between the shaft and each stroke of the head, in radians (25°). */
    static final double SPREAD = Math.toRadians(25);

    private Arrows() {}

    /**
     * The arrows as one NaN-separated polyline.
     *
     * @param arrows the arrows
     * @param window the window they are drawn in, which sets the head's size
     * @return {xs, ys}
     */
    static double[][] polyline(List<Arrow> arrows, Window window) {
        double[] xs = new double[arrows.size() * 8];
        double[] ys = new double[arrows.size() * 8];
        int k = 0;
        double w = window.xMax() - window.xMin();
        double h = window.yMax() - window.yMin();
        for (Arrow a : arrows) {
            // Direction and length in window fractions.
            double u = (a.x1() - a.x0()) / w;
            double v = (a.y1() - a.y0()) / h;
            double length = Math.hypot(u, v);
            double head = Math.min(HEAD, 0.4 * length);
            double angle = Math.atan2(v, u);
            k = put(xs, ys, k, a.x0(), a.y0());
            k = put(xs, ys, k, a.x1(), a.y1());
            k = put(xs, ys, k, a.x1() - head * Math.cos(angle - SPREAD) * w,
                    a.y1() - head * Math.sin(angle - SPREAD) * h);
            k = put(xs, ys, k, a.x1(), Double.NaN);
            k = put(xs, ys, k, a.x1(), a.y1());
            k = put(xs, ys, k, a.x1() - head * Math.cos(angle + SPREAD) * w,
                    a.y1() - head * Math.sin(angle + SPREAD) * h);
            k = put(xs, ys, k, a.x1(), Double.NaN);
            // The eighth slot keeps arrows of zero length (no head) well-formed: a lone point.
            k = put(xs, ys, k, a.x1(), Double.NaN);
        }
        return new double[][] {xs, ys};
    }

    private static int put(double[] xs, double[] ys, int k, double x, double y) {
        xs[k] = x;
        ys[k] = y;
        return k + 1;
    }

    /**
     * A window holding every arrow's tail and head, widened by {@code margin} on each side.
     *
     * @param arrows the arrows, at least one
     * @param margin the fraction of the width and height added on each side
     * @return the window
     */
    static Window enclosing(List<Arrow> arrows, double margin) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (Arrow a : arrows) {
            xMin = Math.min(xMin, Math.min(a.x0(), a.x1()));
            xMax = Math.max(xMax, Math.max(a.x0(), a.x1()));
            yMin = Math.min(yMin, Math.min(a.y0(), a.y1()));
            yMax = Math.max(yMax, Math.max(a.y0(), a.y1()));
        }
        return Window.padded(xMin, xMax, yMin, yMax, margin);
    }
}
