package io.github.sgdlab.data;

import java.util.NoSuchElementException;

/**
 * The notebook's data set one sample at a time, in constant memory: the same values as
 * {@link LinearData#generate}, for sizes too large to hold, or to print as they are drawn.
 *
 * <p>numpy draws all n uniforms for {@code x1} before the n normals for {@code eps}. Two
 * generators on the same seed reproduce that stream without storing it: one draws {@code x1},
 * the other first skips the n uniforms and then draws {@code eps}.
 *
 * <p>Not thread-safe: one reader at a time.
 */
public final class LinearDataRows {

    private final long seed;
    private final int samples;
    private final RandomState x1Stream;
    private final RandomState epsStream;
    private int next;
    private double x1;
    private double eps;

    /**
     * Positions the two generators at the first sample.
     *
     * @param seed the seed, 0 to 2^32 - 1
     * @param samples how many samples, at least 1
     * @throws IllegalArgumentException if the seed or the size is out of range
     */
    public LinearDataRows(long seed, int samples) {
        LinearData.checkSamples(samples);
        this.seed = seed;
        this.samples = samples;
        this.x1Stream = new RandomState(seed);
        this.epsStream = new RandomState(seed);
        for (int i = 0; i < samples; i++) {
            epsStream.uniform(LinearData.X1_LOW, LinearData.X1_HIGH);
        }
    }

    /**
     * The seed the rows are drawn with.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * How many rows there are in all.
     *
     * @return n
     */
    public int samples() {
        return samples;
    }

    /**
     * Whether a row is left to draw.
     *
     * @return true until all n rows are drawn
     */
    public boolean hasNext() {
        return next < samples;
    }

    /**
     * Draws the next row; read it with {@link #x1()}, {@link #eps()} and {@link #y()}.
     *
     * @throws NoSuchElementException after the last row
     */
    public void advance() {
        if (!hasNext()) {
            throw new NoSuchElementException("all " + samples + " rows are drawn");
        }
        x1 = x1Stream.uniform(LinearData.X1_LOW, LinearData.X1_HIGH);
        eps = epsStream.randn();
        next++;
    }

    /**
     * The current row's feature.
     *
     * @return x1
     */
    public double x1() {
        return x1;
    }

    /**
     * The current row's noise.
     *
     * @return eps
     */
    public double eps() {
        return eps;
    }

    /**
     * The current row's target.
     *
     * @return {@code 3*x1 + 4 + eps}
     */
    public double y() {
        return LinearData.target(x1, eps);
    }
}
