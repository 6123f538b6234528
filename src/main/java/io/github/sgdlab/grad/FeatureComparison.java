package io.github.sgdlab.grad;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradientVector;
import io.github.sgdlab.linear.GradientVector;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.linear.RunningDeviation;
import io.github.sgdlab.linear.RunningMean;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.linear.ThetaVector;
import io.github.sgdlab.persample.Strategy;
import io.github.sgdlab.reference.FeatureRoundingBound;
import io.github.sgdlab.reference.ReferenceGradients;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * All four gradients at one θ for data with d features — DJL batch and per-sample autograd,
 * reference batch and per-sample — and the cross-check between them: the d-feature
 * {@link GradientComparison}. For d = 1 every number, tolerances included, equals
 * {@link GradientComparison}'s bit for bit.
 *
 * @param dataType the autograd's working type
 * @param theta where the gradients were taken
 * @param batch autograd, In [10]
 * @param perSampleAverage autograd per-sample average, In [11]
 * @param referenceBatch plain-Java closed form, In [12]
 * @param referencePerSampleAverage plain-Java per-sample average, In [14]
 * @param crossCheck autograd against the reference: {@code grad_theta0 … grad_thetaD},
 *     {@code loss}, {@code average_grad_theta0 … average_grad_thetaD}
 * @param perSampleStd the standard deviation of autograd's per-sample gradients (ddof 0): how
 *     far one SGD step strays from the average
 */
public record FeatureComparison(
        DataType dataType,
        ThetaVector theta,
        BatchGradientVector batch,
        GradientVector perSampleAverage,
        BatchGradientVector referenceBatch,
        GradientVector referencePerSampleAverage,
        CrossCheck crossCheck,
        GradientVector perSampleStd) {

    /**
     * Computes all four paths and cross-checks them. The per-sample averages are streamed, so
     * memory stays at the data plus a chunk's worth, even at 10^7 samples.
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients: d + 1 values
     * @param dataType float32 or float64, for the autograd paths (the reference is float64)
     * @return the comparison
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static FeatureComparison compute(
            NDManager manager, FeatureData data, ThetaVector theta, DataType dataType) {
        return compute(manager, data, theta, dataType, Strategy.VECTORIZED, done -> { },
                PerSampleSink.NONE);
    }

    /**
     * Computes all four paths and cross-checks them, with the per-sample gradients taken by the
     * given strategy and handed, as they come, to a sink (a CSV writer, say). The per-sample
     * gradients are computed twice and never held: once for their average (the pass that feeds
     * the sink) and once more for their spread, the two-pass standard deviation of
     * {@link PerSampleGradients#spread()}.
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients: d + 1 values
     * @param dataType float32 or float64, for the autograd paths (the reference is float64)
     * @param strategy how the per-sample gradients are computed, see
     *     {@link AutogradGradients#perSample(FeatureData, ThetaVector, Strategy, IntConsumer,
     *     PerSampleSink)}
     * @param progress told how many per-sample gradients are done, counting through both
     *     passes: 1 … n in the first, n + 1 … 2n in the second
     * @param perSample receives every sample's gradient once, in sample order
     * @return the comparison
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static FeatureComparison compute(NDManager manager, FeatureData data,
            ThetaVector theta, DataType dataType, Strategy strategy, IntConsumer progress,
            PerSampleSink perSample) {
        theta.requireFeatures(data.features());
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        BatchGradientVector batch = autograd.batch(data, theta);
        int n = data.samples();
        RunningMean mean = new RunningMean(data.features() + 1);
        autograd.perSample(data, theta, strategy, progress,
                perSample.andThen((from, m, gradients) -> mean.addChunk(gradients, m)));
        GradientVector perSampleAverage = mean.mean();
        RunningDeviation deviation = new RunningDeviation(perSampleAverage);
        autograd.perSample(data, theta, strategy, done -> progress.accept(n + done),
                (from, m, gradients) -> deviation.addChunk(gradients, m));
        GradientVector perSampleStd = deviation.standardDeviation();
        BatchGradientVector referenceBatch = ReferenceGradients.batch(data, theta);
        GradientVector referencePerSampleAverage =
                ReferenceGradients.perSampleAverage(data, theta);
        FeatureRoundingBound.Tolerances tolerance =
                FeatureRoundingBound.crossCheck(data, theta, CrossCheck.precision(dataType));
        double[] gradientTolerance = tolerance.gradient();
        double[] averageTolerance = tolerance.average();
        List<CrossCheck.ValueCheck> values = new ArrayList<>();
        for (int j = 0; j <= data.features(); j++) {
            values.add(new CrossCheck.ValueCheck("grad_theta" + j, batch.gradient().get(j),
                    referenceBatch.gradient().get(j), gradientTolerance[j]));
        }
        values.add(new CrossCheck.ValueCheck("loss", batch.loss(), referenceBatch.loss(),
                tolerance.loss()));
        for (int j = 0; j <= data.features(); j++) {
            values.add(new CrossCheck.ValueCheck("average_grad_theta" + j,
                    perSampleAverage.get(j), referencePerSampleAverage.get(j),
                    averageTolerance[j]));
        }
        return new FeatureComparison(dataType, theta, batch, perSampleAverage, referenceBatch,
                referencePerSampleAverage, new CrossCheck(values), perSampleStd);
    }

    /**
     * Whether every computed value is finite; a θ far from the data can overflow float32.
     *
     * @return false if any gradient or loss is NaN or infinite
     */
    public boolean allFinite() {
        boolean finite = Double.isFinite(batch.loss()) && Double.isFinite(referenceBatch.loss());
        for (GradientVector g : List.of(batch.gradient(), perSampleAverage,
                referenceBatch.gradient(), referencePerSampleAverage, perSampleStd)) {
            for (double v : g.values()) {
                finite &= Double.isFinite(v);
            }
        }
        return finite;
    }

    /**
     * The d = 1 comparison in the notebook's types, for the printers the notebook uses. This
     * comparison streams its per-sample gradients rather than keeping them, so the caller
     * supplies the per-sample gradients the result carries.
     *
     * @param perSample the per-sample gradients to carry
     * @return the same numbers as a {@link GradientComparison}
     * @throws IllegalStateException if there is more than one feature
     */
    public GradientComparison toGradientComparison(PerSampleGradients perSample) {
        return new GradientComparison(dataType, new Theta(theta.get(0), theta.get(1)),
                batch.toBatchGradient(), perSampleAverage.toGradient(),
                referenceBatch.toBatchGradient(), referencePerSampleAverage.toGradient(),
                crossCheck, perSample);
    }
}
