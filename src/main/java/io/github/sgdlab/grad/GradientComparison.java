package io.github.sgdlab.grad;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.persample.Strategy;

import java.util.function.IntConsumer;

/**
 * All four of the notebook's gradients at one θ — DJL batch and per-sample autograd, reference
 * batch and per-sample — and the cross-check between them.
 *
 * @param dataType the autograd's working type
 * @param theta where the gradients were taken
 * @param batch autograd, In [10]
 * @param perSampleAverage autograd per-sample average, In [11]
 * @param referenceBatch plain-Java closed form, In [12]
 * @param referencePerSampleAverage plain-Java per-sample average, In [14]
 * @param crossCheck autograd against the reference
 * @param perSample autograd's per-sample gradients, whose average is {@code perSampleAverage}
 */
public record GradientComparison(
        DataType dataType,
        Theta theta,
        BatchGradient batch,
        Gradient perSampleAverage,
        BatchGradient referenceBatch,
        Gradient referencePerSampleAverage,
        CrossCheck crossCheck,
        PerSampleGradients perSample) {

    /**
     * Computes all four paths and cross-checks them.
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients
     * @param dataType float32 or float64, for the autograd paths (the reference is float64)
     * @return the comparison
     */
    public static GradientComparison compute(
            NDManager manager, LinearData data, Theta theta, DataType dataType) {
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        return compare(autograd, data, theta, autograd.perSample(data, theta));
    }

    /**
     * Computes all four paths and cross-checks them, with In [11]'s per-sample gradients from the
     * general per-sample engine ({@link AutogradGradients#perSample(LinearData, Theta, Strategy,
     * IntConsumer)}) instead of the seed's own loop.
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients
     * @param dataType float32 or float64, for the autograd paths (the reference is float64)
     * @param strategy how the engine computes the per-sample gradients
     * @param progress told how many samples are done, as a loop goes
     * @return the comparison
     */
    public static GradientComparison compute(NDManager manager, LinearData data, Theta theta,
            DataType dataType, Strategy strategy, IntConsumer progress) {
        return compute(manager, Reference.of(data, theta, dataType), strategy, progress);
    }

    /**
     * As {@link #compute(NDManager, LinearData, Theta, DataType, Strategy, IntConsumer)}, with
     * the plain-Java half computed beforehand: it needs no engine, so a caller can compute it
     * while the engine is still loading (the command line does).
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param reference the reference half, for the data, θ and type to compare at
     * @param strategy how the engine computes the per-sample gradients
     * @param progress told how many samples are done, as a loop goes
     * @return the comparison
     */
    public static GradientComparison compute(NDManager manager, Reference reference,
            Strategy strategy, IntConsumer progress) {
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(reference.dataType()).build();
        return compare(autograd, reference, autograd.perSample(reference.data(),
                reference.theta(), strategy, progress));
    }

    private static GradientComparison compare(AutogradGradients autograd, LinearData data,
            Theta theta, PerSampleGradients perSample) {
        return compare(autograd, Reference.of(data, theta, autograd.dataType()), perSample);
    }

    private static GradientComparison compare(AutogradGradients autograd, Reference reference,
            PerSampleGradients perSample) {
        LinearData data = reference.data();
        Theta theta = reference.theta();
        BatchGradient batch = autograd.batch(data, theta);
        Gradient perSampleAverage = perSample.average();
        CrossCheck crossCheck = CrossCheck.compare(reference.tolerances(), batch,
                perSampleAverage, reference.batch(), reference.perSampleAverage());
        return new GradientComparison(autograd.dataType(), theta, batch, perSampleAverage,
                reference.batch(), reference.perSampleAverage(), crossCheck, perSample);
    }

    /**
     * The half of the comparison that needs no engine: the plain-Java reference's batch gradient
     * and per-sample average (In [12] and In [14]) and the cross-check's tolerances.
     *
     * @param data the samples
     * @param theta where the gradients are taken
     * @param dataType the autograd's working type the tolerances are for
     * @param batch the reference batch gradient and loss
     * @param perSampleAverage the reference average per-sample gradient
     * @param tolerances the cross-check's per-value tolerances
     */
    public record Reference(LinearData data, Theta theta, DataType dataType, BatchGradient batch,
            Gradient perSampleAverage, RoundingBound.Tolerances tolerances) {

        /**
         * Computes the reference half.
         *
         * @param data the samples
         * @param theta where to take the gradients
         * @param dataType the autograd's working type, float32 or float64
         * @return the reference gradients and the tolerances
         */
        public static Reference of(LinearData data, Theta theta, DataType dataType) {
            return new Reference(data, theta, DataTypes.requireFloat(dataType),
                    ReferenceGradients.batch(data, theta),
                    ReferenceGradients.average(ReferenceGradients.perSample(data, theta)),
                    RoundingBound.crossCheck(data, theta, dataType));
        }
    }

    /**
     * Whether every computed value is finite. A θ far from the data can overflow float32; such a
     * result must be reported, never printed as a number.
     *
     * @return false if any gradient or loss is NaN or infinite
     */
    public boolean allFinite() {
        double[] values = {
            batch.gradTheta0(), batch.gradTheta1(), batch.loss(),
            perSampleAverage.gradTheta0(), perSampleAverage.gradTheta1(),
            referenceBatch.gradTheta0(), referenceBatch.gradTheta1(), referenceBatch.loss(),
            referencePerSampleAverage.gradTheta0(), referencePerSampleAverage.gradTheta1(),
            perSample.spread().gradTheta0(), perSample.spread().gradTheta1()
        };
        for (double v : values) {
            if (!Double.isFinite(v)) {
                return false;
            }
        }
        return true;
    }
}
