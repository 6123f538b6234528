package io.github.sgdlab.reference;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;

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
     * {@code grad_theta_j = -2/n * sum((y - y_pred) * x_j)} and the loss
     * {@code mean((y - y_pred)^2)}, with numpy's pairwise sums (Python evaluates -2/n first, then
     * multiplies: the same two roundings here). The terms are computed as the sums need them, so 10^7
     * samples take no extra arrays.
     *
     * @param data the samples
     * @param theta where to take the gradient: θ0, then one weight per feature
     * @return the gradient (intercept first) and the loss
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static BatchGradient batch(FeatureData data, Theta theta) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        double scale = -2.0 / n;
        double[] gradient = new double[theta.features() + 1];
        gradient[0] = scale * NumpySum.sum(i -> residual(data, theta, i), n);
        for (int j = 1; j < gradient.length; j++) {
            int feature = j - 1;
            gradient[j] = scale
                    * NumpySum.sum(i -> residual(data, theta, i) * data.x(i, feature), n);
        }
        double loss = NumpySum.mean(i -> {
            double r = residual(data, theta, i);
            return r * r;
        }, n);
        return new BatchGradient(new Gradient(gradient), loss);
    }

    /**
     * In [14]: for each sample, {@code grad_theta_0_i = -2 * (y_i - y_pred_i)}
     * and {@code grad_theta_j_i = -2 * (y_i - y_pred_i) * x_ij}.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return one gradient vector per sample
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static PerSampleGradients perSample(FeatureData data, Theta theta) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        double[][] gradients = new double[theta.features() + 1][n];
        for (int j = 0; j < gradients.length; j++) {
            for (int i = 0; i < n; i++) {
                gradients[j][i] = perSampleTerm(data, theta, i, j);
            }
        }
        return new PerSampleGradients(gradients);
    }

    /**
     * In [14]'s {@code np.mean} of each parameter's per-sample gradients (for the notebook,
     * {@code np.mean(theta_0_grads)} and {@code np.mean(theta_1_grads)}), summed in numpy's
     * pairwise order (the torch cell, In [11], sums left to right instead: see
     * {@link PerSampleGradients#average()}).
     *
     * @param gradients the per-sample gradients
     * @return their mean
     */
    public static Gradient average(PerSampleGradients gradients) {
        double[] mean = new double[gradients.parameters()];
        for (int j = 0; j < mean.length; j++) {
            double[] values = gradients.gradient(j);
            mean[j] = NumpySum.mean(values);
        }
        return new Gradient(mean);
    }

    /**
     * {@code average(perSample(data, theta))}, the same numbers, computed without holding the n
     * per-sample gradients.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return the average stochastic gradient
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static Gradient perSampleAverage(FeatureData data, Theta theta) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        double[] mean = new double[theta.features() + 1];
        for (int j = 0; j < mean.length; j++) {
            int parameter = j;
            mean[j] = NumpySum.mean(i -> perSampleTerm(data, theta, i, parameter), n);
        }
        return new Gradient(mean);
    }

    /** Sample i's gradient with respect to θ_parameter: {@code -2 * r_i}, times x_ij for j > 0. */
    private static double perSampleTerm(FeatureData data, Theta theta, int i,
            int parameter) {
        double residual = residual(data, theta, i);
        return parameter == 0 ? -2 * residual : -2 * residual * data.x(i, parameter - 1);
    }

    /**
     * {@code y_i - (theta_1 * x_i1 + … + theta_d * x_id + theta_0)}, the sum left to right; for
     * d = 1 exactly the notebook's {@code y - (theta_1 * x + theta_0)}.
     */
    private static double residual(FeatureData data, Theta theta, int i) {
        double sum = theta.get(1) * data.x(i, 0);
        for (int j = 1; j < data.features(); j++) {
            sum += theta.get(j + 1) * data.x(i, j);
        }
        return data.y(i) - (sum + theta.get(0));
    }
}
