package io.github.sgdlab.bench;

import io.github.sgdlab.data.FeatureData;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.persample.Strategy;
import io.github.sgdlab.reference.ReferenceGradients;

import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Benchmark, not a test: how much of its tolerance each cross-checked value really uses, over
 * random seeds and θ and n up to 10^7 in both types, and whether wrong batch gradients (negated,
 * halved, doubled, taken at θ + 10^-3) fail at every size.
 *
 * <p>The batch values are real DJL autograd at every n. The per-sample averages come from the
 * seed's per-sample loop (about 35 µs a sample) up to {@code loopMax} samples, and from the
 * per-sample engine's vectorized strategy (one backward pass) above.
 *
 * <p>Run by {@code src/test/bench/cross-check-sweep.sh}; arguments: cases per size (default 5),
 * largest n for the per-sample loop (default 100000).
 */
public final class CrossCheckSweep {

    private CrossCheckSweep() {}

    /**
     * Runs the sweep and prints one line per size and type, then the overall maxima.
     *
     * @param args cases per size, largest n for the loop
     */
    public static void main(String[] args) {
        int cases = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int loopMax = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        Random random = new Random(2026);
        double overallBatch = 0;
        double overallAverage = 0;
        int mutantsPassed = 0;
        int mutants = 0;
        System.out.println("n         dtype    cases  max ratio (batch values)  max ratio (averages)  mutants failed");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (int n : new int[] {40, 1000, 100_000, 1_000_000, 10_000_000}) {
                for (DataType dataType : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
                    AutogradGradients autograd =
                            AutogradGradients.builder(manager).optDataType(dataType).build();
                    double maxBatch = 0;
                    double maxAverage = 0;
                    int failed = 0;
                    int tried = 0;
                    for (int c = 0; c < cases; c++) {
                        long seed = random.nextInt(Integer.MAX_VALUE);
                        Theta theta = Theta.of(random.nextGaussian() * 5, random.nextGaussian() * 5);
                        FeatureData data = LinearData.generate(seed, n).features();
                        BatchGradient batch = autograd.batch(data, theta);
                        BatchGradient reference = ReferenceGradients.batch(data, theta);
                        Gradient referenceAverage = ReferenceGradients.average(
                                ReferenceGradients.perSample(data, theta));
                        Gradient average = n <= loopMax
                                ? loopAverage(autograd, data, theta)
                                : autograd.perSampleAverage(data, theta);
                        CrossCheck check = CrossCheck.compare(data, theta, dataType, batch,
                                average, reference, referenceAverage);
                        for (int v = 0; v < 3; v++) {
                            maxBatch = Math.max(maxBatch, check.values().get(v).ratio());
                        }
                        for (int v = 3; v < 5; v++) {
                            maxAverage = Math.max(maxAverage, check.values().get(v).ratio());
                        }
                        BatchGradient shifted = autograd.batch(data,
                                Theta.of(theta.get(0) + 1e-3, theta.get(1) + 1e-3));
                        for (BatchGradient mutant : List.of(scaled(batch, -1), scaled(batch, 0.5),
                                scaled(batch, 2), new BatchGradient(Gradient.of(shifted.gradient().get(0), shifted.gradient().get(1)), batch.loss()))) {
                            tried++;
                            if (!CrossCheck.compare(data, theta, dataType, mutant, average,
                                    reference, referenceAverage).ok()) {
                                failed++;
                            }
                        }
                    }
                    overallBatch = Math.max(overallBatch, maxBatch);
                    overallAverage = Math.max(overallAverage, maxAverage);
                    mutants += tried;
                    mutantsPassed += tried - failed;
                    System.out.printf(Locale.ROOT, "%-9d %-8s %-6d %-25.3e %-28s %d / %d%n",
                            n, dataType, cases, maxBatch,
                            String.format(Locale.ROOT, "%.3e%s", maxAverage,
                                    n <= loopMax ? " (loop)" : " (vectorized)"),
                            failed, tried);
                }
            }
        }
        System.out.printf(Locale.ROOT, "largest ratio diff / tolerance: batch values %.3e, "
                + "per-sample averages %.3e; mutants that passed: %d of %d%n",
                overallBatch, overallAverage, mutantsPassed, mutants);
    }

    private static BatchGradient scaled(BatchGradient batch, double factor) {
        return new BatchGradient(Gradient.of(factor * batch.gradient().get(0), factor * batch.gradient().get(1)),
                batch.loss());
    }

    /** The per-sample average by the loop strategy, one backward pass per sample. */
    private static Gradient loopAverage(AutogradGradients autograd, FeatureData data,
            Theta theta) {
        double[][] all = new double[2][data.samples()];
        autograd.perSample(data, theta, Strategy.LOOP, done -> { }, (from, m, chunk) -> {
            for (int j = 0; j < 2; j++) {
                System.arraycopy(chunk[j], 0, all[j], from, m);
            }
        });
        return new PerSampleGradients(all).average();
    }
}
