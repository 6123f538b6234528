package io.github.sgdlab.chart;

/**
 * An arrow from a tail to a head in a chart's plane.
 *
 * @param x0 the tail's x
 * @param y0 the tail's y
 * @param x1 the head's x
 * @param y1 the head's y
 */
public record Arrow(double x0, double y0, double x1, double y1) {

    /**
     * The arrow from a point along a vector.
     *
     * @param x the tail's x
     * @param y the tail's y
     * @param dx the vector's x
     * @param dy the vector's y
     * @return the arrow from (x, y) to (x + dx, y + dy)
     */
    public static Arrow from(double x, double y, double dx, double dy) {
        return new Arrow(x, y, x + dx, y + dy);
    }
}
