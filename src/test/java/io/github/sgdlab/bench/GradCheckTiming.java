package io.github.sgdlab.bench;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.sgdlab.check.GradCheck;
import io.github.sgdlab.check.GradCheckResult;
import io.github.sgdlab.cli.SmallMlp;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark, not a test: wall time of {@link GradCheck} on {@link SmallMlp#DEFAULT} (4-8-3, 16
 * samples, float64, 67 parameters), full and fast mode, min and median over repeats after warm-up.
 * Run by {@code src/test/bench/gradcheck.sh}.
 */
public final class GradCheckTiming {

    private GradCheckTiming() {}

    /**
     * Runs the benchmark.
     *
     * @param args repeats (default 30)
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 30;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SmallMlp mlp = SmallMlp.DEFAULT;
            Block block = mlp.block(manager, 0);
            NDList inputs = mlp.inputs(manager, 1);
            NDArray labels = mlp.labels(manager, 2);
            for (boolean fast : new boolean[] {false, true}) {
                GradCheck check = GradCheck.builder().optFastMode(fast).build();
                double[] ms = new double[repeats];
                for (int warmUp = 0; warmUp < 5; warmUp++) {
                    check.check(block, PerSampleLoss.softmaxCrossEntropy(), inputs, labels);
                }
                for (int r = 0; r < repeats; r++) {
                    long start = System.nanoTime();
                    GradCheckResult result = check.check(block,
                            PerSampleLoss.softmaxCrossEntropy(), inputs, labels);
                    ms[r] = (System.nanoTime() - start) / 1e6;
                    if (!result.passed()) {
                        throw new IllegalStateException(result.report());
                    }
                }
                Arrays.sort(ms);
                System.out.printf(Locale.ROOT, "DJL GradCheck %s: min %.2f ms, median %.2f ms "
                        + "(%d runs)%n", fast ? "fast" : "full", ms[0], ms[repeats / 2], repeats);
            }
        }
    }
}
