package io.github.sgdlab.chart;

import java.util.function.DoubleBinaryOperator;

/**
 * A function of two variables sampled on a regular grid: {@code value(i, j) = f(x(i), y(j))}.
 * The input of {@link MarchingSquares}.
 */
public final class ScalarField {

    private final double[] xs;
    private final double[] ys;
    private final double[][] values;

    private ScalarField(double[] xs, double[] ys, double[][] values) {
        this.xs = xs;
        this.ys = ys;
        this.values = values;
    }

    /**
     * Samples {@code f} on an {@code nx} by {@code ny} grid spanning the window, edges included.
     *
     * @param f the function, {@code f(x, y)}
     * @param window the rectangle to cover
     * @param nx grid points across, at least 2
     * @param ny grid points up, at least 2
     * @return the sampled field
     * @throws IllegalArgumentException if a grid dimension is below 2
     */
    public static ScalarField sample(DoubleBinaryOperator f, Window window, int nx, int ny) {
        if (nx < 2 || ny < 2) {
            throw new IllegalArgumentException("a grid needs at least 2 x 2 points, got "
                    + nx + " x " + ny);
        }
        double[] xs = spaced(window.xMin(), window.xMax(), nx);
        double[] ys = spaced(window.yMin(), window.yMax(), ny);
        double[][] values = new double[ny][nx];
        for (int j = 0; j < ny; j++) {
            for (int i = 0; i < nx; i++) {
                values[j][i] = f.applyAsDouble(xs[i], ys[j]);
            }
        }
        return new ScalarField(xs, ys, values);
    }

    private static double[] spaced(double from, double to, int count) {
        double[] points = new double[count];
        for (int k = 0; k < count; k++) {
            points[k] = from + (to - from) * k / (count - 1);
        }
        return points;
    }

    /**
     * Grid points across.
     *
     * @return nx
     */
    public int nx() {
        return xs.length;
    }

    /**
     * Grid points up.
     *
     * @return ny
     */
    public int ny() {
        return ys.length;
    }

    /**
     * The i-th x of the grid.
     *
     * @param i 0 to nx - 1
     * @return x(i)
     */
    public double x(int i) {
        return xs[i];
    }

    /**
     * The j-th y of the grid.
     *
     * @param j 0 to ny - 1
     * @return y(j)
     */
    public double y(int j) {
        return ys[j];
    }

    /**
     * The sampled value at grid point (i, j).
     *
     * @param i 0 to nx - 1
     * @param j 0 to ny - 1
     * @return f(x(i), y(j))
     */
    public double value(int i, int j) {
        return values[j][i];
    }

    /**
     * The smallest finite sampled value.
     *
     * @return the minimum, or NaN if no value is finite
     */
    public double min() {
        double min = Double.NaN;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v) && !(v >= min)) {
                    min = v;
                }
            }
        }
        return min;
    }

    /**
     * The largest finite sampled value.
     *
     * @return the maximum, or NaN if no value is finite
     */
    public double max() {
        double max = Double.NaN;
        for (double[] row : values) {
            for (double v : row) {
                if (Double.isFinite(v) && !(v <= max)) {
                    max = v;
                }
            }
        }
        return max;
    }
}
