package io.github.sgdlab.chart;

/**
 * A straight piece of a contour line, from one cell edge to another.
 *
 * @param x0 the first end's x
 * @param y0 the first end's y
 * @param x1 the second end's x
 * @param y1 the second end's y
 */
public record Segment(double x0, double y0, double x1, double y1) {

    /**
     * The segment's length.
     *
     * @return the Euclidean distance between its ends
     */
    public double length() {
        return Math.hypot(x1 - x0, y1 - y0);
    }
}
