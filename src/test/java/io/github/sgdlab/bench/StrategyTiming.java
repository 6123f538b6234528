package io.github.sgdlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import io.github.sgdlab.benchmark.Timing;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.StrategyModels;
import io.github.sgdlab.persample.Strategy;

import java.util.Locale;

/**
 * Benchmark, not a test: {@link PerSample#compute} of one model, one batch size and one strategy
 * in its own process (so that {@code /usr/bin/time -v} gives that strategy's peak RSS), float32,
 * softmax cross-entropy. Prints one line: the model, n, the strategy, min and median ms of the
 * timed calls after the warm-up calls. Run by {@code src/test/bench/per-sample-auto.sh}.
 */
public final class StrategyTiming {

    private StrategyTiming() {}

    /**
     * Runs the benchmark.
     *
     * @param args the model ({@code cnn}, {@code mlp-784-128-10}, {@code mlp-784-1024-1024-10},
     *     {@code layernorm}, {@code embedding}), n, the strategy ({@code LOOP}, {@code VECTORIZED}
     *     or {@code AUTO}), timed calls (default 3), warm-up calls (default 1)
     */
    public static void main(String[] args) {
        StrategyModels model = StrategyModels.named(args[0]);
        int samples = Integer.parseInt(args[1]);
        Strategy strategy = Strategy.valueOf(args[2].toUpperCase(Locale.ROOT));
        int repeats = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        int warmUp = args.length > 4 ? Integer.parseInt(args[4]) : 1;
        Engine.getEngine("PyTorch").setRandomSeed(45);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Block block = model.block(manager);
            NDList x = model.inputs(manager, samples);
            NDArray y = model.labels(manager, samples);
            PerSample perSample = PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy())
                    .optStrategy(strategy).build();
            long[] nanos = new long[repeats];
            Strategy used = null;
            for (int i = 0; i < warmUp + repeats; i++) {
                long start = System.nanoTime();
                PerSampleResult result = perSample.compute(x, y);
                long took = System.nanoTime() - start;
                used = result.strategy();
                result.close();
                if (i >= warmUp) {
                    nanos[i - warmUp] = took;
                }
            }
            Timing timing = Timing.of(nanos, samples);
            PerSample.Plan plan = perSample.plan(x, y);
            System.out.printf(Locale.ROOT, "%s n=%d %s (ran %s): min %.2f ms median %.2f ms "
                    + "(%d runs); plan: result %d kB, loop %d kB, vectorized %d kB, chunk %d, "
                    + "estimated loop %.0f ms, vectorized %.0f ms%n",
                    args[0], samples, strategy, used, timing.minMs(), timing.medianMs(), repeats,
                    plan.resultBytes() / 1024, plan.loopBytes() / 1024,
                    plan.vectorizedBytes() / 1024, plan.chunkSamples(), plan.loopMillis(),
                    plan.vectorizedMillis());
        }
    }
}
