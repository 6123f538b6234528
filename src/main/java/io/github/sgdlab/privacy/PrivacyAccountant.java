package io.github.sgdlab.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * TEMP placeholder (drop at merge): the privacy branch owns the real interface and its
 * accountants. This stand-in has the contract's signatures only; {@link #create} returns an
 * accountant that records its history and cannot compute epsilon.
 */
public interface PrivacyAccountant {

    /**
     * Records one step.
     *
     * @param noiseMultiplier sigma
     * @param sampleRate q
     */
    void step(double noiseMultiplier, double sampleRate);

    /**
     * Records several steps.
     *
     * @param noiseMultiplier sigma
     * @param sampleRate q
     * @param steps how many
     */
    void step(double noiseMultiplier, double sampleRate, long steps);

    /**
     * Epsilon spent.
     *
     * @param delta delta
     * @return epsilon
     */
    double getEpsilon(double delta);

    /**
     * An accountant by name.
     *
     * @param mechanism "rdp" or "prv"
     * @return a placeholder accountant
     */
    static PrivacyAccountant create(String mechanism) {
        if (!"rdp".equals(mechanism) && !"prv".equals(mechanism)) {
            throw new IllegalArgumentException("unknown accountant '" + mechanism + "'");
        }
        return new PrivacyAccountant() {
            private final List<double[]> history = new ArrayList<>();

            @Override
            public void step(double noiseMultiplier, double sampleRate) {
                step(noiseMultiplier, sampleRate, 1);
            }

            @Override
            public void step(double noiseMultiplier, double sampleRate, long steps) {
                history.add(new double[] {noiseMultiplier, sampleRate, steps});
            }

            @Override
            public double getEpsilon(double delta) {
                throw new UnsupportedOperationException("placeholder accountant");
            }
        };
    }
}
