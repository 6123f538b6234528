package io.github.sgdlab.grad;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.DataTypes;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.reference.RoundingBound;
import io.github.sgdlab.reference.Precision;

import java.util.ArrayList;
import java.util.List;

/**
 * The verdict on DJL's autograd: each of its values — the batch gradient's d + 1 components, the
 * loss, and the per-sample average's d + 1 components — against the plain-Java reference's, each
 * within its own rounding-error tolerance ({@link RoundingBound}).
 *
 * <p>A value is within tolerance when {@code |autograd − reference| <= tolerance}; the check
 * passes when all are (a NaN anywhere fails it). The summary numbers describe the
 * <em>worst</em> value, the one with the largest ratio of difference to tolerance:
 * {@link #maxAbsDiff()} is its difference and {@link #tolerance()} its tolerance, so
 * {@code ok() == (maxAbsDiff() <= tolerance())} always holds.
 *
 * @param values the compared values, in the order batch θ0 … θd, loss, average θ0 … θd
 */
public record CrossCheck(List<ValueCheck> values) {

    /**
     * Copies the list.
     *
     * @param values the compared values, at least one
     */
    public CrossCheck {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("a cross-check needs at least one value");
        }
        values = List.copyOf(values);
    }

    /**
     * The witness's name for a DJL working type: the rounding bounds of {@link RoundingBound}
     * know no framework.
     *
     * @param dataType float32 or float64
     * @return the matching precision
     * @throws IllegalArgumentException for any other type
     */
    public static Precision precision(DataType dataType) {
        return DataTypes.requireFloat(dataType) == DataType.FLOAT32
                ? Precision.FLOAT32 : Precision.FLOAT64;
    }

    /**
     * Compares autograd against the reference, each value within its own tolerance
     * ({@link RoundingBound#crossCheck}).
     *
     * @param data the samples both paths used
     * @param theta where both took the gradient: d + 1 values
     * @param dataType the autograd's working type, float32 or float64
     * @param batch the autograd batch gradient and loss
     * @param perSampleAverage the autograd average per-sample gradient
     * @param referenceBatch the reference batch gradient and loss
     * @param referencePerSampleAverage the reference average per-sample gradient
     * @return the verdict, value by value: {@code grad_theta0 … grad_thetaD}, {@code loss},
     *     {@code average_grad_theta0 … average_grad_thetaD}
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static CrossCheck compare(FeatureData data, Theta theta, DataType dataType,
            BatchGradient batch, Gradient perSampleAverage,
            BatchGradient referenceBatch, Gradient referencePerSampleAverage) {
        RoundingBound.Tolerances tolerance =
                RoundingBound.crossCheck(data, theta, precision(dataType));
        double[] gradientTolerance = tolerance.gradient();
        double[] averageTolerance = tolerance.average();
        List<ValueCheck> values = new ArrayList<>();
        for (int j = 0; j <= data.features(); j++) {
            values.add(new ValueCheck("grad_theta" + j, batch.gradient().get(j),
                    referenceBatch.gradient().get(j), gradientTolerance[j]));
        }
        values.add(new ValueCheck("loss", batch.loss(), referenceBatch.loss(), tolerance.loss()));
        for (int j = 0; j <= data.features(); j++) {
            values.add(new ValueCheck("average_grad_theta" + j, perSampleAverage.get(j),
                    referencePerSampleAverage.get(j), averageTolerance[j]));
        }
        return new CrossCheck(values);
    }

    /**
     * Whether every value lies within its tolerance.
     *
     * @return the verdict
     */
    public boolean ok() {
        return values.stream().allMatch(ValueCheck::ok);
    }

    /**
     * The value with the largest ratio of difference to tolerance; a NaN difference counts as
     * the worst.
     *
     * @return the worst value
     */
    public ValueCheck worst() {
        ValueCheck worst = values.get(0);
        for (ValueCheck value : values) {
            if (Double.isNaN(value.ratio()) || value.ratio() > worst.ratio()) {
                worst = value;
                if (Double.isNaN(value.ratio())) {
                    break;
                }
            }
        }
        return worst;
    }

    /**
     * The difference of the worst value.
     *
     * @return {@code worst().absDiff()}
     */
    public double maxAbsDiff() {
        return worst().absDiff();
    }

    /**
     * The tolerance of the worst value.
     *
     * @return {@code worst().tolerance()}
     */
    public double tolerance() {
        return worst().tolerance();
    }

    /**
     * One compared value.
     *
     * @param name the value's name, as in the JSON output: {@code grad_theta0} …
     *     {@code grad_thetaD}, {@code loss}, {@code average_grad_theta0} …
     *     {@code average_grad_thetaD}
     * @param autograd DJL autograd's value
     * @param reference the plain-Java reference's value
     * @param tolerance the largest difference rounding alone can explain
     */
    public record ValueCheck(String name, double autograd, double reference, double tolerance) {

        /**
         * The absolute difference.
         *
         * @return {@code |autograd − reference|}, NaN if either is NaN
         */
        public double absDiff() {
            return Math.abs(autograd - reference);
        }

        /**
         * How much of the tolerance the difference uses.
         *
         * @return {@code absDiff() / tolerance()}; 0 when there is no difference, even at a
         *     zero tolerance
         */
        public double ratio() {
            double absDiff = absDiff();
            return absDiff == 0 ? 0 : absDiff / tolerance();
        }

        /**
         * Whether the difference lies within the tolerance; false for NaN.
         *
         * @return the verdict on this value
         */
        public boolean ok() {
            return absDiff() <= tolerance();
        }
    }
}
