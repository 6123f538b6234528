package io.github.sgdlab.bench;

import io.github.sgdlab.privacy.NoiseMultiplier;
import io.github.sgdlab.privacy.PrvAccountant;
import io.github.sgdlab.privacy.RdpAccountant;

import java.util.Arrays;
import java.util.Locale;

/**
 * Times the accountants in-process, the same settings as src/test/bench/privacy_opacus.py: each
 * PRV ε, each RDP ε, each noise search; median of {@code runs} after one warm-up call.
 * Usage: {@code PrivacyTiming [runs]}.
 */
public final class PrivacyTiming {

    /** (σ, q, steps, δ) for ε. */
    static final double[][] EPSILON = {
        {1.5, 0.04, 2250, 1e-5}, {0.8, 0.001, 1000, 1e-6}, {1.1, 256.0 / 60000, 14062, 1e-5},
        {3.0, 0.05, 20000, 1e-6},
    };

    /** (target ε, δ, q, steps) for the noise search. */
    static final double[][] NOISE = {{8, 1e-5, 0.04, 2000}, {1, 1e-5, 0.01, 1000}};

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
                double[] times = new double[runs];
                double eps = 0;
                for (int r = -1; r < runs; r++) {
                    long start = System.nanoTime();
                    if (mechanism.equals("prv")) {
                        PrvAccountant a = new PrvAccountant();
                        a.step(s[0], s[1], (long) s[2]);
                        eps = a.getEpsilon(s[3]);
                    } else {
                        RdpAccountant a = new RdpAccountant();
                        a.step(s[0], s[1], (long) s[2]);
                        eps = a.getEpsilon(s[3]);
                    }
                    if (r >= 0) {
                        times[r] = (System.nanoTime() - start) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "java %s epsilon sigma=%s q=%s steps=%d delta=%s: "
                        + "%.3f ms (eps %.6f)%n", mechanism, s[0], s[1], (long) s[2], s[3],
                        median(times), eps);
            }
        }
        for (double[] s : NOISE) {
            for (String mechanism : new String[] {"rdp", "prv"}) {
                double[] times = new double[runs];
                double sigma = 0;
                for (int r = -1; r < runs; r++) {
                    long start = System.nanoTime();
                    sigma = NoiseMultiplier.find(s[0], s[1], s[2], (long) s[3], mechanism);
                    if (r >= 0) {
                        times[r] = (System.nanoTime() - start) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "java %s noise eps=%s delta=%s q=%s steps=%d: "
                        + "%.3f ms (sigma %s)%n", mechanism, s[0], s[1], s[2], (long) s[3],
                        median(times), sigma);
            }
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
