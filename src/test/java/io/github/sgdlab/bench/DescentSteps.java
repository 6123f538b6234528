package io.github.sgdlab.bench;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.descent.Descent;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.RunResult;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * Benchmark main (not a test): {@code descend --method sgd --lr 0.01 --runs 100} in-process,
 * repeated, so that the cost of one batched step is seen apart from the JVM's and libtorch's
 * start-up. Prints, per repeat, the wall time and the main thread's CPU time, and per step of the
 * sequential chain (the slowest run's iteration count).
 *
 * <p>Run by {@code src/test/bench/descend.sh}; arguments: repeats (default 8).
 */
public final class DescentSteps {

    private DescentSteps() {}

    /**
     * Runs the benchmark.
     *
     * @param args the number of repeats
     */
    public static void main(String[] args) {
        int repeats = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        DescentConfig config = DescentConfig.builder().setLearningRate(0.01)
                .optMethod(Method.SGD).optRuns(100).optKeepTrajectory(false).build();
        double[] wall = new double[repeats];
        double[] cpu = new double[repeats];
        int steps = 0;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            for (int k = 0; k < repeats; k++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                DescentResult result = Descent.run(manager, config);
                wall[k] = (System.nanoTime() - wall0) / 1e9;
                cpu[k] = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                steps = result.runs().stream().mapToInt(RunResult::iterations).max().orElse(0);
                System.out.printf(Locale.ROOT, "repeat %d: wall %.3f s, main-thread CPU %.3f s, "
                        + "%d steps, %.1f us CPU per step, mean iterations %s%n", k, wall[k],
                        cpu[k], steps, 1e6 * cpu[k] / steps, result.meanIterations());
            }
        }
        Arrays.sort(wall);
        Arrays.sort(cpu);
        System.out.printf(Locale.ROOT, "in-process, %d repeats: wall min %.3f s median %.3f s; "
                + "CPU per step min %.1f us median %.1f us (first repeat includes the JIT's "
                + "warm-up)%n", repeats, wall[0], wall[repeats / 2], 1e6 * cpu[0] / steps,
                1e6 * cpu[repeats / 2] / steps);
    }
}
