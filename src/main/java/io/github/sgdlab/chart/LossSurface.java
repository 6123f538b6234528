package io.github.sgdlab.chart;

/**
 * The mean-squared error of the line {@code θ0 + θ1·x} over a data set, as a function of
 * (θ0, θ1): the surface the contour pictures draw.
 *
 * <p>Kept as its five moments, {@code L = mean(y²) − 2θ0·mean(y) − 2θ1·mean(xy) + θ0² +
 * 2θ0θ1·mean(x) + θ1²·mean(x²)}, so drawing a grid costs the same for 40 samples as for a
 * million. It is for pictures only; the descent itself never reads it.
 */
public final class LossSurface {

    private final double meanX;
    private final double meanXx;
    private final double meanY;
    private final double meanXy;
    private final double meanYy;

    private LossSurface(double meanX, double meanXx, double meanY, double meanXy, double meanYy) {
        this.meanX = meanX;
        this.meanXx = meanXx;
        this.meanY = meanY;
        this.meanXy = meanXy;
        this.meanYy = meanYy;
    }

    /**
     * The MSE surface of a one-feature data set.
     *
     * @param x the feature, one value per sample
     * @param y the target, one value per sample
     * @return the surface
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static LossSurface of(double[] x, double[] y) {
        if (x.length == 0 || x.length != y.length) {
            throw new IllegalArgumentException("need as many x as y, at least one; got "
                    + x.length + " and " + y.length);
        }
        double sx = 0;
        double sxx = 0;
        double sy = 0;
        double sxy = 0;
        double syy = 0;
        for (int i = 0; i < x.length; i++) {
            sx += x[i];
            sxx += x[i] * x[i];
            sy += y[i];
            sxy += x[i] * y[i];
            syy += y[i] * y[i];
        }
        int n = x.length;
        return new LossSurface(sx / n, sxx / n, sy / n, sxy / n, syy / n);
    }

    /**
     * The MSE at (θ0, θ1).
     *
     * @param theta0 the intercept
     * @param theta1 the slope
     * @return {@code mean((θ0 + θ1·x − y)²)}
     */
    public double loss(double theta0, double theta1) {
        double value = meanYy - 2 * theta0 * meanY - 2 * theta1 * meanXy + theta0 * theta0
                + 2 * theta0 * theta1 * meanX + theta1 * theta1 * meanXx;
        // The moment form can round a hair below zero at an exact fit; a loss cannot.
        return Math.max(value, 0);
    }
}
