package io.github.sgdlab.descent;

import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.NumpySum;
import io.github.sgdlab.grad.Theta;

/**
 * The loss surface of the notebook's model in plain Java, double precision: its minimiser θ*, the
 * full-data loss anywhere, and its Hessian's condition number, which says how slowly gradient
 * descent crawls along the surface's long valley.
 *
 * <p>Sums follow numpy's pairwise order ({@link NumpySum}), so the values equal a numpy
 * implementation's to the last bit. Stateless and thread-safe.
 */
public final class LeastSquares {

    private LeastSquares() {}

    /**
     * The least-squares θ* by the centred normal equations:
     * θ1 = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², θ0 = ȳ − θ1·x̄.
     *
     * @param data the samples, with at least two distinct x1 values
     * @return θ*
     * @throws IllegalArgumentException if every x1 is the same, so that θ* is not unique
     */
    public static Theta minimiser(LinearData data) {
        int n = data.samples();
        double[] x = data.x1();
        double[] y = data.y();
        double xMean = NumpySum.sum(x) / n;
        double yMean = NumpySum.sum(y) / n;
        double[] dxdy = new double[n];
        double[] dxdx = new double[n];
        for (int i = 0; i < n; i++) {
            double dx = x[i] - xMean;
            dxdy[i] = dx * (y[i] - yMean);
            dxdx[i] = dx * dx;
        }
        double sxx = NumpySum.sum(dxdx);
        if (!(sxx > 0)) {
            throw new IllegalArgumentException(
                    "every x1 is the same, so the least-squares theta* is not unique");
        }
        double theta1 = NumpySum.sum(dxdy) / sxx;
        return new Theta(yMean - theta1 * xMean, theta1);
    }

    /**
     * The mean-squared error over all samples at any θ, {@code mean((theta1*x1 + theta0 - y)^2)}.
     *
     * @param data the samples
     * @param theta0 the intercept (any double; a non-finite θ gives a non-finite loss)
     * @param theta1 the slope
     * @return the loss
     */
    public static double loss(LinearData data, double theta0, double theta1) {
        int n = data.samples();
        double[] squaredError = new double[n];
        for (int i = 0; i < n; i++) {
            double residual = data.y(i) - (theta1 * data.x1(i) + theta0);
            squaredError[i] = residual * residual;
        }
        return NumpySum.mean(squaredError);
    }

    /**
     * The Hessian of the mean-squared error, the same at every θ:
     * {@code [[2, 2·mean(x)], [2·mean(x), 2·mean(x²)]]}.
     *
     * @param data the samples
     * @return {h00, h01, h11}
     */
    public static double[] hessian(LinearData data) {
        int n = data.samples();
        double[] x = data.x1();
        double[] xx = new double[n];
        for (int i = 0; i < n; i++) {
            xx[i] = x[i] * x[i];
        }
        return new double[] {2.0, 2.0 * NumpySum.mean(x), 2.0 * NumpySum.mean(xx)};
    }

    /**
     * The Hessian's eigenvalues, largest first.
     *
     * @param data the samples
     * @return {λ_max, λ_min}
     */
    public static double[] eigenvalues(LinearData data) {
        double[] h = hessian(data);
        double half = (h[0] + h[2]) / 2;
        double spread = Math.hypot((h[0] - h[2]) / 2, h[1]);
        double max = half + spread;
        // λ_min from the determinant: half − spread would cancel catastrophically.
        double min = (h[0] * h[2] - h[1] * h[1]) / max;
        return new double[] {max, min};
    }

    /**
     * The Hessian's condition number λ_max / λ_min: gradient descent's iteration count grows with
     * it, because a step small enough for the steep direction crawls along the flat one.
     *
     * @param data the samples
     * @return κ, at least 1
     */
    public static double conditionNumber(LinearData data) {
        double[] lambda = eigenvalues(data);
        return lambda[0] / lambda[1];
    }
}
