package io.github.sgdlab.privacy;

import java.util.Locale;

/**
 * Tracks the privacy a DP-SGD run spends: each step adds the noise multiplier σ it used and
 * its Poisson sampling rate q; {@link #getEpsilon} says what ε that history costs at a δ.
 * Steps compose as Opacus's accountants compose them: a history of (σ, q, steps) entries,
 * consecutive steps with the same σ and q merged, different ones following each other.
 *
 * <p>Implementations are safe to call from several threads.
 */
public interface PrivacyAccountant {

    /**
     * Records one step of the sampled Gaussian mechanism.
     *
     * @param noiseMultiplier σ, the noise's standard deviation over the clipping norm (positive)
     * @param sampleRate q, each example's probability of being in the batch, in (0, 1]
     * @throws IllegalArgumentException if σ or q is out of range or NaN
     */
    default void step(double noiseMultiplier, double sampleRate) {
        step(noiseMultiplier, sampleRate, 1);
    }

    /**
     * Records {@code steps} steps with the same σ and q.
     *
     * @param noiseMultiplier σ (positive)
     * @param sampleRate q, in (0, 1]
     * @param steps how many steps, at least one
     * @throws IllegalArgumentException if an argument is out of range or NaN
     */
    void step(double noiseMultiplier, double sampleRate, long steps);

    /**
     * The privacy spent so far: the smallest ε this accountant can certify at {@code delta}
     * (0 before any step).
     *
     * @param delta δ, in (0, 1)
     * @return ε
     * @throws IllegalArgumentException if δ is out of range or NaN
     */
    double getEpsilon(double delta);

    /**
     * The accounting mechanism's name, as Opacus names it: {@code "rdp"} or {@code "prv"}.
     *
     * @return the name
     */
    String mechanism();

    /**
     * A new, empty accountant for a mechanism named as Opacus names it.
     *
     * @param mechanism {@code "rdp"} (Rényi DP) or {@code "prv"} (privacy random variables,
     *     Opacus's default)
     * @return the accountant
     * @throws IllegalArgumentException if the mechanism is neither
     */
    static PrivacyAccountant create(String mechanism) {
        String name = mechanism == null ? "" : mechanism.toLowerCase(Locale.ROOT);
        switch (name) {
            case "rdp":
                return new RdpAccountant();
            case "prv":
                return new PrvAccountant();
            default:
                throw new IllegalArgumentException(
                        "unknown accounting mechanism '" + mechanism + "' (expected rdp or prv)");
        }
    }
}
