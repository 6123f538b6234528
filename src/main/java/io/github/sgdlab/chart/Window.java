package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Theta;

import java.util.Collection;

/**
 * The rectangle of a plane a chart shows: x across (θ0, or ∂/∂θ0 for gradients), y up.
 *
 * @param xMin the smallest x shown
 * @param xMax the largest x shown
 * @param yMin the smallest y shown
 * @param yMax the largest y shown
 */
public record Window(double xMin, double xMax, double yMin, double yMax) {

    /**
     * Rejects empty or non-finite windows.
     *
     * @param xMin the smallest x shown
     * @param xMax the largest x shown
     * @param yMin the smallest y shown
     * @param yMax the largest y shown
     * @throws IllegalArgumentException if a bound is not finite or a side is not positive
     */
    public Window {
        if (!(Double.isFinite(xMin) && Double.isFinite(xMax) && Double.isFinite(yMin)
                && Double.isFinite(yMax) && xMin < xMax && yMin < yMax)) {
            throw new IllegalArgumentException("not a window: [" + xMin + ", " + xMax + "] x ["
                    + yMin + ", " + yMax + "]");
        }
    }

    /**
     * The smallest window holding the centre and every point within {@code reach} of it, widened
     * by {@code margin} of its size on each side. Points farther than {@code reach} (a diverging
     * run) are left out so they cannot shrink everything else to a dot.
     *
     * @param centre a point always shown (θ*)
     * @param points the points to show where they are not too far
     * @param reach how far from the centre a point may be and still be shown
     * @param margin the fraction of the width and height added on each side
     * @return the window
     */
    public static Window around(Theta centre, Collection<Theta> points, double reach,
            double margin) {
        double xMin = centre.get(0);
        double xMax = xMin;
        double yMin = centre.get(1);
        double yMax = yMin;
        for (Theta p : points) {
            if (Math.hypot(p.get(0) - centre.get(0), p.get(1) - centre.get(1)) <= reach) {
                xMin = Math.min(xMin, p.get(0));
                xMax = Math.max(xMax, p.get(0));
                yMin = Math.min(yMin, p.get(1));
                yMax = Math.max(yMax, p.get(1));
            }
        }
        return padded(xMin, xMax, yMin, yMax, margin);
    }

    /**
     * The bounds widened by {@code margin} of their size on each side; a side of zero size (all
     * points on a line) gets a twentieth of the other side, or at least 1e-9.
     *
     * @param xMin the smallest x to show
     * @param xMax the largest x to show
     * @param yMin the smallest y to show
     * @param yMax the largest y to show
     * @param margin the fraction of the width and height added on each side
     * @return the window
     */
    static Window padded(double xMin, double xMax, double yMin, double yMax, double margin) {
        double floor = Math.max(1e-9, 0.05 * Math.max(xMax - xMin, yMax - yMin));
        double halfWidth = Math.max(xMax - xMin, floor) * (0.5 + margin);
        double halfHeight = Math.max(yMax - yMin, floor) * (0.5 + margin);
        double cx = (xMin + xMax) / 2;
        double cy = (yMin + yMax) / 2;
        return new Window(cx - halfWidth, cx + halfWidth, cy - halfHeight, cy + halfHeight);
    }

    /**
     * Where {@code x} lies across the window, 0 at the left edge and 1 at the right.
     *
     * @param x a θ0
     * @return its fraction of the width
     */
    double fractionX(double x) {
        return (x - xMin) / (xMax - xMin);
    }

    /**
     * Where {@code y} lies up the window, 0 at the bottom and 1 at the top.
     *
     * @param y a θ1
     * @return its fraction of the height
     */
    double fractionY(double y) {
        return (y - yMin) / (yMax - yMin);
    }
}
