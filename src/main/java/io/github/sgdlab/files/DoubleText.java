package io.github.sgdlab.files;

import java.math.BigInteger;

/**
 * The project's one policy for doubles in text: every double any output writes (CSV, JSON,
 * golden snapshots, the console) is the shortest decimal that parses back to the same bits, in
 * {@link Double#toString}'s notation ({@code 0.1}, {@code 1.0E23}, {@code 5.0E-324}).
 *
 * <p>JDK 17's {@link Double#toString} always parses back to the same double, but is not always
 * the shortest such text nor the closest among equally short ones (JDK-4511638, fixed in JDK 19):
 * {@code 1.0E23} prints as {@code 9.999999999999999E22} and {@code 2.0E23} as
 * {@code 1.9999999999999998E23}. This class computes the decimal with Raffaello Giulietti's
 * Schubfach algorithm (R. Giulietti, "The Schubfach way to render doubles", 2020), ported from
 * JDK 19's {@code jdk.internal.math.DoubleToDecimal}, the code behind JDK 19+'s
 * {@code Double.toString}: the shortest decimal that rounds to the double, and among those the
 * closest to it (ties to an even last digit), in integer arithmetic with one 126-bit power of
 * ten per exponent, so it costs about what {@code Double.toString} does.
 *
 * <p>One deliberate difference from JDK 19+: where the shortest decimal has one digit, JDK 19+
 * writes the closest of one or two digits ({@code 4.9E-324} for {@link Double#MIN_VALUE}); this
 * class writes the shortest ({@code 5.0E-324}), as Python's {@code repr} does ({@code 5e-324}).
 * That happens for a few of the smallest subnormals only.
 */
public final class DoubleText {

    /** Precision in bits, and the exponent field's width. */
    private static final int P = 53;
    private static final int W = 11;
    /** The smallest exponent q of a double c·2^q with an integer c. */
    private static final int Q_MIN = -1074;
    private static final long C_MIN = 1L << (P - 1);
    private static final int BQ_MASK = (1 << W) - 1;
    private static final long T_MASK = (1L << (P - 1)) - 1;
    /** Subnormal significands below this get one more digit of precision (dk = −1). */
    private static final long C_TINY = 3;
    private static final long MASK_63 = (1L << 63) - 1;
    /** The range of k = ⌊log10 2^q⌋ (and of the ¾ variant) over the doubles. */
    private static final int K_MIN = -324;
    private static final int K_MAX = 292;
    /** g1(k), g0(k) interleaved: see {@link #table()}. */
    private static final long[] G = table();

    private DoubleText() {}

    /**
     * The shortest text that parses back to {@code x}.
     *
     * @param x any double; NaN and the infinities are written as {@link Double#toString} does
     * @return e.g. {@code 1.0E23} for {@code 1e23}, {@code 0.1} for {@code 0.1}
     */
    public static String of(double x) {
        long bits = Double.doubleToRawLongBits(x);
        long t = bits & T_MASK;
        int bq = (int) (bits >>> (P - 1)) & BQ_MASK;
        if (bq == BQ_MASK || (bq == 0 && t == 0)) {
            return Double.toString(x);
        }
        boolean negative = bits < 0;
        if (bq != 0) {
            // A normal value c·2^q, with mq = −q.
            int mq = -Q_MIN + 1 - bq;
            long c = C_MIN | t;
            // An integer below 2^53: its digits are the shortest text (Schubfach §8.3).
            if (0 < mq && mq < P) {
                long f = c >> mq;
                if (f << mq == c) {
                    return text(negative, f, 0);
                }
            }
            return decimal(negative, -mq, c, 0);
        }
        return t < C_TINY ? decimal(negative, Q_MIN, 10 * t, -1)
                : decimal(negative, Q_MIN, t, 0);
    }

    /**
     * {@code x} as a {@link Number} whose {@link Object#toString} is {@link #of(double)}: for JSON
     * libraries that write a number's text as it stands (Gson writes {@code toString()}).
     *
     * @param x a finite double
     * @return the number
     */
    public static Number number(double x) {
        return new RoundTrip(x);
    }

    /**
     * Schubfach proper, for the positive value c·2^q·10^dk: finds the decimal s·10^k or
     * s·10^(k+1) to write. The rounding interval of c·2^q is scaled by 10^−k (k chosen so that
     * the interval is at most 10^(k+1) wide, hence holds at most one multiple of 10^(k+1)) and
     * 4 (two fraction bits), each end computed by {@link #rop} with a sticky bit.
     */
    private static String decimal(boolean negative, int q, long c, int dk) {
        int out = (int) c & 0x1;
        long cb = c << 2;
        long cbr = cb + 2;
        long cbl;
        int k;
        if (c != C_MIN || q == Q_MIN) {
            cbl = cb - 2;
            k = flog10pow2(q);
        } else {
            // A power of two: the interval below is half as wide as the one above.
            cbl = cb - 1;
            k = flog10threeQuartersPow2(q);
        }
        int h = q + flog2pow10(-k) + 2;
        long g1 = G[(k - K_MIN) << 1];
        long g0 = G[(k - K_MIN) << 1 | 1];
        long vb = rop(g1, g0, cb << h);
        long vbl = rop(g1, g0, cbl << h);
        long vbr = rop(g1, g0, cbr << h);

        long s = vb >> 2;
        // JDK 19 tries one digit less only from s ≥ 100 (it wants two digits at least, and so
        // never gets here with dk = −1); the shortest may have one digit, so from s ≥ 10.
        if (s >= 10) {
            long sp10 = s / 10 * 10;
            long tp10 = sp10 + 10;
            boolean upin = vbl + out <= sp10 << 2;
            boolean wpin = (tp10 << 2) + out <= vbr;
            if (upin != wpin) {
                return text(negative, upin ? sp10 : tp10, k + dk);
            }
        }
        long t = s + 1;
        boolean uin = vbl + out <= s << 2;
        boolean win = (t << 2) + out <= vbr;
        if (uin != win) {
            return text(negative, uin ? s : t, k + dk);
        }
        // Both s and s + 1 lie inside: the closer, ties to even.
        long cmp = vb - ((s + t) << 1);
        return text(negative, cmp < 0 || cmp == 0 && (s & 0x1) == 0 ? s : t, k + dk);
    }

    /** ⌊g·cp·2^−127⌋ with its last bit set when the rest is not zero (round to odd). */
    private static long rop(long g1, long g0, long cp) {
        long x1 = Math.multiplyHigh(g0, cp);
        long y0 = g1 * cp;
        long y1 = Math.multiplyHigh(g1, cp);
        long z = (y0 >>> 1) + x1;
        long vbp = y1 + (z >>> 63);
        return vbp | ((z & MASK_63) + MASK_63) >>> 63;
    }

    /** ⌊log10 2^q⌋, exact for |q| ≤ 5456721. */
    private static int flog10pow2(int q) {
        return (int) (q * 661_971_961_083L >> 41);
    }

    /** ⌊log10 (¾·2^q)⌋, exact for |q| ≤ 5456721. */
    private static int flog10threeQuartersPow2(int q) {
        return (int) (q * 661_971_961_083L + -274_743_187_321L >> 41);
    }

    /** ⌊log2 10^e⌋, exact for |e| ≤ 1838394. */
    private static int flog2pow10(int e) {
        return (int) (e * 913_124_641_741L >> 38);
    }

    /**
     * For each k in [K_MIN, K_MAX]: 10^−k = β·2^r with 2^125 ≤ β &lt; 2^126, g = ⌊β⌋ + 1, split
     * into its high 63 bits g1 and low 63 bits g0. Computed once with BigInteger (JDK 19 keeps
     * the same 1,234 numbers as a literal table).
     */
    private static long[] table() {
        long[] g = new long[(K_MAX - K_MIN + 1) * 2];
        BigInteger low63 = BigInteger.ONE.shiftLeft(63).subtract(BigInteger.ONE);
        for (int k = K_MIN; k <= K_MAX; k++) {
            int e = -k;
            int r = flog2pow10(e) - 125;
            BigInteger beta;
            if (e >= 0) {
                BigInteger pow = BigInteger.TEN.pow(e);
                beta = r >= 0 ? pow.shiftRight(r) : pow.shiftLeft(-r);
            } else {
                beta = BigInteger.ONE.shiftLeft(-r).divide(BigInteger.TEN.pow(-e));
            }
            BigInteger value = beta.add(BigInteger.ONE);
            g[(k - K_MIN) << 1] = value.shiftRight(63).longValueExact();
            g[(k - K_MIN) << 1 | 1] = value.and(low63).longValueExact();
        }
        return g;
    }

    /**
     * f·10^e in {@link Double#toString}'s layout: plain for 10^−3 ≤ |x| &lt; 10^7 with at least
     * one digit after the point, else d.ddd E exponent.
     */
    private static String text(boolean negative, long f, int e) {
        while (f % 10 == 0) {
            f /= 10;
            e++;
        }
        char[] digits = new char[19];
        int n = 0;
        for (long rest = f; rest != 0; rest /= 10) {
            digits[n++] = (char) ('0' + rest % 10);
        }
        // digits holds the n digits backwards; the value is d1.d2…dn × 10^exponent.
        int exponent = e + n - 1;
        char[] buffer = new char[32];
        int at = 0;
        if (negative) {
            buffer[at++] = '-';
        }
        if (exponent >= -3 && exponent < 7) {
            if (exponent < 0) {
                buffer[at++] = '0';
                buffer[at++] = '.';
                for (int i = -1; i > exponent; i--) {
                    buffer[at++] = '0';
                }
                for (int i = n - 1; i >= 0; i--) {
                    buffer[at++] = digits[i];
                }
            } else {
                int point = exponent + 1;
                for (int i = 0; i < point; i++) {
                    buffer[at++] = i < n ? digits[n - 1 - i] : '0';
                }
                buffer[at++] = '.';
                if (n <= point) {
                    buffer[at++] = '0';
                } else {
                    for (int i = point; i < n; i++) {
                        buffer[at++] = digits[n - 1 - i];
                    }
                }
            }
        } else {
            buffer[at++] = digits[n - 1];
            buffer[at++] = '.';
            if (n == 1) {
                buffer[at++] = '0';
            }
            for (int i = n - 2; i >= 0; i--) {
                buffer[at++] = digits[i];
            }
            buffer[at++] = 'E';
            String exp = Integer.toString(exponent);
            for (int i = 0; i < exp.length(); i++) {
                buffer[at++] = exp.charAt(i);
            }
        }
        return new String(buffer, 0, at);
    }

    /** A double whose text is {@link DoubleText#of}. */
    private static final class RoundTrip extends Number {

        private static final long serialVersionUID = 1L;

        private final double value;

        RoundTrip(double value) {
            this.value = value;
        }

        @Override
        public int intValue() {
            return (int) value;
        }

        @Override
        public long longValue() {
            return (long) value;
        }

        @Override
        public float floatValue() {
            return (float) value;
        }

        @Override
        public double doubleValue() {
            return value;
        }

        @Override
        public String toString() {
            return of(value);
        }
    }
}
