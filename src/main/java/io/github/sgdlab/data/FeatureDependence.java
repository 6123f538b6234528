package io.github.sgdlab.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Names the feature columns that make the least-squares θ* not unique: a constant column, or a
 * column that is a linear combination of earlier ones, after removing each column's mean. The
 * same test as the descent's Cholesky factorisation of the centred Gram matrix (a pivot lost to
 * rounding against the largest diagonal, 1e-12 relative), run before any work so that the user
 * reads the columns' names instead of an internal error.
 */
public final class FeatureDependence {

    /** A pivot below this fraction of the largest diagonal counts as lost. */
    private static final double RELATIVE_PIVOT = 1e-12;

    private FeatureDependence() {}

    /**
     * What makes the features dependent, if anything.
     *
     * @param data the data
     * @return e.g. {@code feature 'c' is constant} or {@code feature 'b' is a linear combination
     *     of 'a' (after removing the means)}; empty when θ* is unique
     */
    public static Optional<String> of(FeatureData data) {
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
                return Optional.of("feature '" + NumberCell.echo(names.get(j))
                        + "' is constant, so the least-squares theta* is not unique; "
                        + "leave it out with --x");
            }
            double diagonal = gram[j][j];
            for (int k = 0; k < j; k++) {
                diagonal -= l[j][k] * l[j][k];
            }
            if (!(diagonal > RELATIVE_PIVOT * largest)) {
                List<String> earlier = new ArrayList<>();
                for (int k = 0; k < j; k++) {
                    earlier.add("'" + NumberCell.echo(names.get(k)) + "'");
                }
                return Optional.of("feature '" + NumberCell.echo(names.get(j))
                        + "' is a linear combination of " + String.join(", ", earlier)
                        + " (after removing the means), so the least-squares theta* is not "
                        + "unique; leave one out with --x");
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
}
