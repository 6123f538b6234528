package io.github.sgdlab.grad;

/**
 * The gradients of each sample's squared error {@code (y_pred_i - y_i)^2}, one pair per sample,
 * as the notebook's per-sample loops record them in {@code theta_0_grads} and
 * {@code theta_1_grads}.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class PerSampleGradients {

    private final double[] gradTheta0;
    private final double[] gradTheta1;

    /**
     * Wraps the per-sample gradients.
     *
     * @param gradTheta0 ∂loss_i/∂θ0 for each sample i
     * @param gradTheta1 ∂loss_i/∂θ1 for each sample i
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public PerSampleGradients(double[] gradTheta0, double[] gradTheta1) {
        if (gradTheta0.length == 0 || gradTheta0.length != gradTheta1.length) {
            throw new IllegalArgumentException(
                    "need the same, non-zero number of gradients for theta0 and theta1; got "
                            + gradTheta0.length + " and " + gradTheta1.length);
        }
        this.gradTheta0 = gradTheta0.clone();
        this.gradTheta1 = gradTheta1.clone();
    }

    /**
     * How many samples contributed a gradient.
     *
     * @return n
     */
    public int size() {
        return gradTheta0.length;
    }

    /**
     * A copy of the per-sample gradients with respect to θ0.
     *
     * @return {@code theta_0_grads}
     */
    public double[] gradTheta0() {
        return gradTheta0.clone();
    }

    /**
     * A copy of the per-sample gradients with respect to θ1.
     *
     * @return {@code theta_1_grads}
     */
    public double[] gradTheta1() {
        return gradTheta1.clone();
    }

    /**
     * The average stochastic gradient: each component summed left to right in double and divided
     * by n, as the notebook's {@code sum(theta_0_grads) / len(theta_0_grads)} does.
     *
     * @return the average of the per-sample gradients
     */
    public Gradient average() {
        return new Gradient(mean(gradTheta0), mean(gradTheta1));
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
