package io.github.sgdlab.linear;

import java.util.Arrays;

/**
 * A gradient of the loss with respect to θ = (θ0, θ1, …, θd): the intercept's component first,
 * then one per feature in column order; for the notebook's d = 1, (∂/∂θ0, ∂/∂θ1).
 *
 * <p>Immutable: the values are copied in and out.
 */
public final class Gradient {

    private final double[] values;

    /**
     * Wraps the components.
     *
     * @param values ∂loss/∂θ0, ∂loss/∂θ1, …, ∂loss/∂θd
     */
    public Gradient(double[] values) {
        this.values = values.clone();
    }

    /**
     * A gradient from its components.
     *
     * @param values ∂loss/∂θ0, ∂loss/∂θ1, …, ∂loss/∂θd
     * @return the gradient
     */
    public static Gradient of(double... values) {
        return new Gradient(values);
    }

    /**
     * How many components: d + 1.
     *
     * @return the number of parameters
     */
    public int size() {
        return values.length;
    }

    /**
     * One component.
     *
     * @param index 0 for θ0, j for θj
     * @return ∂loss/∂θ_index
     */
    public double get(int index) {
        return values[index];
    }

    /**
     * A copy of all components.
     *
     * @return ∂loss/∂θ0, …, ∂loss/∂θd
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * Equal when the components are equal.
     *
     * @param other the object to compare with
     * @return whether both hold the same values
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof Gradient that && Arrays.equals(values, that.values);
    }

    /**
     * A hash of the components.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Arrays.hashCode(values);
    }

    /**
     * The components.
     *
     * @return e.g. {@code Gradient[-7.4, -1.0]}
     */
    @Override
    public String toString() {
        return "Gradient" + Arrays.toString(values);
    }
}
