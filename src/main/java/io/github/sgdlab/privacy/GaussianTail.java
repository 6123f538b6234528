package io.github.sgdlab.privacy;

/**
 * The complementary error function, to within a few units in the last place over the whole real
 * line: the JDK has no {@code erfc}, and the PRV accountant needs it in the far tails. (The RDP
 * series takes scipy's {@code log_ndtr} bit for bit from {@link Faddeeva} instead.)
 *
 * <p>Method (written for this package, no library ported): the scaled function
 * {@code erfcx(x) = exp(x²) erfc(x)} for {@code x ≥ 0} is Laplace's continued fraction
 * {@code 1/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …))))}, evaluated backwards, which in double
 * precision is accurate to an ulp or two once enough terms are taken. That is cheap for large
 * {@code x} only, so on {@code [1/2, 10)} the class tabulates, at start-up, the continued fraction
 * at centres 1/16 apart (2000 terms each) and their Taylor coefficients from the function's
 * differential equation {@code y' = 2xy − 2/√π}; an evaluation is then one Horner sum of 16
 * terms at a distance of at most 1/32. Below 1/2, {@code erfc = 1 − erf} with erf's Maclaurin
 * series (no cancellation to speak of there).
 */
final class GaussianTail {

    /** 1/√π. */
    private static final double INV_SQRT_PI = 0.5641895835477563;

    /** 2/√π. */
    private static final double TWO_OVER_SQRT_PI = 1.1283791670955126;

    /** The tabulated range: centres k/16 for k in [8, 160]. */
    private static final int FIRST_CENTRE = 8;
    private static final int LAST_CENTRE = 160;
    private static final int DEGREE = 16;

    /** Taylor coefficients of erfcx at each centre, {@code DEGREE + 1} per centre. */
    private static final double[] TAYLOR = taylorTable();

    private GaussianTail() {}

    /**
     * The scaled complementary error function {@code exp(x²) erfc(x)} for {@code x ≥ 0}.
     *
     * @param x a non-negative number
     * @return erfcx(x)
     */
    static double erfcx(double x) {
        if (x < 0.5) {
            return Math.exp(x * x) * (1.0 - erfSeries(x));
        }
        if (x < LAST_CENTRE / 16.0 - 1.0 / 32.0) {
            int k = (int) Math.rint(x * 16.0);
            double h = x - k / 16.0;
            int base = (k - FIRST_CENTRE) * (DEGREE + 1);
            double sum = TAYLOR[base + DEGREE];
            for (int n = DEGREE - 1; n >= 0; n--) {
                sum = sum * h + TAYLOR[base + n];
            }
            return sum;
        }
        if (x == Double.POSITIVE_INFINITY) {
            return 0.0;
        }
        // Twenty terms give full precision from x = 10 on.
        return continuedFraction(x, 24);
    }

    /**
     * The complementary error function.
     *
     * @param x any number
     * @return erfc(x), in [0, 2]
     */
    static double erfc(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        if (x < 0) {
            return 2.0 - erfc(-x);
        }
        if (x < 0.5) {
            return 1.0 - erfSeries(x);
        }
        if (x > 27.3) {
            return 0.0; // below the smallest subnormal
        }
        // exp(-x²) with x² split into its rounded value and the rounding error, so the large
        // exponent costs no accuracy.
        double p = x * x;
        double e = Math.fma(x, x, -p);
        return erfcx(x) * Math.exp(-p) * (1.0 - e);
    }

    /** erf(x) for 0 ≤ x < 1/2 from its Maclaurin series. */
    private static double erfSeries(double x) {
        double x2 = x * x;
        double term = x;
        double sum = x;
        for (int n = 1; n < 40; n++) {
            term *= -x2 / n;
            double add = term / (2 * n + 1);
            sum += add;
            if (Math.abs(add) < 1e-17 * Math.abs(sum)) {
                break;
            }
        }
        return TWO_OVER_SQRT_PI * sum;
    }

    /** Laplace's continued fraction for erfcx, {@code terms} deep, evaluated from the bottom. */
    private static double continuedFraction(double x, int terms) {
        double f = x;
        for (int n = terms; n > 0; n--) {
            f = x + (n * 0.5) / f;
        }
        return INV_SQRT_PI / f;
    }

    /** Taylor coefficients a_n = y⁽ⁿ⁾(c)/n! of erfcx at each centre c. */
    private static double[] taylorTable() {
        int centres = LAST_CENTRE - FIRST_CENTRE + 1;
        double[] table = new double[centres * (DEGREE + 1)];
        for (int k = FIRST_CENTRE; k <= LAST_CENTRE; k++) {
            double c = k / 16.0;
            int base = (k - FIRST_CENTRE) * (DEGREE + 1);
            // y' = 2xy - 2/√π: (n+1) a_{n+1} = 2c a_n + 2 a_{n-1}, a_1 = 2c a_0 - 2/√π.
            double a0 = continuedFraction(c, 2000);
            table[base] = a0;
            table[base + 1] = 2 * c * a0 - TWO_OVER_SQRT_PI;
            for (int n = 1; n < DEGREE; n++) {
                table[base + n + 1] = (2 * c * table[base + n] + 2 * table[base + n - 1]) / (n + 1);
            }
        }
        return table;
    }
}
