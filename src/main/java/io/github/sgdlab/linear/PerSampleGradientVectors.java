package io.github.sgdlab.linear;

/**
 * The gradients of each sample's squared error {@code (ŷ_i - y_i)^2} with respect to θ0…θd, one
 * vector per sample: the d-feature form of {@link PerSampleGradients}.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class PerSampleGradientVectors {

    private final double[][] byParameter;

    /**
     * Wraps the per-sample gradients, parameter by parameter.
     *
     * @param byParameter {@code byParameter[j][i]} = ∂loss_i/∂θj; d + 1 arrays of n values
     * @throws IllegalArgumentException if there are fewer than two parameters, no samples, or
     *     arrays of different lengths
     */
    public PerSampleGradientVectors(double[][] byParameter) {
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
    public GradientVector sample(int i) {
        double[] values = new double[byParameter.length];
        for (int j = 0; j < values.length; j++) {
            values[j] = byParameter[j][i];
        }
        return new GradientVector(values);
    }

    /**
     * The average stochastic gradient, each component summed left to right in double and divided
     * by n, as {@link PerSampleGradients#average()} and the notebook's
     * {@code sum(grads) / len(grads)} do.
     *
     * @return the average of the per-sample gradients
     */
    public GradientVector average() {
        RunningMean mean = new RunningMean(byParameter.length);
        mean.addChunk(byParameter, byParameter[0].length);
        return mean.mean();
    }
}
