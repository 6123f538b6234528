package io.github.sgdlab.cli;

/** Checks on command-line values that the library's own checks do not cover. */
final class Inputs {

    private Inputs() {}

    /**
     * Rejects sample counts outside 1..max.
     *
     * @param samples the requested count
     * @param max the command's limit
     * @throws IllegalArgumentException if out of range
     */
    static void checkSamples(int samples, int max) {
        if (samples < 1 || samples > max) {
            throw new IllegalArgumentException(
                    "--samples must be between 1 and " + max + ", got " + samples);
        }
    }
}
