package io.github.sgdlab.linear;

import java.util.Arrays;

/**
 * d + 1 doubles, one per parameter of the linear model, the intercept's first: what {@link Theta}
 * and {@link Gradient} both are, held once. Immutable: the array is never handed out; a subclass
 * passes in an array no one else holds.
 */
abstract class ParameterArray {

    private final double[] values;

    /**
     * Takes the values over.
     *
     * @param values d + 1 values, intercept first, not shared with anyone
     */
    ParameterArray(double[] values) {
        this.values = values;
    }

    /**
     * One value.
     *
     * @param index 0 for the intercept θ0, j for feature j's parameter θj (from 1)
     * @return the value for θ_index
     */
    public double get(int index) {
        return values[index];
    }

    /**
     * A copy of all values.
     *
     * @return the values for θ0, θ1, …, θd
     */
    public double[] values() {
        return values.clone();
    }

    /** @return how many values, d + 1 */
    int length() {
        return values.length;
    }

    /**
     * Equal when the other is of the same class and holds the same values.
     *
     * @param other the object to compare with
     * @return whether both hold the same values
     */
    @Override
    public boolean equals(Object other) {
        return other != null && other.getClass() == getClass()
                && Arrays.equals(values, ((ParameterArray) other).values);
    }

    /**
     * A hash of the values.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /**
     * The values, comma-separated, between the given brackets.
     *
     * @param open what comes first
     * @param close what comes last
     * @return e.g. {@code (1.5, -2.0)}
     */
    String join(String open, String close) {
        StringBuilder out = new StringBuilder(open);
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(values[i]);
        }
        return out.append(close).toString();
    }
}
