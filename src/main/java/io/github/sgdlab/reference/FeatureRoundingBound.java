package io.github.sgdlab.reference;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.ThetaVector;

/**
 * {@link RoundingBound} for d features: the same argument with the residual
 * {@code r_i = θ1·x_i1 + … + θd·x_id + θ0 − y_i}, whose computation takes L = 4d + 4 roundings
 * ({@value RoundingBound#RESIDUAL_ROUNDINGS} for d = 1). Both classes run the one loop of
 * {@link RoundingBound}, over the data in place, so for d = 1 every tolerance is
 * {@link RoundingBound}'s. The derivation is in {@code src/site/markdown/rounding-bound.md}.
 */
public final class FeatureRoundingBound {

    private FeatureRoundingBound() {}

    /**
     * The tolerances the d-feature cross-check applies: the bound of DJL autograd in its working
     * type plus the bound of the float64 reference.
     *
     * @param data the samples
     * @param theta where the gradients are taken
     * @param precision the autograd's working type
     * @return one tolerance per compared value
     */
    public static Tolerances crossCheck(FeatureData data, ThetaVector theta, Precision precision) {
        return autograd(data, theta, precision).plus(reference(data, theta));
    }

    /**
     * How far DJL autograd's values can lie from the exact ones.
     *
     * @param data the samples
     * @param theta where the gradients are taken
     * @param precision the autograd's working type
     * @return one bound per value
     */
    public static Tolerances autograd(FeatureData data, ThetaVector theta, Precision precision) {
        theta.requireFeatures(data.features());
        return RoundingBound.autograd(samples(data), theta.values(), precision);
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
        theta.requireFeatures(data.features());
        return RoundingBound.reference(samples(data), theta.values());
    }

    /**
     * Roundings in a computed residual with d features: 4d + 4.
     *
     * @param d the number of features
     * @return L
     */
    public static int residualRoundings(int d) {
        return RoundingBound.residualRoundings(d);
    }

    /** The data file's samples as the bound reads them, in place. */
    private static RoundingBound.Samples samples(FeatureData data) {
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
