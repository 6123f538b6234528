package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.util.Locale;
import java.util.Map;

/**
 * The claim that the mean of the per-sample gradients equals the batch gradient of the mean
 * loss, up to rounding.
 *
 * <p>Both sides sum the same n per-sample terms, in different orders and after different
 * roundings of each sample's own forward and backward pass. Following the analysis of rounded
 * sums (Higham, §4), element e of a parameter may differ by {@code γ_k · (m_e + M)} with
 * {@code γ_k = k·u / (1 − k·u)}, {@code k = n + } {@value #PER_SAMPLE_ROUNDINGS}, u the unit
 * roundoff of the data type, {@code m_e = mean_i |g_i,e|} (what cancels in the sum) and
 * {@code M = max_e m_e} (a floor at the parameter's own scale, for elements whose terms are all
 * near zero but whose backward pass rounded at that scale). The slack of
 * {@value #PER_SAMPLE_ROUNDINGS} roundings per sample covers a small network's forward and backward
 * pass; it is a bound in the spirit of the analysis, not a proof for every architecture. A real
 * error — a loss that mixes samples, gradients not zeroed — differs at the scale of the gradients
 * themselves, many orders above it.
 */
final class PerSampleAgreement {

    /** Roundings allowed for each sample's own forward and backward pass. */
    static final int PER_SAMPLE_ROUNDINGS = 32;

    private PerSampleAgreement() {}

    /**
     * Compares the per-sample mean with the batch gradient for every parameter.
     *
     * @param block the block
     * @param loss the per-sample loss
     * @param inputs the inputs
     * @param labels the labels
     * @return null if every element agrees, else a message naming each parameter that does not
     */
    static String mismatch(Block block, PerSampleLoss loss, NDList inputs, NDArray labels) {
        // The loop is the definition: each sample's loss alone, one backward pass each. The
        // vectorized strategy reads rows of one batch backward pass, whose mean equals the batch
        // gradient by construction even for a loss that (wrongly) mixes samples.
        PerSample perSample = PerSample.builder(block, loss).optStrategy(Strategy.LOOP).build();
        Map<String, NDArray> batch = perSample.batchGradients(inputs, labels);
        StringBuilder problems = new StringBuilder();
        String header = null;
        try (PerSampleResult result = perSample.compute(inputs, labels)) {
            int n = result.size();
            for (String name : result.parameterNames()) {
                NDArray perSampleGradients = result.gradient(name);
                DataType type = perSampleGradients.getDataType();
                double gamma = gamma(n + PER_SAMPLE_ROUNDINGS, unitRoundoff(type));
                double[] mean = Doubles.of(result.mean(name));
                double[] batchValues = Doubles.of(batch.get(name));
                double[] meanAbs = meanAbs(Doubles.of(perSampleGradients), n);
                double scale = 0;
                for (double m : meanAbs) {
                    scale = Math.max(scale, m);
                }
                header = String.format(Locale.ROOT, "the mean of the per-sample gradients "
                        + "differs from the batch gradient (%s, n = %d, %s strategy; tolerance "
                        + "per element gamma_%d * (mean_i |g_i| + the parameter's largest "
                        + "mean_i |g_i|), gamma_%d = %.3e)\n", type, n, result.strategy(),
                        n + PER_SAMPLE_ROUNDINGS, n + PER_SAMPLE_ROUNDINGS, gamma);
                problems.append(parameter(name, batch.get(name).getShape(), mean, batchValues,
                        meanAbs, scale, gamma));
            }
        } finally {
            batch.values().forEach(NDArray::close);
        }
        return problems.length() == 0 ? null : header + problems;
    }

    /** One parameter's line, or "" if it agrees. */
    private static String parameter(String name, Shape shape, double[] mean, double[] batch,
            double[] meanAbs, double scale, double gamma) {
        int beyond = 0;
        int worst = -1;
        double worstShare = -1;
        for (int e = 0; e < mean.length; e++) {
            double tolerance = gamma * (meanAbs[e] + scale);
            double diff = Math.abs(mean[e] - batch[e]);
            // "!(<=)" so that a NaN on either side counts as beyond.
            if (!(diff <= tolerance)) {
                beyond++;
                double share = Double.isNaN(diff) ? Double.POSITIVE_INFINITY : diff / tolerance;
                if (share > worstShare) {
                    worstShare = share;
                    worst = e;
                }
            }
        }
        if (beyond == 0) {
            return "";
        }
        return String.format(Locale.ROOT,
                "%s: %d / %d elements beyond tolerance; worst %s: per-sample mean %s, batch %s, "
                        + "|diff| %.3e > tolerance %.3e\n",
                name, beyond, mean.length, AllClose.index(shape, worst), mean[worst],
                batch[worst], Math.abs(mean[worst] - batch[worst]),
                gamma * (meanAbs[worst] + scale));
    }

    /** mean_i |g_i,e| from the per-sample gradients [n, ...], flat. */
    private static double[] meanAbs(double[] perSample, int n) {
        int size = perSample.length / n;
        double[] meanAbs = new double[size];
        for (int i = 0; i < n; i++) {
            for (int e = 0; e < size; e++) {
                meanAbs[e] += Math.abs(perSample[i * size + e]);
            }
        }
        for (int e = 0; e < size; e++) {
            meanAbs[e] /= n;
        }
        return meanAbs;
    }

    private static double gamma(int k, double u) {
        return k * u / (1 - k * u);
    }

    private static double unitRoundoff(DataType type) {
        switch (type) {
            case FLOAT64:
                return 0x1p-53;
            case FLOAT32:
                return 0x1p-24;
            case FLOAT16:
                return 0x1p-11;
            default:
                throw new IllegalArgumentException("gradients must be floating point, got " + type);
        }
    }
}
