package io.github.sgdlab.bench;

import io.github.sgdlab.privacy.NoiseMultiplier;
import io.github.sgdlab.privacy.PrvAccountant;
import io.github.sgdlab.privacy.RdpAccountant;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Times the accountants in-process, the same settings as src/test/bench/privacy_opacus.py: each
 * PRV ε, each RDP ε, each noise search; one warm-up call, then {@code runs} timed calls, each
 * timed by the wall clock and by the process's CPU time (all its threads: the JIT compiler's and
 * the collector's count, as all of Python's would; summed from Linux's per-thread
 * {@code /proc/self/task/*}{@code /schedstat} in nanoseconds, the JDK's own process CPU time
 * having a 10 ms tick here). Prints one line per setting:
 * {@code java <what>: wall <min> <median> cpu <min> <median> ms (<result>)}.
 * Usage: {@code PrivacyTiming [runs]}.
 */
public final class PrivacyTiming {

    /** (σ, q, steps, δ) for ε. */
    static final double[][] EPSILON = {
        {1.5, 0.04, 2250, 1e-5}, {0.8, 0.001, 1000, 1e-6}, {1.1, 256.0 / 60000, 14062, 1e-5},
        {3.0, 0.05, 20000, 1e-6}, {0.8, 0.01, 10000, 1e-5},
    };

    /** (target ε, δ, q, steps) for the noise search. */
    static final double[][] NOISE = {{8, 1e-5, 0.04, 2000}, {1, 1e-5, 0.01, 1000}};

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private PrivacyTiming() {}

    /**
     * Runs the timings and prints one line each.
     *
     * @param args optional number of timed runs (default 5)
     */
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        for (double[] s : EPSILON) {
            for (String mechanism : new String[] {"prv", "rdp"}) {
                time(runs, String.format(Locale.ROOT, "%s epsilon sigma=%s q=%s steps=%d delta=%s",
                        mechanism, s[0], s[1], (long) s[2], s[3]), "eps", () -> {
                            if (mechanism.equals("prv")) {
                                PrvAccountant a = new PrvAccountant();
                                a.step(s[0], s[1], (long) s[2]);
                                return a.getEpsilon(s[3]);
                            }
                            RdpAccountant a = new RdpAccountant();
                            a.step(s[0], s[1], (long) s[2]);
                            return a.getEpsilon(s[3]);
                        });
            }
        }
        for (double[] s : NOISE) {
            for (String mechanism : new String[] {"rdp", "prv"}) {
                time(runs, String.format(Locale.ROOT, "%s noise eps=%s delta=%s q=%s steps=%d",
                        mechanism, s[0], s[1], s[2], (long) s[3]), "sigma",
                        () -> NoiseMultiplier.find(s[0], s[1], s[2], (long) s[3], mechanism));
            }
        }
    }

    private static void time(int runs, String what, String result, DoubleSupplier call) {
        double[] wall = new double[runs];
        double[] cpu = new double[runs];
        double value = call.getAsDouble(); // warm-up
        for (int r = 0; r < runs; r++) {
            long cpuStart = processCpuNanos();
            long start = System.nanoTime();
            value = call.getAsDouble();
            wall[r] = (System.nanoTime() - start) / 1e6;
            cpu[r] = (processCpuNanos() - cpuStart) / 1e6;
        }
        System.out.printf(Locale.ROOT, "java %s: wall %.3f %.3f cpu %.3f %.3f ms (%s %.9f)%n", what,
                min(wall), median(wall), min(cpu), median(cpu), result, value);
    }

    /** CPU time of all the process's threads, ns (the JDK's bean where /proc is missing). */
    private static long processCpuNanos() {
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return OS.getProcessCpuTime();
        }
        long sum = 0;
        for (java.io.File task : tasks) {
            try {
                String stat = java.nio.file.Files.readString(new java.io.File(task, "schedstat")
                        .toPath());
                sum += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
            } catch (java.io.IOException | RuntimeException gone) {
                // a thread that ended between the listing and the read: its time is lost
            }
        }
        return sum;
    }

    private static double min(double[] values) {
        return Arrays.stream(values).min().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
