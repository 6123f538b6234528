package io.github.sgdlab.data;

/**
 * The Mersenne Twister MT19937 exactly as numpy's {@code mt19937.c} implements it for the legacy
 * {@code RandomState}: seeded from one 32-bit integer, producing 32-bit words and 53-bit doubles.
 *
 * <p>Not thread-safe: one generator belongs to one thread, as a numpy {@code RandomState} without
 * its lock would.
 */
final class Mt19937 {

    private static final int N = 624;
    private static final int M = 397;
    private static final int MATRIX_A = 0x9908b0df;
    private static final int UPPER_MASK = 0x80000000;
    private static final int LOWER_MASK = 0x7fffffff;

    private final int[] key = new int[N];
    private int pos;

    /**
     * Seeds the state as numpy's {@code mt19937_seed} does (Knuth's linear initialisation).
     *
     * @param seed the seed, already checked to lie in 0..2^32-1; its low 32 bits are used
     */
    Mt19937(long seed) {
        int s = (int) seed;
        for (int i = 0; i < N; i++) {
            key[i] = s;
            // Java's int arithmetic wraps modulo 2^32, which is the C code's "& 0xffffffffUL".
            s = 1812433253 * (s ^ (s >>> 30)) + i + 1;
        }
        pos = N;
    }

    /** Mirrors {@code mt19937_gen}: refills the whole state block of 624 words. */
    private void generate() {
        int y;
        int i;
        for (i = 0; i < N - M; i++) {
            y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + M] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        for (; i < N - 1; i++) {
            y = (key[i] & UPPER_MASK) | (key[i + 1] & LOWER_MASK);
            key[i] = key[i + (M - N)] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        }
        y = (key[N - 1] & UPPER_MASK) | (key[0] & LOWER_MASK);
        key[N - 1] = key[M - 1] ^ (y >>> 1) ^ (-(y & 1) & MATRIX_A);
        pos = 0;
    }

    /**
     * Mirrors {@code mt19937_next32}: the next tempered 32-bit word.
     *
     * @return the word as an unsigned value in an {@code int}'s bits
     */
    int next32() {
        if (pos == N) {
            generate();
        }
        int y = key[pos++];
        y ^= (y >>> 11);
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= (y >>> 18);
        return y;
    }

    /**
     * Mirrors {@code mt19937_next_double}: a double in [0, 1) from 27 + 26 random bits.
     *
     * @return a uniformly distributed double on a 2^-53 grid
     */
    double nextDouble() {
        long a = (next32() >>> 5) & 0xffffffffL;
        long b = (next32() >>> 6) & 0xffffffffL;
        return (a * 67108864.0 + b) / 9007199254740992.0;
    }
}
