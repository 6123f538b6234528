package io.github.sgdlab.grad;

import io.github.sgdlab.data.LinearData;

/**
 * The notebook's numpy cells in plain Java, in double precision: the closed-form gradients of
 * the mean-squared error (In [12]) and of each sample's squared error (In [14]).
 *
 * <p>Sums and means follow numpy's pairwise order, so the results equal numpy's to the last bit.
 * It imports nothing from DJL on purpose: it is the independent witness that the framework's
 * autograd is right. Stateless and thread-safe.
 */
public final class ReferenceGradients {

    private ReferenceGradients() {}

    /**
     * In [12]: {@code grad_theta_0 = -2/n * sum(y - y_pred)},
     * {@code grad_theta_1 = -2/n * sum((y - y_pred) * x1)}, and the loss
     * {@code mean((y_pred - y)^2)}.
     *
     * @param data the samples
     * @param theta where to take the gradient
     * @return the batch gradient and loss
     */
    public static BatchGradient batch(LinearData data, Theta theta) {
        int n = data.samples();
        double[] residual = new double[n];
        double[] residualX = new double[n];
        double[] squaredError = new double[n];
        for (int i = 0; i < n; i++) {
            double x = data.x1(i);
            residual[i] = data.y(i) - predict(theta, x);
            residualX[i] = residual[i] * x;
            squaredError[i] = residual[i] * residual[i];
        }
        // Python evaluates -2/n first, then multiplies: the same two roundings here.
        double scale = -2.0 / n;
        return new BatchGradient(
                scale * NumpySum.sum(residual),
                scale * NumpySum.sum(residualX),
                NumpySum.mean(squaredError));
    }

    /**
     * In [14]: for each sample, {@code grad_theta_0_i = -2 * (y_i - y_pred_i)} and
     * {@code grad_theta_1_i = -2 * (y_i - y_pred_i) * x_i}.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return one gradient per sample
     */
    public static PerSampleGradients perSample(LinearData data, Theta theta) {
        int n = data.samples();
        double[] gradTheta0 = new double[n];
        double[] gradTheta1 = new double[n];
        for (int i = 0; i < n; i++) {
            double x = data.x1(i);
            double residual = data.y(i) - predict(theta, x);
            gradTheta0[i] = -2 * residual;
            gradTheta1[i] = -2 * residual * x;
        }
        return PerSampleGradients.adopt(gradTheta0, gradTheta1);
    }

    /**
     * In [14]'s {@code np.mean(theta_0_grads)} and {@code np.mean(theta_1_grads)}: the average
     * stochastic gradient, summed in numpy's pairwise order (the torch cell, In [11], sums left
     * to right instead: see {@link PerSampleGradients#average()}).
     *
     * @param gradients the per-sample gradients
     * @return their mean
     */
    public static Gradient average(PerSampleGradients gradients) {
        return new Gradient(
                NumpySum.mean(gradients.gradTheta0()), NumpySum.mean(gradients.gradTheta1()));
    }

    /** The linear model of the notebook: {@code y_pred = theta_1 * x + theta_0}. */
    private static double predict(Theta theta, double x) {
        return theta.theta1() * x + theta.theta0();
    }
}
