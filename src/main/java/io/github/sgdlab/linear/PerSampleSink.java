package io.github.sgdlab.linear;

/**
 * Receives per-sample gradients chunk by chunk, in sample order: how the autograd paths hand
 * out n gradient vectors without ever holding all of them (a CSV writer, a running mean).
 */
@FunctionalInterface
public interface PerSampleSink {

    /** A sink that drops every chunk. */
    PerSampleSink NONE = (from, m, gradients) -> { };

    /**
     * Takes one chunk.
     *
     * @param from the index of the chunk's first sample
     * @param m how many samples the chunk holds
     * @param gradients {@code gradients[j][i]}: ∂loss_(from+i)/∂θj for {@code i < m}; the arrays
     *     are reused for the next chunk, so copy what must outlive the call
     */
    void accept(int from, int m, double[][] gradients);

    /**
     * This sink, then another, for each chunk.
     *
     * @param next the sink that gets each chunk second
     * @return a sink feeding both
     */
    default PerSampleSink andThen(PerSampleSink next) {
        return (from, m, gradients) -> {
            accept(from, m, gradients);
            next.accept(from, m, gradients);
        };
    }
}
