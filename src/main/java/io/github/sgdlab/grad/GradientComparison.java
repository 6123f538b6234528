package io.github.sgdlab.grad;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.persample.Strategy;
import io.github.sgdlab.reference.ReferenceGradients;

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
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        return compare(autograd, data, theta,
                autograd.perSample(data, theta, strategy, progress));
    }

    private static GradientComparison compare(AutogradGradients autograd, LinearData data,
            Theta theta, PerSampleGradients perSample) {
        DataType dataType = autograd.dataType();
        BatchGradient batch = autograd.batch(data, theta);
        Gradient perSampleAverage = perSample.average();
        BatchGradient referenceBatch = ReferenceGradients.batch(data, theta);
        Gradient referencePerSampleAverage =
                ReferenceGradients.average(ReferenceGradients.perSample(data, theta));
        CrossCheck crossCheck = CrossCheck.compare(data, theta, dataType,
                batch, perSampleAverage, referenceBatch, referencePerSampleAverage);
        return new GradientComparison(dataType, theta, batch, perSampleAverage,
                referenceBatch, referencePerSampleAverage, crossCheck, perSample);
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
