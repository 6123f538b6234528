package io.github.sgdlab.cli;

import java.io.IOException;

/**
 * Runs the writing of result files, turning an I/O failure into an {@link OutputFailure}: the
 * one message {@code cannot write output: REASON} (e.g. {@code No space left on device}) and
 * exit code 3, whatever library the bytes went through.
 */
final class OutputWriting {

    private OutputWriting() {}

    /** Writing that may fail with an I/O error. */
    @FunctionalInterface
    interface Work {
        /**
         * Writes.
         *
         * @throws IOException if writing fails
         */
        void run() throws IOException;
    }

    /**
     * Runs the work.
     *
     * @param work what writes the files
     * @throws OutputFailure if it fails with an I/O error
     */
    static void run(Work work) {
        try {
            work.run();
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
    }

    /** Output work that gives a value. */
    @FunctionalInterface
    interface ValueWork<T> {
        /**
         * Does it.
         *
         * @return the value
         * @throws IOException if writing fails
         */
        T call() throws IOException;
    }

    /**
     * Does output work that gives a value; an {@link IOException} becomes the documented
     * output failure (exit 3, one line).
     *
     * @param work the work
     * @param <T> the value's type
     * @return its value
     */
    static <T> T call(ValueWork<T> work) {
        try {
            return work.call();
        } catch (IOException e) {
            throw new OutputFailure(e);
        }
    }
}
