package io.github.sgdlab.reference;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.Theta;

/**
 * How far each value the notebook computes can lie from its exact value through rounding alone:
 * the per-value tolerances of the cross-check ({@code io.github.sgdlab.grad.CrossCheck}), public
 * so that a test of your own can use the very bound the cross-check uses.
 *
 * <p>Each value is a sum of n terms built from the residual
 * r_i = θ1·x_i1 + … + θd·x_id + θ0 − y_i. Its bound adds the residual's own rounding,
 * γ_L·(Σ_j |θj·x_ij| + |θ0| + |y_i|) per term with L = 4d + 4 ({@value #RESIDUAL_ROUNDINGS} for
 * the notebook's d = 1), which does not grow with n, to the sum's, γ_{k+B} times the
 * sum of the terms' magnitudes with B = {@value #TERM_ROUNDINGS}, where k is the depth of the
 * summation each library really runs — libtorch's {@code cascade_sum} ({@link #torchSumDepth})
 * for DJL autograd, numpy's pairwise sum ({@link #numpySumDepth}) for the reference — rather than
 * the worst case n − 1, so the bound grows like n^(1/4), not like n, and a wrong gradient fails at
 * every sample count the lab accepts. These are deterministic bounds for those summation orders,
 * not estimates. The derivation, term by term, is in {@code src/site/markdown/rounding-bound.md};
 * the largest ratio of difference to tolerance observed over a sweep of seeds, θ and n up to 10^7
 * is in {@code src/site/markdown/notebook.md}, "How the cross-check decides".
 */
public final class RoundingBound {

    /** Roundings in a computed residual: four inputs rounded, three operations, one to spare. */
    public static final int RESIDUAL_ROUNDINGS = 8;

    /**
     * Further roundings of a term before and after the sum (the backward pass's 1/n, 2·r and ·x;
     * the loss's square and division); see {@code src/site/markdown/rounding-bound.md}.
     */
    public static final int TERM_ROUNDINGS = 4;

    /**
     * Additions after the cascade in libtorch: its final combination of levels (3), the
     * interleaved rows' tail and combination (3 + 3), the scalar tail and the vector lanes
     * (15 + 16), and the store into the zeroed output (1).
     */
    private static final int TORCH_LANE_ADDITIONS = 41;

    /** ATen's {@code GRAIN_SIZE}: below it a reduction runs on one thread. */
    private static final int TORCH_GRAIN_SIZE = 32_768;

    /** Intra-op threads whose partial sums libtorch adds one after another (an upper bound). */
    private static final int TORCH_THREADS = 64;

    /** Elements per accumulator at the narrowest vector: four lanes, four interleaved rows. */
    private static final int TORCH_ELEMENTS_PER_ACCUMULATOR = 16;

    /** numpy's pairwise block: at most 16 additions per accumulator, 3 to combine, 7 of tail. */
    private static final int NUMPY_BLOCK_ADDITIONS = 26;

    private RoundingBound() {}

    /**
     * The tolerances the cross-check applies: the bound of DJL autograd in its working type plus
     * the bound of the float64 reference.
     *
     * @param data the samples
     * @param theta where the gradients are taken: d + 1 values
     * @param precision the autograd's working type
     * @return one tolerance per compared value
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static Tolerances crossCheck(FeatureData data, Theta theta, Precision precision) {
        return autograd(data, theta, precision).plus(reference(data, theta));
    }

    /**
     * How far DJL autograd's values (libtorch's kernels, in the working type) can lie from the
     * exact ones.
     *
     * @param data the samples
     * @param theta where the gradients are taken: d + 1 values
     * @param precision the autograd's working type
     * @return one bound per value
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static Tolerances autograd(FeatureData data, Theta theta, Precision precision) {
        theta.requireFeatures(data.features());
        return autograd(samples(data), theta.values(), precision);
    }

    /**
     * How far the plain-Java reference's float64 values (numpy's pairwise order) can lie from the
     * exact ones.
     *
     * @param data the samples
     * @param theta where the gradients are taken: d + 1 values
     * @return one bound per value
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static Tolerances reference(FeatureData data, Theta theta) {
        theta.requireFeatures(data.features());
        return reference(samples(data), theta.values());
    }

    /**
     * The samples a bound runs over, read in place (10^7 samples are never copied): n rows of
     * d features and a target.
     */
    interface Samples {

        /** @return n */
        int samples();

        /** @return d */
        int features();

        /**
         * @param i the sample
         * @param j the feature
         * @return x_ij
         */
        double x(int i, int j);

        /**
         * @param i the sample
         * @return y_i
         */
        double y(int i);
    }

    /**
     * DJL autograd's bounds for d features: the residual's L = {@link #residualRoundings}
     * roundings, libtorch's summation depth; the average also allows a float64 sum left to right.
     */
    static Tolerances autograd(Samples data, double[] theta, Precision precision) {
        int n = data.samples();
        double u = precision.unitRoundoff();
        double residual = gamma(residualRoundings(data.features()), u);
        double sum = gamma(torchSumDepth(n) + TERM_ROUNDINGS, u);
        // Per-sample gradients are formed in the working type; the average is then summed either
        // by libtorch in the working type or left to right in double: allow for both.
        double averageSum = sum + gamma(n, 0x1p-53);
        double eta = precision.underflow();
        Tolerances batch = bound(data, theta, residual, sum, eta);
        Tolerances average = bound(data, theta, residual, averageSum,
                Math.max(eta, Double.MIN_VALUE));
        return new Tolerances(batch.gradient(), batch.loss(), average.gradient());
    }

    /** The float64 reference's bounds for d features, with numpy's summation depth. */
    static Tolerances reference(Samples data, double[] theta) {
        double u = 0x1p-53;
        return bound(data, theta, gamma(residualRoundings(data.features()), u),
                gamma(numpySumDepth(data.samples()) + TERM_ROUNDINGS, u), Double.MIN_VALUE);
    }

    /**
     * Roundings in a computed residual with d features: 2d + 2 inputs rounded to the working
     * type, d products, d additions and one subtraction, one to spare; for d = 1
     * {@value #RESIDUAL_ROUNDINGS}.
     *
     * @param d the number of features
     * @return L = 4d + 4
     */
    public static int residualRoundings(int d) {
        return RESIDUAL_ROUNDINGS + 4 * (d - 1);
    }

    /**
     * The bounds of {@code src/site/markdown/rounding-bound.md}, with a_i = Σ_j |θj·x_ij| + |θ0| + |y_i| and the residual
     * θ1·x_i1 + … + θd·x_id + θ0 − y_i.
     *
     * @param residual γ_L, the relative error of a computed residual against a_i
     * @param sum γ_{k+B}, the relative error the terms' own roundings and the sum add
     */
    private static Tolerances bound(Samples data, double[] theta,
            double residual, double sum, double eta) {
        int n = data.samples();
        int d = data.features();
        double[] gradient = new double[d + 1];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            double a = Math.abs(theta[1] * data.x(i, 0));
            double prediction = theta[1] * data.x(i, 0);
            for (int j = 1; j < d; j++) {
                a += Math.abs(theta[j + 1] * data.x(i, j));
                prediction += theta[j + 1] * data.x(i, j);
            }
            a = a + Math.abs(theta[0]) + Math.abs(data.y(i));
            double r = Math.abs(prediction + theta[0] - data.y(i));
            // Underflow: each rounding that lands among the subnormals may err by up to η
            // absolutely, which no relative term covers (data of magnitude 1e-40 in float32):
            // the residual's L roundings, then the gradient term's and the loss term's products.
            double delta = residual * a + residualRoundings(d) * eta;
            double rBar = r + delta;
            gradient[0] += delta + sum * rBar + eta;
            for (int j = 0; j < d; j++) {
                gradient[j + 1] += Math.abs(data.x(i, j)) * (delta + sum * rBar) + 2 * eta;
            }
            loss += 2 * r * delta + delta * delta + sum * rBar * rBar + 2 * eta;
        }
        // A few relative ulps on top, for the roundings of this bound's own arithmetic, and the
        // final scaling's own underflow.
        double slack = 1 + 0x1p-40;
        for (int j = 0; j <= d; j++) {
            gradient[j] = slack * 2 * gradient[j] / n + 2 * eta;
        }
        return new Tolerances(gradient, slack * loss / n + 2 * eta,
                gradient);
    }

    /** The samples as the bound reads them, in place. */
    private static Samples samples(FeatureData data) {
        return new RoundingBound.Samples() {
            @Override
            public int samples() {
                return data.samples();
            }

            @Override
            public int features() {
                return data.features();
            }

            @Override
            public double x(int i, int j) {
                return data.x(i, j);
            }

            @Override
            public double y(int i) {
                return data.y(i);
            }
        };
    }

    /**
     * The most additions any term passes through in libtorch's {@code cascade_sum} of n
     * contiguous elements; see {@code src/site/markdown/rounding-bound.md}.
     *
     * @param n the number of terms, at least 1
     * @return the summation depth
     */
    public static int torchSumDepth(int n) {
        if (n <= 1) {
            return 0;
        }
        int perAccumulator = (n + TORCH_ELEMENTS_PER_ACCUMULATOR - 1) / TORCH_ELEMENTS_PER_ACCUMULATOR;
        int step = 1 << Math.max(4, ceilLog2(perAccumulator) / 4);
        // Below ATen's grain size one thread sums everything; above it, at most one partial sum
        // per grain, and per thread, is added to the output one after another.
        int threads = n <= TORCH_GRAIN_SIZE
                ? 0 : Math.min(TORCH_THREADS, (n + TORCH_GRAIN_SIZE - 1) / TORCH_GRAIN_SIZE);
        // No summation of n terms is deeper than n - 1 additions.
        return Math.min(n - 1, 11 * step + TORCH_LANE_ADDITIONS + threads);
    }

    /**
     * The most additions any term passes through in numpy's pairwise sum of n doubles.
     *
     * @param n the number of terms, at least 1
     * @return the summation depth
     */
    public static int numpySumDepth(int n) {
        int blocks = (n + 127) / 128;
        return NUMPY_BLOCK_ADDITIONS + ceilLog2(blocks);
    }

    /** γ_k = k·u / (1 − k·u). */
    static double gamma(int k, double u) {
        double ku = k * u;
        return ku / (1 - ku);
    }

    private static int ceilLog2(int m) {
        return m <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(m - 1);
    }

    /**
     * One tolerance per value the cross-check compares.
     *
     * @param gradient for the batch gradient's components, θ0 first
     * @param loss for the batch loss
     * @param average for the average per-sample gradient's components, θ0 first
     */
    public record Tolerances(double[] gradient, double loss, double[] average) {

        /**
         * Copies the arrays.
         *
         * @param gradient for the batch gradient's components
         * @param loss for the loss
         * @param average for the average's components
         */
        public Tolerances {
            gradient = gradient.clone();
            average = average.clone();
        }

        /**
         * A copy of the batch gradient's tolerances.
         *
         * @return one per component, θ0 first
         */
        @Override
        public double[] gradient() {
            return gradient.clone();
        }

        /**
         * A copy of the average's tolerances.
         *
         * @return one per component, θ0 first
         */
        @Override
        public double[] average() {
            return average.clone();
        }

        /**
         * The sum of two bounds, value by value.
         *
         * @param other the other computation's bounds
         * @return the sums
         */
        public Tolerances plus(Tolerances other) {
            double[] g = new double[gradient.length];
            double[] a = new double[average.length];
            for (int j = 0; j < g.length; j++) {
                g[j] = gradient[j] + other.gradient[j];
                a[j] = average[j] + other.average[j];
            }
            return new Tolerances(g, loss + other.loss, a);
        }
    }
}
