package io.github.sgdlab.linear;

import java.util.Arrays;

/**
 * The parameters of the linear model with d features, {@code ŷ = θ0 + θ1·x1 + … + θd·xd}:
 * the intercept first, then one weight per feature in column order. The notebook's
 * {@code y_pred = theta_1 * x + theta_0} is d = 1, θ = (θ0, θ1).
 *
 * <p>Immutable: the values are copied in and out.
 */
public final class Theta extends ParameterArray {

    private Theta(double[] values) {
        super(checked(values));
    }

    /** The values if they make a θ: at least two, all finite. */
    private static double[] checked(double[] values) {
        if (values.length < 2) {
            throw new IllegalArgumentException(
                    "theta needs an intercept and at least one weight; got " + values.length
                            + (values.length == 1 ? " value" : " values"));
        }
        for (double v : values) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(
                        "theta must be finite, got " + Arrays.toString(values));
            }
        }
        return values;
    }

    /**
     * θ from its values.
     *
     * @param values θ0 (the intercept), then θ1…θd
     * @return the parameters
     * @throws IllegalArgumentException if fewer than two values are given or one is NaN or
     *     infinite
     */
    public static Theta of(double... values) {
        return new Theta(values.clone());
    }

    /**
     * θ = 0 for d features, the notebook's starting point.
     *
     * @param features d, at least 1
     * @return d + 1 zeros
     */
    public static Theta zeros(int features) {
        if (features < 1) {
            throw new IllegalArgumentException("need at least one feature, got " + features);
        }
        return new Theta(new double[features + 1]);
    }

    /**
     * How many features the model has.
     *
     * @return d
     */
    public int features() {
        return length() - 1;
    }

    /**
     * Checks that θ fits data with d features.
     *
     * @param d the data's number of features
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public void requireFeatures(int d) {
        if (features() != d) {
            throw new IllegalArgumentException("theta has " + length()
                    + " values but the data have " + d + " features; need " + (d + 1)
                    + " (the intercept first)");
        }
    }

    /**
     * The values in parentheses, as the command line prints θ.
     *
     * @return e.g. {@code (1.5, -2.0, 0.0)}
     */
    @Override
    public String toString() {
        return join("(", ")");
    }
}
