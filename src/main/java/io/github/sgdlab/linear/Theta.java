package io.github.sgdlab.linear;

/**
 * The parameters of the notebook's linear model {@code y_pred = theta_1 * x + theta_0}.
 *
 * @param theta0 the intercept
 * @param theta1 the slope
 */
public record Theta(double theta0, double theta1) {

    /** The notebook's starting point, θ = (0, 0). */
    public static final Theta ZERO = new Theta(0, 0);

    /**
     * Rejects values no gradient can be computed at.
     *
     * @param theta0 the intercept
     * @param theta1 the slope
     * @throws IllegalArgumentException if either parameter is NaN or infinite
     */
    public Theta {
        if (!Double.isFinite(theta0) || !Double.isFinite(theta1)) {
            throw new IllegalArgumentException(
                    "theta must be finite, got (" + theta0 + ", " + theta1 + ")");
        }
    }
}
