package io.github.sgdlab.linear;

import java.util.Arrays;

/**
 * The gradients of each sample's squared error {@code (ŷ_i - y_i)^2} with respect to θ0…θd, one
 * vector per sample, held parameter by parameter: for the notebook's d = 1 its per-sample loops'
 * {@code theta_0_grads} and {@code theta_1_grads}.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class PerSampleGradients {

    private final double[][] byParameter;

    /**
     * Wraps the per-sample gradients, parameter by parameter.
     *
     * @param byParameter {@code byParameter[j][i]} = ∂loss_i/∂θj; d + 1 arrays of n values
     * @throws IllegalArgumentException if there are fewer than two parameters, no samples, or
     *     arrays of different lengths
     */
    public PerSampleGradients(double[][] byParameter) {
        if (byParameter.length < 2 || byParameter[0].length == 0) {
            throw new IllegalArgumentException(
                    "need at least two parameters and one sample");
        }
        this.byParameter = new double[byParameter.length][];
        for (int j = 0; j < byParameter.length; j++) {
            if (byParameter[j].length != byParameter[0].length) {
                throw new IllegalArgumentException("parameter " + j + " has "
                        + byParameter[j].length + " gradients, parameter 0 has "
                        + byParameter[0].length);
            }
            this.byParameter[j] = byParameter[j].clone();
        }
    }

    /**
     * How many samples contributed a gradient.
     *
     * @return n
     */
    public int size() {
        return byParameter[0].length;
    }

    /**
     * How many parameters each gradient has.
     *
     * @return d + 1
     */
    public int parameters() {
        return byParameter.length;
    }

    /**
     * A copy of every sample's gradient with respect to one parameter.
     *
     * @param j 0 for θ0, j for θj
     * @return ∂loss_i/∂θj for each sample i
     */
    public double[] gradient(int j) {
        return byParameter[j].clone();
    }

    /**
     * One sample's gradient.
     *
     * @param i the sample's index
     * @return ∂loss_i/∂θ
     */
    public Gradient sample(int i) {
        double[] values = new double[byParameter.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = byParameter[j][i];
        }
        return new Gradient(values);
    }

    /**
     * The average stochastic gradient, each component summed left to right in double and divided
     * by n, as the notebook's {@code sum(theta_0_grads) / len(theta_0_grads)} does.
     *
     * @return the average of the per-sample gradients
     */
    public Gradient average() {
        RunningMean mean = new RunningMean(byParameter.length);
        mean.addChunk(byParameter, byParameter[0].length);
        return mean.mean();
    }

    /**
     * The spread of the per-sample gradients: each component's standard deviation over the
     * samples, {@code sqrt(mean((g_i − mean)^2))} (numpy's {@code np.std}, ddof 0), computed in
     * double in two passes. It says how far one sample's gradient, one SGD step, typically strays
     * from the average.
     *
     * @return the standard deviation of each component
     */
    public Gradient spread() {
        RunningDeviation deviation = new RunningDeviation(average());
        deviation.addChunk(byParameter, byParameter[0].length);
        return deviation.standardDeviation();
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
                && Arrays.deepEquals(byParameter, that.byParameter);
    }

    /**
     * A hash of the gradients.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Arrays.deepHashCode(byParameter);
    }

    /**
     * A short description: the size and the average, not the n gradients.
     *
     * @return for example {@code PerSampleGradients[n=40, average=Gradient[...]]}
     */
    @Override
    public String toString() {
        return "PerSampleGradients[n=" + size() + ", average=" + average() + "]";
    }
}
