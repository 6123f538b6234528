package io.github.sgdlab.reference;

import io.github.sgdlab.data.FeatureData;

/**
 * The loss surface of the linear model {@code ŷ = θ0 + θ·x} in plain Java, double precision: its
 * minimiser θ*, the full-data loss anywhere, and its Hessian's condition number, which says how
 * slowly gradient descent crawls along the surface's long valley.
 *
 * <p>For one feature (the notebook's model) θ* has a closed form and sums follow numpy's pairwise
 * order ({@link NumpySum}), so the values equal a numpy implementation's to the last bit. For
 * d &gt; 1 features θ* solves the centred normal equations by Cholesky (see
 * {@link #minimiser(FeatureData)}) and the Hessian's eigenvalues come from Jacobi's rotations.
 * Stateless and thread-safe.
 */
public final class LeastSquares {

    /** Jacobi sweeps enough for any symmetric matrix of the sizes here, which converge in ~10. */
    private static final int JACOBI_SWEEPS = 100;

    private LeastSquares() {}

    /**
     * The least-squares θ* for d features, intercept first.
     *
     * <p>One feature: the centred normal equations in closed form,
     * θ1 = Σ(x − x̄)(y − ȳ) / Σ(x − x̄)², θ0 = ȳ − θ1·x̄. For d features the same centring
     * removes the intercept from the normal equations (XᵀX) θ = Xᵀy: with X_c and y_c the
     * centred columns, the d × d system (X_cᵀX_c) w = X_cᵀy_c is solved by a Cholesky
     * factorisation in double, and θ0 = ȳ − w·x̄. Centring is what keeps this stable: the
     * uncentred (d+1) × (d+1) system's condition number grows with the features' means.
     *
     * @param data the samples
     * @return θ*, d + 1 values
     * @throws IllegalArgumentException if the centred features are linearly dependent (for
     *     instance a constant feature), so that θ* is not unique
     */
    public static double[] minimiser(FeatureData data) {
        int n = data.samples();
        int d = data.features();
        double[] y = data.y();
        double yMean = NumpySum.sum(y) / n;
        double[][] centred = new double[d][];
        double[] means = new double[d];
        for (int j = 0; j < d; j++) {
            double[] x = data.feature(j);
            means[j] = NumpySum.sum(x) / n;
            for (int i = 0; i < n; i++) {
                x[i] -= means[j];
            }
            centred[j] = x;
        }
        double[] dy = new double[n];
        for (int i = 0; i < n; i++) {
            dy[i] = y[i] - yMean;
        }
        if (d == 1) {
            return oneFeature(centred[0], dy, means[0], yMean);
        }
        double[][] gram = new double[d][d];
        double[] rhs = new double[d];
        double[] product = new double[n];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                for (int i = 0; i < n; i++) {
                    product[i] = centred[j][i] * centred[k][i];
                }
                gram[j][k] = NumpySum.sum(product);
                gram[k][j] = gram[j][k];
            }
            for (int i = 0; i < n; i++) {
                product[i] = centred[j][i] * dy[i];
            }
            rhs[j] = NumpySum.sum(product);
        }
        double[] w = cholesky(gram, rhs);
        double[] theta = new double[d + 1];
        double intercept = yMean;
        for (int j = 0; j < d; j++) {
            theta[j + 1] = w[j];
            intercept -= w[j] * means[j];
        }
        theta[0] = intercept;
        return theta;
    }

    /** The notebook's closed form, exactly as a numpy implementation rounds it. */
    private static double[] oneFeature(double[] dx, double[] dy, double xMean, double yMean) {
        int n = dx.length;
        double[] dxdy = new double[n];
        double[] dxdx = new double[n];
        for (int i = 0; i < n; i++) {
            dxdy[i] = dx[i] * dy[i];
            dxdx[i] = dx[i] * dx[i];
        }
        double sxx = NumpySum.sum(dxdx);
        if (!(sxx > 0)) {
            throw new IllegalArgumentException(
                    "every x1 is the same, so the least-squares theta* is not unique");
        }
        double theta1 = NumpySum.sum(dxdy) / sxx;
        return new double[] {yMean - theta1 * xMean, theta1};
    }

    /**
     * Solves A w = b for symmetric positive definite A by A = L Lᵀ, forward then back
     * substitution.
     */
    private static double[] cholesky(double[][] a, double[] b) {
        int d = b.length;
        double[][] l = new double[d][d];
        double largest = 0;
        for (int j = 0; j < d; j++) {
            largest = Math.max(largest, a[j][j]);
        }
        for (int j = 0; j < d; j++) {
            double diagonal = a[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            // A pivot lost to rounding against the largest diagonal means dependent columns.
            if (!(diagonal > 1e-12 * largest)) {
                throw new IllegalArgumentException("the features are linearly dependent (after "
                        + "removing their means), so the least-squares theta* is not unique");
            }
            l[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < d; i++) {
                double value = a[i][j];
                for (int k = 0; k < j; k++) {
                    value -= l[i][k] * l[j][k];
                }
                l[i][j] = value / l[j][j];
            }
        }
        double[] z = new double[d];
        for (int i = 0; i < d; i++) {
            double value = b[i];
            for (int k = 0; k < i; k++) {
                value -= l[i][k] * z[k];
            }
            z[i] = value / l[i][i];
        }
        double[] w = new double[d];
        for (int i = d - 1; i >= 0; i--) {
            double value = z[i];
            for (int k = i + 1; k < d; k++) {
                value -= l[k][i] * w[k];
            }
            w[i] = value / l[i][i];
        }
        return w;
    }

    /**
     * The mean-squared error over all samples at any θ, {@code mean((X @ w + theta0 - y)^2)};
     * the prediction adds θ1·x1 + … + θd·xd from the left, then θ0, as numpy's
     * {@code theta1*x1 + theta0} does for one feature.
     *
     * @param data the samples
     * @param theta d + 1 values, intercept first (any doubles)
     * @return the loss
     */
    public static double loss(FeatureData data, double[] theta) {
        int n = data.samples();
        double[] squaredError = new double[n];
        for (int i = 0; i < n; i++) {
            double residual = data.y(i) - (dot(data, i, theta) + theta[0]);
            squaredError[i] = residual * residual;
        }
        return NumpySum.mean(squaredError);
    }

    /**
     * θ1·x_i1 + … + θd·x_id, summed from the left.
     *
     * @param data the samples
     * @param i the sample
     * @param theta d + 1 values, intercept first (the intercept is not used)
     * @return the weighted sum of the features
     */
    public static double dot(FeatureData data, int i, double[] theta) {
        double sum = theta[1] * data.x(i, 0);
        for (int j = 1; j < theta.length - 1; j++) {
            sum += theta[j + 1] * data.x(i, j);
        }
        return sum;
    }

    /**
     * The Hessian of the mean-squared error for d features, (2/n)·XᵀX with X's first column
     * all ones: entry (j, k) is 2·mean(x_j·x_k), x_0 = 1.
     *
     * @param data the samples
     * @return the (d + 1) × (d + 1) symmetric matrix, intercept first
     */
    public static double[][] hessian(FeatureData data) {
        int n = data.samples();
        int d = data.features();
        double[][] x = new double[d + 1][];
        x[0] = new double[n];
        java.util.Arrays.fill(x[0], 1.0);
        for (int j = 0; j < d; j++) {
            x[j + 1] = data.feature(j);
        }
        double[][] h = new double[d + 1][d + 1];
        double[] product = new double[n];
        for (int j = 0; j <= d; j++) {
            for (int k = 0; k <= j; k++) {
                for (int i = 0; i < n; i++) {
                    product[i] = x[j][i] * x[k][i];
                }
                h[j][k] = 2.0 * NumpySum.mean(product);
                h[k][j] = h[j][k];
            }
        }
        return h;
    }

    /**
     * The Hessian's eigenvalues for d features, largest first: for one feature the closed form
     * of a symmetric 2 × 2 matrix, otherwise cyclic Jacobi rotations on the symmetric
     * (d + 1) × (d + 1) matrix until its off-diagonal part vanishes.
     *
     * @param data the samples
     * @return d + 1 eigenvalues, descending
     */
    public static double[] eigenvalues(FeatureData data) {
        double[][] h = hessian(data);
        if (data.features() == 1) {
            return twoByTwo(h[0][0], h[0][1], h[1][1]);
        }
        double[] lambda = jacobi(h);
        java.util.Arrays.sort(lambda);
        double[] descending = new double[lambda.length];
        for (int j = 0; j < lambda.length; j++) {
            descending[j] = lambda[lambda.length - 1 - j];
        }
        return descending;
    }

    /** The eigenvalues of {@code [[a, b], [b, c]]}, largest first. */
    private static double[] twoByTwo(double a, double b, double c) {
        double half = (a + c) / 2;
        double spread = Math.hypot((a - c) / 2, b);
        double max = half + spread;
        // λ_min from the determinant: half − spread would cancel catastrophically.
        double min = (a * c - b * b) / max;
        return new double[] {max, min};
    }

    /** The eigenvalues of a symmetric matrix by cyclic Jacobi rotations; {@code a} is consumed. */
    private static double[] jacobi(double[][] a) {
        int m = a.length;
        for (int sweep = 0; sweep < JACOBI_SWEEPS; sweep++) {
            double off = 0;
            double all = 0;
            for (int p = 0; p < m; p++) {
                all += a[p][p] * a[p][p];
                for (int q = p + 1; q < m; q++) {
                    off += a[p][q] * a[p][q];
                }
            }
            if (off <= 1e-30 * all) {
                break;
            }
            for (int p = 0; p < m; p++) {
                for (int q = p + 1; q < m; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    // The rotation that zeroes a[p][q] (Golub & Van Loan, Algorithm 8.4.2).
                    double tau = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(tau == 0 ? 1 : tau)
                            / (Math.abs(tau) + Math.sqrt(1 + tau * tau));
                    double c = 1 / Math.sqrt(1 + t * t);
                    double s = t * c;
                    for (int k = 0; k < m; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < m; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                }
            }
        }
        double[] diagonal = new double[m];
        for (int j = 0; j < m; j++) {
            diagonal[j] = a[j][j];
        }
        return diagonal;
    }

    /**
     * The Hessian's condition number λ_max / λ_min for d features: gradient descent's iteration
     * count grows with it, because a step small enough for the steep direction crawls along the
     * flat one.
     *
     * @param data the samples
     * @return κ, at least 1
     */
    public static double conditionNumber(FeatureData data) {
        double[] lambda = eigenvalues(data);
        return lambda[0] / lambda[lambda.length - 1];
    }
}
