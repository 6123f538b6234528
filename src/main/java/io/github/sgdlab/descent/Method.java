package io.github.sgdlab.descent;

/** How many samples each iteration's gradient averages over. */
public enum Method implements LowerCaseId {

    /** Full batch: every iteration uses all n samples; one iteration per epoch, no shuffling. */
    FULL,

    /** Stochastic: each epoch shuffles the samples and takes one iteration per sample. */
    SGD,

    /**
     * Mini-batch: each epoch shuffles the samples and cuts the permutation into consecutive
     * slices of the batch size (the last may be shorter), one iteration per slice.
     */
    MINIBATCH;

    /**
     * How many samples one iteration averages over, given the configured batch size.
     *
     * @param samples n
     * @param batch the mini-batch size B
     * @return n for full batch, 1 for SGD, B for mini-batch
     */
    public int sliceSize(int samples, int batch) {
        return switch (this) {
            case FULL -> samples;
            case SGD -> 1;
            case MINIBATCH -> batch;
        };
    }

    /**
     * Whether each epoch draws a permutation of the samples.
     *
     * @return false for full batch, true otherwise
     */
    public boolean shuffles() {
        return this != FULL;
    }
}
