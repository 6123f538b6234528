package io.github.sgdlab.privacy;

/** TEMP placeholder (drop at merge): the privacy branch owns the real noise search. */
public final class NoiseMultiplier {

    private NoiseMultiplier() {}

    /**
     * The noise multiplier that reaches a target epsilon.
     *
     * @param targetEpsilon epsilon
     * @param delta delta
     * @param sampleRate q
     * @param steps steps
     * @param mechanism "rdp" or "prv"
     * @return sigma
     */
    public static double find(double targetEpsilon, double delta, double sampleRate, long steps,
            String mechanism) {
        throw new UnsupportedOperationException("placeholder noise search");
    }
}
