package io.github.sgdlab.grad;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.linear.RunningDeviation;
import io.github.sgdlab.linear.RunningMean;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.persample.Strategy;
import io.github.sgdlab.reference.ReferenceGradients;

import java.util.List;
import java.util.function.IntConsumer;

/**
 * All four gradients at one θ — DJL batch and per-sample autograd, reference batch and
 * per-sample — and the cross-check between them, for data with any number d of features. The
 * notebook is the case d = 1: its data ({@code LinearData.notebook().features()}) at
 * θ = (0, 0) in float32 ({@code notebook.Notebook}).
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
public record GradientComparison(
        DataType dataType,
        Theta theta,
        BatchGradient batch,
        Gradient perSampleAverage,
        BatchGradient referenceBatch,
        Gradient referencePerSampleAverage,
        CrossCheck crossCheck,
        Gradient perSampleStd) {

    /**
     * How many per-sample gradient components (n × (d + 1)) the spread's second pass reads from
     * memory rather than computing again: 2·10^7, 160 MB, what the notebook's 10^7 samples need.
     */
    public static final int HELD_VALUES = 20_000_000;

    /**
     * Computes all four paths and cross-checks them, the per-sample gradients by the vectorized
     * strategy. Up to {@value #HELD_VALUES} per-sample values are kept for the spread; beyond,
     * they are streamed, so memory stays at the data plus a chunk's worth.
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients: d + 1 values
     * @param dataType float32 or float64, for the autograd paths (the reference is float64)
     * @return the comparison
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static GradientComparison compute(
            NDManager manager, FeatureData data, Theta theta, DataType dataType) {
        return compute(manager, data, theta, dataType, Strategy.VECTORIZED, done -> { },
                PerSampleSink.NONE);
    }

    /**
     * Computes all four paths and cross-checks them, with the per-sample gradients taken by the
     * given strategy and handed, as they come, to a sink (a CSV writer, say). Their spread is a
     * two-pass standard deviation: the first pass (the one that feeds the sink) gives the
     * average, the second the squared deviations from it. Up to {@value #HELD_VALUES} values
     * the first pass keeps the gradients for the second; beyond, they are computed again rather
     * than held, so memory stays flat at 10^7 samples (the gradients are deterministic: both
     * ways give the same bits).
     *
     * @param manager the caller's PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients: d + 1 values
     * @param dataType float32 or float64, for the autograd paths (the reference is float64)
     * @param strategy how the per-sample gradients are computed, see
     *     {@link AutogradGradients#perSample(FeatureData, Theta, Strategy, IntConsumer,
     *     PerSampleSink)}
     * @param progress told how many per-sample gradients are done, counting through both
     *     passes: 1 … n in the first, n + 1 … 2n in the second (at once 2n when the first pass's
     *     gradients were held)
     * @param perSample receives every sample's gradient once, in sample order
     * @return the comparison
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public static GradientComparison compute(NDManager manager, FeatureData data,
            Theta theta, DataType dataType, Strategy strategy, IntConsumer progress,
            PerSampleSink perSample) {
        return compute(manager, data, theta, dataType, strategy, progress, perSample,
                HELD_VALUES);
    }

    /** {@link #compute(NDManager, FeatureData, Theta, DataType, Strategy, IntConsumer,
     * PerSampleSink)} with the limit on held values given, for tests of both ways. */
    static GradientComparison compute(NDManager manager, FeatureData data, Theta theta,
            DataType dataType, Strategy strategy, IntConsumer progress, PerSampleSink perSample,
            long heldValues) {
        theta.requireFeatures(data.features());
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        BatchGradient batch = autograd.batch(data, theta);
        int n = data.samples();
        int p = data.features() + 1;
        RunningMean mean = new RunningMean(p);
        double[][] held = (long) n * p <= heldValues ? new double[p][n] : null;
        autograd.perSample(data, theta, strategy, progress,
                perSample.andThen((from, m, gradients) -> {
                    mean.addChunk(gradients, m);
                    if (held != null) {
                        for (int j = 0; j < p; j++) {
                            System.arraycopy(gradients[j], 0, held[j], from, m);
                        }
                    }
                }));
        Gradient perSampleAverage = mean.mean();
        RunningDeviation deviation = new RunningDeviation(perSampleAverage);
        if (held != null) {
            deviation.addChunk(held, n);
            progress.accept(2 * n);
        } else {
            autograd.perSample(data, theta, strategy, done -> progress.accept(n + done),
                    (from, m, gradients) -> deviation.addChunk(gradients, m));
        }
        Gradient perSampleStd = deviation.standardDeviation();
        BatchGradient referenceBatch = ReferenceGradients.batch(data, theta);
        Gradient referencePerSampleAverage =
                ReferenceGradients.perSampleAverage(data, theta);
        return new GradientComparison(dataType, theta, batch, perSampleAverage, referenceBatch,
                referencePerSampleAverage, CrossCheck.compare(data, theta, dataType, batch,
                        perSampleAverage, referenceBatch, referencePerSampleAverage),
                perSampleStd);
    }

    /**
     * Whether every computed value is finite; a θ far from the data can overflow float32.
     *
     * @return false if any gradient or loss is NaN or infinite
     */
    public boolean allFinite() {
        boolean finite = Double.isFinite(batch.loss()) && Double.isFinite(referenceBatch.loss());
        for (Gradient g : List.of(batch.gradient(), perSampleAverage,
                referenceBatch.gradient(), referencePerSampleAverage, perSampleStd)) {
            for (double v : g.values()) {
                finite &= Double.isFinite(v);
            }
        }
        return finite;
    }
}
