package io.github.sgdlab.descent;

import io.github.sgdlab.data.RandomState;

/**
 * The order in which one run visits the samples, epoch by epoch: for full batch always
 * {@code 0 .. n-1}; otherwise a fresh {@code permutation(n)} each epoch from the run's own
 * {@code RandomState(shuffle_seed + r)}, numpy's legacy permutation bit for bit.
 *
 * <p>One per run; not thread-safe.
 */
final class EpochOrder {

    private final int samples;
    private final RandomState random;

    /**
     * Prepares a run's orders.
     *
     * @param config the configuration
     * @param run the run, 0-based
     */
    EpochOrder(DescentConfig config, int run) {
        this.samples = config.data().samples();
        this.random = config.method().shuffles()
                ? new RandomState(config.shuffleSeed(run)) : null;
    }

    /**
     * The next epoch's order of sample indices; consecutive slices of it make the iterations.
     *
     * @return a permutation of {@code 0 .. n-1}
     */
    int[] next() {
        if (random != null) {
            return random.permutation(samples);
        }
        int[] identity = new int[samples];
        for (int i = 0; i < samples; i++) {
            identity[i] = i;
        }
        return identity;
    }
}
