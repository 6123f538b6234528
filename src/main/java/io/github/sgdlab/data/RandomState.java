package io.github.sgdlab.data;

/**
 * A port of the part of numpy's legacy {@code numpy.random.RandomState} that the notebook uses:
 * {@code np.random.seed(int)}, {@code uniform(low, high, n)}, {@code randn(n)} and
 * {@code permutation(n)}.
 *
 * <p>Uniform draws equal numpy's bit for bit for every seed. Normal draws use numpy's legacy polar
 * method, including the second value it caches for the next call, and the very C library
 * {@code log} numpy calls, bound through JNA; that makes them bit-exact too. Where the C library
 * cannot be bound (or {@code -Dsgdlab.log=java} asks for it), {@link Math#log} stands in and a
 * few normals in ten thousand differ from numpy's in their last bits (the measured shares are
 * in {@code src/site/markdown/notebook.md}, "Matching numpy").
 *
 * <p>Not thread-safe: give each thread its own instance.
 */
public final class RandomState {

    /** The largest seed {@code np.random.seed} accepts: 2^32 - 1. */
    public static final long MAX_SEED = 0xffffffffL;

    private final Mt19937 mt;
    private boolean hasGauss;
    private double gauss;

    /**
     * Creates a generator in the state {@code np.random.seed(seed)} leaves.
     *
     * @param seed the seed, from 0 to 2^32 - 1 as numpy requires
     * @throws IllegalArgumentException if the seed lies outside that range
     */
    public RandomState(long seed) {
        checkSeed(seed);
        this.mt = new Mt19937(seed);
    }

    /**
     * Checks a seed the way numpy's legacy seeding does.
     *
     * @param seed the seed to check
     * @throws IllegalArgumentException if {@code seed} is not in 0..2^32-1
     */
    public static void checkSeed(long seed) {
        if (seed < 0 || seed > MAX_SEED) {
            throw new IllegalArgumentException(
                    "seed must be between 0 and 2**32 - 1 (4294967295), got " + seed);
        }
    }

    /**
     * Mirrors {@code RandomState.uniform(low, high, size)}: {@code low + (high - low) * u} for
     * each draw {@code u} in [0, 1).
     *
     * @param low the lower bound
     * @param high the upper bound
     * @param size how many values to draw
     * @return {@code size} new values
     */
    public double[] uniform(double low, double high, int size) {
        checkSize(size);
        double range = high - low;
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = low + range * mt.nextDouble();
        }
        return out;
    }

    /**
     * Mirrors {@code RandomState.uniform(low, high)} with no size: one value, drawn as each value
     * of {@link #uniform(double, double, int)} is, so that n single draws equal one draw of n.
     *
     * @param low the lower bound
     * @param high the upper bound
     * @return a new value
     */
    public double uniform(double low, double high) {
        return low + (high - low) * mt.nextDouble();
    }

    /**
     * Mirrors {@code RandomState.randn()} with no size: one standard normal value, drawn as each
     * value of {@link #randn(int)} is.
     *
     * @return a new value
     */
    public double randn() {
        return legacyGauss();
    }

    /**
     * Mirrors {@code RandomState.randn(size)}: standard normal values by numpy's
     * {@code legacy_gauss}.
     *
     * @param size how many values to draw
     * @return {@code size} new values
     */
    public double[] randn(int size) {
        checkSize(size);
        double[] out = new double[size];
        for (int i = 0; i < size; i++) {
            out[i] = legacyGauss();
        }
        return out;
    }

    /**
     * Mirrors {@code RandomState.permutation(n)}: {@code arr = np.arange(n)}, then the legacy
     * {@code shuffle(arr)}, bit for bit.
     *
     * <p>numpy's legacy shuffle is a Fisher-Yates shuffle from the back: for {@code i} from
     * {@code n - 1} down to 1 it swaps {@code arr[i]} with {@code arr[j]},
     * {@code j = random_interval(i)} (see {@link #randomInterval}).
     *
     * @param n how many indices, at least 0
     * @return a permutation of {@code 0 .. n-1}
     * @throws IllegalArgumentException if {@code n} is negative
     */
    public int[] permutation(int n) {
        checkSize(n);
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = i;
        }
        for (int i = n - 1; i >= 1; i--) {
            int j = randomInterval(i);
            int swap = out[i];
            out[i] = out[j];
            out[j] = swap;
        }
        return out;
    }

    /**
     * Mirrors numpy's {@code random_interval(bitgen, max)} in {@code distributions.c} for
     * {@code max < 2^32}: draws 32-bit words masked to the smallest all-ones mask covering
     * {@code max} and rejects those above {@code max}.
     *
     * @param max the largest value to return, at least 0
     * @return a uniform integer in {@code 0 .. max}
     */
    private int randomInterval(int max) {
        if (max == 0) {
            return 0;
        }
        int mask = max;
        mask |= mask >>> 1;
        mask |= mask >>> 2;
        mask |= mask >>> 4;
        mask |= mask >>> 8;
        mask |= mask >>> 16;
        int value;
        // The mask is below 2^31, so the masked word is a non-negative int.
        do {
            value = mt.next32() & mask;
        } while (value > max);
        return value;
    }

    /**
     * Mirrors {@code legacy_gauss}: the Marsaglia polar method, which makes two normals per
     * accepted pair and keeps the second for the next call.
     */
    private double legacyGauss() {
        if (hasGauss) {
            hasGauss = false;
            double cached = gauss;
            gauss = 0.0;
            return cached;
        }
        double x1;
        double x2;
        double r2;
        do {
            x1 = 2.0 * mt.nextDouble() - 1.0;
            x2 = 2.0 * mt.nextDouble() - 1.0;
            r2 = x1 * x1 + x2 * x2;
        } while (r2 >= 1.0 || r2 == 0.0);
        double f = Math.sqrt(-2.0 * CLibraryLog.ln(r2) / r2);
        gauss = f * x1;
        hasGauss = true;
        return f * x2;
    }

    private static void checkSize(int size) {
        if (size < 0) {
            throw new IllegalArgumentException("size must not be negative, got " + size);
        }
    }
}
