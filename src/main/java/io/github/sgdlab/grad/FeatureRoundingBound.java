package io.github.sgdlab.grad;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;

/**
 * {@link RoundingBound} for d features: the same argument, term by term, with the residual
 * {@code r_i = θ1·x_i1 + … + θd·x_id + θ0 − y_i}. Its computed value is within γ_L·a_i of the
 * exact one, where a_i = Σ_j |θj·x_ij| + |θ0| + |y_i| and L = 4d + 4: 2d + 2 inputs rounded to the
 * working type, d products, d additions and one subtraction, one to spare — for d = 1 the
 * {@value RoundingBound#RESIDUAL_ROUNDINGS} of {@link RoundingBound}. The gradient with respect to
 * θj (j ≥ 1) carries |x_ij| where θ1's carries |x_i|; the sums' depths are the same as there. For
 * d = 1 every tolerance equals {@link RoundingBound}'s bit for bit.
 */
public final class FeatureRoundingBound {

    private FeatureRoundingBound() {}

    /**
     * The tolerances the d-feature cross-check applies: the bound of DJL autograd in its working
     * type plus the bound of the float64 reference.
     *
     * @param data the samples
     * @param theta where the gradients are taken
     * @param dataType the autograd's working type, float32 or float64
     * @return one tolerance per compared value
     */
    public static Tolerances crossCheck(FeatureData data, ThetaVector theta, DataType dataType) {
        return autograd(data, theta, dataType).plus(reference(data, theta));
    }

    /**
     * How far DJL autograd's values can lie from the exact ones.
     *
     * @param data the samples
     * @param theta where the gradients are taken
     * @param dataType float32 or float64
     * @return one bound per value
     */
    public static Tolerances autograd(FeatureData data, ThetaVector theta, DataType dataType) {
        int n = data.samples();
        double u = DataTypes.unitRoundoff(dataType);
        double sum = gamma(RoundingBound.torchSumDepth(n) + RoundingBound.TERM_ROUNDINGS, u);
        // The average is summed by libtorch in the working type or left to right in double.
        double averageSum = sum + gamma(n, 0x1p-53);
        double residual = gamma(residualRoundings(data.features()), u);
        Tolerances batch = bound(data, theta, residual, sum);
        Tolerances average = bound(data, theta, residual, averageSum);
        return new Tolerances(batch.gradient, batch.loss, average.gradient);
    }

    /**
     * How far the float64 reference's values (numpy's pairwise order) can lie from the exact
     * ones.
     *
     * @param data the samples
     * @param theta where the gradients are taken
     * @return one bound per value
     */
    public static Tolerances reference(FeatureData data, ThetaVector theta) {
        double u = 0x1p-53;
        return bound(data, theta, gamma(residualRoundings(data.features()), u), gamma(
                RoundingBound.numpySumDepth(data.samples()) + RoundingBound.TERM_ROUNDINGS, u));
    }

    /**
     * Roundings in a computed residual with d features: 4d + 4.
     *
     * @param d the number of features
     * @return L
     */
    public static int residualRoundings(int d) {
        return RoundingBound.RESIDUAL_ROUNDINGS + 4 * (d - 1);
    }

    private static Tolerances bound(FeatureData data, ThetaVector theta, double residual,
            double sum) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        int d = data.features();
        double[] gradient = new double[d + 1];
        double loss = 0;
        for (int i = 0; i < n; i++) {
            // Left to right, as RoundingBound sums |θ1·x| + |θ0| + |y| for d = 1.
            double a = Math.abs(theta.get(1) * data.x(i, 0));
            double prediction = theta.get(1) * data.x(i, 0);
            for (int j = 1; j < d; j++) {
                a += Math.abs(theta.get(j + 1) * data.x(i, j));
                prediction += theta.get(j + 1) * data.x(i, j);
            }
            a = a + Math.abs(theta.get(0)) + Math.abs(data.y(i));
            double r = Math.abs(prediction + theta.get(0) - data.y(i));
            double delta = residual * a;
            double rBar = r + delta;
            gradient[0] += delta + sum * rBar;
            for (int j = 0; j < d; j++) {
                gradient[j + 1] += Math.abs(data.x(i, j)) * (delta + sum * rBar);
            }
            loss += 2 * r * delta + delta * delta + sum * rBar * rBar;
        }
        double slack = 1 + 0x1p-40;
        for (int j = 0; j <= d; j++) {
            gradient[j] = slack * 2 * gradient[j] / n;
        }
        return new Tolerances(gradient, slack * loss / n, gradient);
    }

    /** γ_k = k·u / (1 − k·u). */
    private static double gamma(int k, double u) {
        double ku = k * u;
        return ku / (1 - ku);
    }

    /**
     * One tolerance per value the d-feature cross-check compares.
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
