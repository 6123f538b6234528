package io.github.sgdlab.descent;

/**
 * What {@link PrivateDescent#run} computed: the descent (θ*, every run with its trajectory) and
 * the privacy each run spent. Immutable.
 *
 * @param descent the runs; its maximum reference deviation is NaN (a private run has no
 *     plain-Java twin: its noise is the engine's)
 * @param settings C, σ, δ and the accountant
 * @param sampleRate q = B / n, each sample's probability of joining a batch
 * @param epsilons ε at δ per run, for the iterations that run took
 */
public record PrivateDescentResult(DescentResult descent, PrivateSettings settings,
        double sampleRate, double[] epsilons) {

    /**
     * Copies ε.
     *
     * @param descent the runs
     * @param settings the settings
     * @param sampleRate q
     * @param epsilons ε per run
     */
    public PrivateDescentResult {
        epsilons = epsilons.clone();
    }

    /**
     * ε at δ per run.
     *
     * @return a copy, in run order
     */
    @Override
    public double[] epsilons() {
        return epsilons.clone();
    }

    /**
     * How many iterations make an epoch under Poisson sampling: ⌊1/q⌋, as Opacus's.
     *
     * @return iterations per epoch
     */
    public int iterationsPerEpoch() {
        return (int) (1 / sampleRate);
    }
}
