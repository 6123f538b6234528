package io.github.sgdlab.linear;

/**
 * The true (batch) gradient of the mean-squared error over all samples, with the loss itself.
 *
 * @param gradTheta0 ∂MSE/∂θ0
 * @param gradTheta1 ∂MSE/∂θ1
 * @param loss the mean-squared error at θ
 */
public record BatchGradient(double gradTheta0, double gradTheta1, double loss) {

    /**
     * The gradient without the loss, to compare with an average of per-sample gradients.
     *
     * @return (gradTheta0, gradTheta1)
     */
    public Gradient gradient() {
        return new Gradient(gradTheta0, gradTheta1);
    }
}
