package io.github.sgdlab.benchmark;

import java.util.Arrays;

/**
 * The settings every in-process benchmark's builder shares: the batch size n, the MLP's widths,
 * and how many runs are timed after how many untimed ones. Each benchmark's builder extends it
 * with its own settings and its own defaults.
 *
 * @param <B> the builder itself, so that the setters chain
 */
public abstract class BenchmarkBuilder<B extends BenchmarkBuilder<B>> {

    /** n, the batch size, at least 1. */
    final int samples;
    /** The MLP's widths, input first. */
    int[] layers;
    /** Timed runs, at least 1. */
    int repeat = 20;
    /** Untimed runs first, at least 0. */
    int warmUp;

    /**
     * Starts with a benchmark's defaults.
     *
     * @param samples n, already checked ({@link #checkSamples})
     * @param layers the default widths
     * @param warmUp the default number of warm-up runs
     */
    BenchmarkBuilder(int samples, int[] layers, int warmUp) {
        this.samples = samples;
        this.layers = layers.clone();
        this.warmUp = warmUp;
    }

    /**
     * Checks n before a (final) builder is constructed, so that no partly built builder exists.
     *
     * @param samples n
     * @return n, at least 1
     * @throws IllegalArgumentException if n is below 1
     */
    static int checkSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
        return samples;
    }

    /**
     * Sets the MLP's layer widths, input first.
     *
     * @param layers at least two positive widths
     * @return this builder
     */
    public B optLayers(int... layers) {
        if (layers.length < 2 || Arrays.stream(layers).anyMatch(w -> w < 1)) {
            throw new IllegalArgumentException("layers must be at least two positive "
                    + "widths, input first, got " + Arrays.toString(layers));
        }
        this.layers = layers.clone();
        return self();
    }

    /**
     * Sets how many runs are timed; 20 by default.
     *
     * @param repeat at least 1
     * @return this builder
     */
    public B optRepeat(int repeat) {
        if (repeat < 1) {
            throw new IllegalArgumentException("repeat must be at least 1, got " + repeat);
        }
        this.repeat = repeat;
        return self();
    }

    /**
     * Sets how many untimed runs come first.
     *
     * @param warmUp at least 0
     * @return this builder
     */
    public B optWarmUp(int warmUp) {
        if (warmUp < 0) {
            throw new IllegalArgumentException("warm-up must be at least 0, got " + warmUp);
        }
        this.warmUp = warmUp;
        return self();
    }

    /**
     * This builder as its own type.
     *
     * @return this
     */
    abstract B self();
}
