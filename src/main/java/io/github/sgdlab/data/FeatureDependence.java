package io.github.sgdlab.data;

import java.util.List;
import java.util.Optional;

/**
 * The feature column that makes the least-squares θ* not unique: a constant column, or a column
 * that is a linear combination of earlier ones, after removing each column's mean. The same test
 * as the descent's Cholesky factorisation of the centred Gram matrix (a pivot lost to rounding
 * against the largest diagonal, 1e-12 relative), run before any work so that the user reads the
 * columns' names instead of an internal error. The remedy is to leave the column out of the
 * features ({@link Columns#optFeatures}); a user interface says how in its own words.
 */
public final class FeatureDependence {

    /** A pivot below this fraction of the largest diagonal counts as lost. */
    private static final double RELATIVE_PIVOT = 1e-12;

    /** The dependent feature's name. */
    private final String feature;
    /** The earlier features it combines, in θ's order; empty when it is constant. */
    private final List<String> combined;

    private FeatureDependence(String feature, List<String> combined) {
        this.feature = feature;
        this.combined = List.copyOf(combined);
    }

    /**
     * The first feature, in θ's order, that depends on the others, if any.
     *
     * @param data the data
     * @return the dependence; empty when θ* is unique
     */
    public static Optional<FeatureDependence> of(FeatureData data) {
        int d = data.features();
        int n = data.samples();
        double[][] centred = new double[d][];
        for (int j = 0; j < d; j++) {
            double[] column = data.feature(j).clone();
            double mean = 0;
            for (double v : column) {
                mean += v;
            }
            mean /= n;
            for (int i = 0; i < n; i++) {
                column[i] -= mean;
            }
            centred[j] = column;
        }
        double[][] gram = new double[d][d];
        double largest = 0;
        for (int j = 0; j < d; j++) {
            for (int k = 0; k <= j; k++) {
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    sum += centred[j][i] * centred[k][i];
                }
                gram[j][k] = sum;
                gram[k][j] = sum;
            }
            largest = Math.max(largest, gram[j][j]);
        }
        List<String> names = data.featureNames();
        double[][] l = new double[d][d];
        for (int j = 0; j < d; j++) {
            if (!(gram[j][j] > RELATIVE_PIVOT * largest)) {
                return Optional.of(new FeatureDependence(names.get(j), List.of()));
            }
            double diagonal = gram[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            if (!(diagonal > RELATIVE_PIVOT * largest)) {
                return Optional.of(new FeatureDependence(names.get(j), names.subList(0, j)));
            }
            l[j][j] = Math.sqrt(diagonal);
            for (int i = j + 1; i < d; i++) {
                double value = gram[i][j];
                for (int k = 0; k < j; k++) {
                    value -= l[i][k] * l[j][k];
                }
                l[i][j] = value / l[j][j];
            }
        }
        return Optional.empty();
    }

    /**
     * The feature that depends on the others.
     *
     * @return its column's name
     */
    public String feature() {
        return feature;
    }

    /**
     * The earlier features it is a linear combination of (after removing the means).
     *
     * @return their names, in θ's order; empty when the feature is constant
     */
    public List<String> combined() {
        return combined;
    }

    /**
     * Whether the feature is constant (a combination of no other).
     *
     * @return true for a constant column
     */
    public boolean isConstant() {
        return combined.isEmpty();
    }

    /**
     * What is wrong, without the remedy.
     *
     * @return e.g. {@code feature 'c' is constant, so the least-squares theta* is not unique} or
     *     {@code feature 'b' is a linear combination of 'a' (after removing the means), so the
     *     least-squares theta* is not unique}
     */
    public String problem() {
        String what = isConstant() ? "is constant"
                : "is a linear combination of " + String.join(", ",
                        combined.stream().map(name -> "'" + NumberCell.echo(name) + "'").toList())
                        + " (after removing the means)";
        return "feature '" + NumberCell.echo(feature) + "' " + what
                + ", so the least-squares theta* is not unique";
    }

    /**
     * The problem and its remedy, in the library's words.
     *
     * @return {@link #problem()}, then {@code ; leave it out of the features} (constant) or
     *     {@code ; leave one of them out of the features}
     */
    @Override
    public String toString() {
        return problem() + (isConstant() ? "; leave it out of the features"
                : "; leave one of them out of the features");
    }
}
