package io.github.sgdlab.linear;

/**
 * A gradient of the loss with respect to θ = (θ0, θ1, …, θd): the intercept's component first,
 * then one per feature in column order; for the notebook's d = 1, (∂/∂θ0, ∂/∂θ1).
 *
 * <p>Immutable: the values are copied in and out.
 */
public final class Gradient extends ParameterArray {

    /**
     * Wraps the components.
     *
     * @param values ∂loss/∂θ0, ∂loss/∂θ1, …, ∂loss/∂θd
     */
    public Gradient(double[] values) {
        super(values.clone());
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
        return length();
    }

    /**
     * The components.
     *
     * @return e.g. {@code Gradient[-7.4, -1.0]}
     */
    @Override
    public String toString() {
        return join("Gradient[", "]");
    }
}
