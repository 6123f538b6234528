package io.github.sgdlab.benchmark;

import java.util.Arrays;

/**
 * The wall-clock times of repeated runs of one benchmark.
 *
 * @param minMs the fastest run, in milliseconds: the least disturbed by other load
 * @param medianMs the median run, in milliseconds (the mean of the middle two for an even count)
 * @param samples how many samples each run processed
 * @param repeats how many runs were timed
 */
public record Timing(double minMs, double medianMs, int samples, int repeats) {

    /**
     * Summarises run times.
     *
     * @param nanos each timed run's duration in nanoseconds
     * @param samples how many samples each run processed
     * @return the summary
     */
    public static Timing of(long[] nanos, int samples) {
        if (nanos.length == 0) {
            throw new IllegalArgumentException("no timed runs");
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        double median = sorted.length % 2 == 1
                ? sorted[middle]
                : (sorted[middle - 1] + sorted[middle]) / 2.0;
        return new Timing(sorted[0] / 1e6, median / 1e6, samples, sorted.length);
    }

    /**
     * The median time per sample.
     *
     * @return microseconds per sample
     */
    public double usPerSample() {
        return medianMs * 1000 / samples;
    }
}
