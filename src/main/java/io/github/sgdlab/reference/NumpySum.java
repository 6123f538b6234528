package io.github.sgdlab.reference;

import java.util.function.IntToDoubleFunction;

/**
 * numpy's summation order for a contiguous float64 array ({@code pairwise_sum_DOUBLE} in
 * {@code loops_utils.h}), so that the reference reproduces {@code np.sum} and {@code np.mean}
 * to the last bit rather than only to within rounding error. Public so that other plain-Java
 * references (the descent lab's) sum as numpy does too.
 */
public final class NumpySum {

    /** numpy's {@code PW_BLOCKSIZE}: below it, eight interleaved running sums. */
    private static final int BLOCK = 128;

    /** numpy's unroll factor. */
    private static final int UNROLL = 8;

    private NumpySum() {}

    /**
     * {@code np.sum(values)}.
     *
     * @param values the terms
     * @return their sum, rounded as numpy rounds it
     */
    public static double sum(double[] values) {
        return pairwise(i -> values[i], 0, values.length);
    }

    /**
     * {@code np.sum} of n terms computed on demand, so that 10^7 terms need no array.
     *
     * @param term the i-th term, for i in [0, n)
     * @param n how many terms
     * @return their sum, rounded as numpy rounds it
     */
    static double sum(IntToDoubleFunction term, int n) {
        return pairwise(term, 0, n);
    }

    /**
     * {@code np.mean} of n terms computed on demand.
     *
     * @param term the i-th term, for i in [0, n)
     * @param n how many terms, at least 1
     * @return their mean
     */
    static double mean(IntToDoubleFunction term, int n) {
        return sum(term, n) / n;
    }

    /**
     * {@code np.mean(values)}: the numpy sum divided by the count.
     *
     * @param values the terms
     * @return their mean
     */
    public static double mean(double[] values) {
        return sum(values) / values.length;
    }

    private static double pairwise(IntToDoubleFunction a, int from, int n) {
        if (n < UNROLL) {
            double res = 0.0;
            for (int i = 0; i < n; i++) {
                res += a.applyAsDouble(from + i);
            }
            return res;
        }
        if (n <= BLOCK) {
            double[] r = new double[UNROLL];
            for (int j = 0; j < UNROLL; j++) {
                r[j] = a.applyAsDouble(from + j);
            }
            int i;
            for (i = UNROLL; i < n - (n % UNROLL); i += UNROLL) {
                for (int j = 0; j < UNROLL; j++) {
                    r[j] += a.applyAsDouble(from + i + j);
                }
            }
            double res = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]));
            for (; i < n; i++) {
                res += a.applyAsDouble(from + i);
            }
            return res;
        }
        // Halve, keeping the first half a multiple of the unroll factor, as numpy does.
        int half = n / 2;
        half -= half % UNROLL;
        return pairwise(a, from, half) + pairwise(a, from + half, n - half);
    }
}
