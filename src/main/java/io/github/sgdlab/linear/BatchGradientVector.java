package io.github.sgdlab.linear;

/**
 * The true (batch) gradient of the mean-squared error over all samples with d features, with the
 * loss itself. With d = 1 it is the notebook's {@link BatchGradient}.
 *
 * @param gradient ∂MSE/∂θ0, ∂MSE/∂θ1, …, ∂MSE/∂θd
 * @param loss the mean-squared error at θ
 */
public record BatchGradientVector(GradientVector gradient, double loss) {

    /**
     * The d = 1 result as the notebook's triple.
     *
     * @return (∂/∂θ0, ∂/∂θ1, loss)
     * @throws IllegalStateException if there is more than one feature
     */
    public BatchGradient toBatchGradient() {
        Gradient pair = gradient.toGradient();
        return new BatchGradient(pair.gradTheta0(), pair.gradTheta1(), loss);
    }
}
