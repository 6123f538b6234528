package io.github.sgdlab.linear;

import java.util.Arrays;

/**
 * A gradient of the loss with respect to θ = (θ0, θ1, …, θd): the intercept's component first,
 * then one per feature in column order. With d = 1 it is the notebook's {@link Gradient}.
 *
 * <p>Immutable: the values are copied in and out.
 */
public final class GradientVector {

    private final double[] values;

    /**
     * Wraps the components.
     *
     * @param values ∂loss/∂θ0, ∂loss/∂θ1, …, ∂loss/∂θd
     */
    public GradientVector(double[] values) {
        this.values = values.clone();
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
     * The d = 1 gradient as the notebook's pair.
     *
     * @return (∂/∂θ0, ∂/∂θ1)
     * @throws IllegalStateException if there is more than one feature
     */
    public Gradient toGradient() {
        if (values.length != 2) {
            throw new IllegalStateException(
                    "a pair needs exactly one feature, this gradient has " + (values.length - 1));
        }
        return new Gradient(values[0], values[1]);
    }

    /**
     * Equal when the components are equal.
     *
     * @param other the object to compare with
     * @return whether both hold the same values
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof GradientVector that && Arrays.equals(values, that.values);
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
     * @return e.g. {@code GradientVector[-7.4, -1.0]}
     */
    @Override
    public String toString() {
        return "GradientVector" + Arrays.toString(values);
    }
}
