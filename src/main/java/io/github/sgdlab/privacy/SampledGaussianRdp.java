package io.github.sgdlab.privacy;


/**
 * The Rényi DP of the sampled Gaussian mechanism at one order (Mironov, Talwar &amp; Zhang 2019,
 * section 3.3), computed operation for operation as Opacus's {@code analysis/rdp.py} computes it
 * — the same sums in log space, in the same order, with the same stopping rule, and the same
 * functions: scipy's binom and log_ndtr ({@link ScipyBinom}, {@link Faddeeva}) and glibc's exp and
 * log ({@link GlibcExp}, {@link GlibcLog}) — so that the two agree to the last bit (7788 of the
 * 7791 golden orders): for a small sampling rate the result is a small difference of large terms,
 * and one ulp of one term can show in the seventh digit.
 */
final class SampledGaussianRdp {

    private static final double LOG_HALF = GlibcLog.log(0.5);
    private static final double LOG_TWO = GlibcLog.log(2);
    private static final double SQRT_TWO = Math.sqrt(2);

    /** A bound on the fractional-order series, which Opacus runs until its terms are below e⁻³⁰. */
    private static final int MAX_TERMS = 10_000_000;

    private SampledGaussianRdp() {}

    /** RDP of one step at order {@code alpha} (Opacus's {@code _compute_rdp}). */
    static double rdp(double q, double sigma, double alpha) {
        if (q == 1.0) {
            return alpha / (2 * (sigma * sigma));
        }
        if (Double.isInfinite(alpha)) {
            return Double.POSITIVE_INFINITY;
        }
        return logA(q, sigma, alpha) / (alpha - 1);
    }

    /** log A_α, for integer or fractional α. */
    static double logA(double q, double sigma, double alpha) {
        if (alpha == Math.rint(alpha) && alpha < Integer.MAX_VALUE) {
            return logAIntegerOrder(q, sigma, (int) alpha);
        }
        return logAFractionalOrder(q, sigma, alpha);
    }

    private static double logAIntegerOrder(double q, double sigma, int alpha) {
        double logA = Double.NEGATIVE_INFINITY;
        double twoSigmaSquared = 2 * (sigma * sigma);
        for (int i = 0; i <= alpha; i++) {
            double logCoef = GlibcLog.log(ScipyBinom.binom(alpha, i)) + i * GlibcLog.log(q)
                    + (alpha - i) * GlibcLog.log(1 - q);
            double s = logCoef + ((double) ((long) i * i - i)) / twoSigmaSquared;
            logA = logAdd(logA, s);
        }
        return logA;
    }

    private static double logAFractionalOrder(double q, double sigma, double alpha) {
        double logA0 = Double.NEGATIVE_INFINITY;
        double logA1 = Double.NEGATIVE_INFINITY;
        double sigmaSquared = sigma * sigma;
        double z0 = sigmaSquared * GlibcLog.log(1 / q - 1) + 0.5;
        double logQ = GlibcLog.log(q);
        double log1MinusQ = GlibcLog.log(1 - q);
        double scale = SQRT_TWO * sigma;
        double coef;
        for (int i = 0; i < MAX_TERMS; i++) {
            // Opacus's special.binom(alpha, i), as scipy computes it (a beta function from i = 20).
            coef = ScipyBinom.binom(alpha, i);
            double logCoef = GlibcLog.log(Math.abs(coef));
            double j = alpha - i;

            double logT0 = logCoef + i * logQ + j * log1MinusQ;
            double logT1 = logCoef + j * logQ + i * log1MinusQ;

            double logE0 = LOG_HALF + logErfc((i - z0) / scale);
            double logE1 = LOG_HALF + logErfc((z0 - j) / scale);

            double logS0 = logT0 + ((double) ((long) i * i - i)) / (2 * sigmaSquared) + logE0;
            double logS1 = logT1 + (j * j - j) / (2 * sigmaSquared) + logE1;

            if (coef > 0) {
                logA0 = logAdd(logA0, logS0);
                logA1 = logAdd(logA1, logS1);
            } else {
                logA0 = logSub(logA0, logS0);
                logA1 = logSub(logA1, logS1);
            }
            if (Math.max(logS0, logS1) < -30) {
                break;
            }
        }
        return logAdd(logA0, logA1);
    }

    /**
     * log erfc(x), as Opacus's {@code _log_erfc}: {@code log 2 + log Φ(−x√2)}, with scipy's
     * {@code log_ndtr} ({@link Faddeeva}): one ulp of log Φ is tens of ulps of the sum.
     */
    static double logErfc(double x) {
        return LOG_TWO + Faddeeva.logNdtr(-x * SQRT_TWO);
    }

    /** log(e^x + e^y). */
    static double logAdd(double logX, double logY) {
        double a = Math.min(logX, logY);
        double b = Math.max(logX, logY);
        if (a == Double.NEGATIVE_INFINITY) {
            return b;
        }
        return Math.log1p(GlibcExp.exp(a - b)) + b; // glibc's exp, as Python's math.exp
    }

    /** log(e^x − e^y) for x ≥ y. */
    static double logSub(double logX, double logY) {
        if (logX < logY) {
            throw new ArithmeticException("The result of subtraction must be non-negative.");
        }
        if (logY == Double.NEGATIVE_INFINITY) {
            return logX;
        }
        if (logX == logY) {
            return Double.NEGATIVE_INFINITY;
        }
        double expm1 = Math.expm1(logX - logY);
        if (Double.isInfinite(expm1)) {
            return logX; // Python's math.expm1 overflows here, and Opacus returns log x
        }
        return GlibcLog.log(expm1) + logY;
    }
}
