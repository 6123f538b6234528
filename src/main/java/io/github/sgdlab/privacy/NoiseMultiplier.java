package io.github.sgdlab.privacy;

import java.util.List;

/**
 * The noise a training run needs: the smallest noise multiplier σ (to the search's resolution)
 * whose ε after the run is at most a target, as Opacus's {@code get_noise_multiplier} finds it.
 */
public final class NoiseMultiplier {

    /** Opacus's cap on σ: a target no σ up to this reaches is refused. */
    public static final double MAX_SIGMA = 1e6;

    /** Opacus's resolution: the search stops once ε is within this of the target. */
    public static final double EPSILON_TOLERANCE = 0.01;

    private NoiseMultiplier() {}

    /**
     * Opacus's search: σ doubled from 20 until ε falls below the target, then bisected until
     * ε is within {@link #EPSILON_TOLERANCE} of it; returns the side whose ε never exceeds the
     * target.
     *
     * @param targetEpsilon the ε to reach, positive
     * @param delta δ, in (0, 1)
     * @param sampleRate q, in (0, 1]
     * @param steps the run's number of steps, at least one
     * @param mechanism the accountant, {@code "rdp"} or {@code "prv"}
     * @return σ
     * @throws IllegalArgumentException if an argument is out of range, the mechanism unknown,
     *     or the target unreachable with σ up to {@link #MAX_SIGMA}
     */
    public static double find(double targetEpsilon, double delta, double sampleRate, long steps,
            String mechanism) {
        Arguments.epsilon(targetEpsilon);
        Arguments.delta(delta);
        Arguments.sampleRate(sampleRate);
        Arguments.steps(steps);
        PrivacyAccountant.create(mechanism); // names an unknown mechanism before any work
        boolean rdp = "rdp".equalsIgnoreCase(mechanism);
        double epsHigh = Double.POSITIVE_INFINITY;
        double sigmaLow = 0;
        double sigmaHigh = 10;
        while (epsHigh > targetEpsilon) {
            sigmaHigh = 2 * sigmaHigh;
            epsHigh = epsilon(rdp, sigmaHigh, sampleRate, steps, delta);
            if (sigmaHigh > MAX_SIGMA) {
                throw new IllegalArgumentException("target epsilon " + targetEpsilon
                        + " is out of reach: the privacy budget is too low (no noise multiplier"
                        + " up to " + MAX_SIGMA + " reaches it)");
            }
        }
        while (targetEpsilon - epsHigh > EPSILON_TOLERANCE) {
            double sigma = (sigmaLow + sigmaHigh) / 2;
            double eps = epsilon(rdp, sigma, sampleRate, steps, delta);
            if (eps < targetEpsilon) {
                sigmaHigh = sigma;
                epsHigh = eps;
            } else {
                sigmaLow = sigma;
            }
        }
        return sigmaHigh;
    }

    private static double epsilon(boolean rdp, double sigma, double q, long steps,
            double delta) {
        List<History.Entry> history = List.of(new History.Entry(sigma, q, steps));
        if (rdp) {
            return RdpAccountant.spent(history, RdpAccountant.defaultOrdersArray(), delta, false)
                    .epsilon();
        }
        return PrvAccountant.epsilon(history, delta, PrvAccountant.DEFAULT_EPS_ERROR,
                delta / 1000);
    }
}
