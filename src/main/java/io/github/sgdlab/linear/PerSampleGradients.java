package io.github.sgdlab.linear;

import java.util.Arrays;

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
        this(gradTheta0.clone(), gradTheta1.clone(), true);
    }

    /** Takes the arrays as they are; {@code adopted} only tells this constructor apart. */
    private PerSampleGradients(double[] gradTheta0, double[] gradTheta1, boolean adopted) {
        if (gradTheta0.length == 0 || gradTheta0.length != gradTheta1.length) {
            throw new IllegalArgumentException(
                    "need the same, non-zero number of gradients for theta0 and theta1; got "
                            + gradTheta0.length + " and " + gradTheta1.length);
        }
        this.gradTheta0 = gradTheta0;
        this.gradTheta1 = gradTheta1;
    }

    /**
     * Wraps arrays that nobody else holds, without the defensive copies: for the library's own
     * freshly computed gradients, where 10^7 samples would otherwise copy 160 MB for nothing.
     * The caller hands the arrays over and must not write to them afterwards.
     *
     * @param gradTheta0 ∂loss_i/∂θ0 for each sample i, no longer touched by the caller
     * @param gradTheta1 ∂loss_i/∂θ1 for each sample i, no longer touched by the caller
     * @return the gradients, sharing the arrays
     * @throws IllegalArgumentException if the arrays are empty or differ in length
     */
    public static PerSampleGradients adopt(double[] gradTheta0, double[] gradTheta1) {
        return new PerSampleGradients(gradTheta0, gradTheta1, true);
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

    /**
     * The spread of the per-sample gradients: each component's standard deviation over the samples,
     * {@code sqrt(mean((g_i − mean)^2))} (numpy's {@code np.std}, ddof 0), computed in double in
     * two passes. It says how far one sample's gradient, one SGD step, typically strays from the
     * average.
     *
     * @return the standard deviation of each component
     */
    public Gradient spread() {
        return new Gradient(standardDeviation(gradTheta0), standardDeviation(gradTheta1));
    }

    private static double standardDeviation(double[] values) {
        double mean = mean(values);
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        return Math.sqrt(squares / values.length);
    }

    private static double mean(double[] values) {
        double sum = 0;
        for (double v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /**
     * Equal when both hold the same gradients, bit for bit, in the same order.
     *
     * @param other the other object
     * @return whether it holds the same per-sample gradients
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof PerSampleGradients that
                && Arrays.equals(gradTheta0, that.gradTheta0)
                && Arrays.equals(gradTheta1, that.gradTheta1);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(gradTheta0) + Arrays.hashCode(gradTheta1);
    }

    /**
     * A short description: the size and the average, not the n pairs.
     *
     * @return for example {@code PerSampleGradients[n=40, average=Gradient[...]]}
     */
    @Override
    public String toString() {
        return "PerSampleGradients[n=" + size() + ", average=" + average() + "]";
    }
}
