package io.github.sgdlab.grad;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;

/**
 * The verdict on DJL's autograd: its batch gradient, loss and average per-sample gradient
 * against the plain-Java reference's, with a tolerance derived from rounding-error analysis.
 *
 * <p>The tolerance is the worst-case error of both computations (Higham, <i>Accuracy and Stability
 * of Numerical Algorithms</i>, §3 and §4). With unit roundoff u (2^-24 for float32, 2^-53 for
 * float64), γ_k = k·u / (1 − k·u) and a_i = |θ1·x_i| + |θ0| + |y_i|, each residual
 * {@code theta_1 * x_i + theta_0 - y_i} (its inputs rounded to the working type included) is off
 * by at most γ_3·a_i; scaling, one more product and a sum of n terms in any order add at most
 * n + 5 further roundings. So, with k = n + 8 to spare:
 * <ul>
 *   <li>∂/∂θ0 is within γ_k · (2/n)·Σ a_i,</li>
 *   <li>∂/∂θ1 within γ_k · (2/n)·Σ a_i·|x_i|,</li>
 *   <li>the loss within γ_k · (3/n)·Σ a_i².</li>
 * </ul>
 * The tolerance is the largest of these for the working type plus the same for the float64
 * reference, so one number covers all five compared values.
 *
 * @param maxAbsDiff the largest absolute difference over the compared values
 * @param tolerance the rounding-error bound that difference must not exceed
 * @param ok whether {@code maxAbsDiff <= tolerance}
 */
public record CrossCheck(double maxAbsDiff, double tolerance, boolean ok) {

    /** Slack roundings beyond the n − 1 of the sum; see the class comment. */
    private static final int EXTRA_ROUNDINGS = 8;

    /**
     * Compares autograd against the reference.
     *
     * @param data the samples both paths used
     * @param theta where both took the gradient
     * @param dataType the autograd's working type, float32 or float64
     * @param batch the autograd batch gradient and loss
     * @param perSampleAverage the autograd average per-sample gradient
     * @param referenceBatch the reference batch gradient and loss
     * @param referencePerSampleAverage the reference average per-sample gradient
     * @return the largest difference, the tolerance and the verdict
     */
    public static CrossCheck compare(
            LinearData data,
            Theta theta,
            DataType dataType,
            BatchGradient batch,
            Gradient perSampleAverage,
            BatchGradient referenceBatch,
            Gradient referencePerSampleAverage) {
        double maxAbsDiff = max(
                Math.abs(batch.gradTheta0() - referenceBatch.gradTheta0()),
                Math.abs(batch.gradTheta1() - referenceBatch.gradTheta1()),
                Math.abs(batch.loss() - referenceBatch.loss()),
                Math.abs(perSampleAverage.gradTheta0() - referencePerSampleAverage.gradTheta0()),
                Math.abs(perSampleAverage.gradTheta1() - referencePerSampleAverage.gradTheta1()));
        double tolerance = bound(data, theta, unitRoundoff(dataType))
                + bound(data, theta, unitRoundoff(DataType.FLOAT64));
        // A NaN difference fails: "<=" is false for NaN.
        return new CrossCheck(maxAbsDiff, tolerance, maxAbsDiff <= tolerance);
    }

    /**
     * The unit roundoff of a floating-point type: half the distance from 1 to the next value.
     *
     * @param dataType float32 or float64
     * @return 2^-24 or 2^-53
     * @throws IllegalArgumentException for any other type
     */
    public static double unitRoundoff(DataType dataType) {
        if (dataType == DataType.FLOAT32) {
            return 0x1p-24;
        }
        if (dataType == DataType.FLOAT64) {
            return 0x1p-53;
        }
        throw new IllegalArgumentException("dtype must be float32 or float64, got " + dataType);
    }

    /**
     * The largest of the three per-value bounds of the class comment, for one unit roundoff.
     *
     * @param data the samples
     * @param theta the parameters
     * @param u the unit roundoff
     * @return the bound
     */
    static double bound(LinearData data, Theta theta, double u) {
        int n = data.samples();
        double sumA = 0;
        double sumAx = 0;
        double sumA2 = 0;
        for (int i = 0; i < n; i++) {
            double x = Math.abs(data.x1(i));
            double a = Math.abs(theta.theta1()) * x + Math.abs(theta.theta0()) + Math.abs(data.y(i));
            sumA += a;
            sumAx += a * x;
            sumA2 += a * a;
        }
        double k = (double) n + EXTRA_ROUNDINGS;
        double gamma = k * u / (1 - k * u);
        // A few relative ulps on top, for the roundings of this bound's own arithmetic.
        return gamma * max(2 * sumA / n, 2 * sumAx / n, 3 * sumA2 / n) * (1 + 0x1p-40);
    }

    private static double max(double... values) {
        double max = values[0];
        for (double v : values) {
            // Math.max propagates NaN, so a NaN anywhere makes the maximum NaN.
            max = Math.max(max, v);
        }
        return max;
    }
}
