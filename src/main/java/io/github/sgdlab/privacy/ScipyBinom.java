package io.github.sgdlab.privacy;

/**
 * scipy's {@code special.binom(n, k)}, ported operation for operation. Why: Opacus's fractional-order
 * RDP ({@code _compute_log_a_for_frac_alpha} in {@code opacus/accountants/analysis/rdp.py}) takes
 * each coefficient from {@code scipy.special.binom(alpha, i)}, and from i = 20 on scipy evaluates
 * a beta function there, a few ulps from any recurrence; summed over thousands of terms those ulps
 * reached 4e-9 of the RDP. With this port the accountant gets scipy's coefficients to the last bit.
 *
 * <p>What it ports, from scipy 1.10.1 (the version the golden values come from; the code is
 * unchanged in today's xsf): {@code binom} ({@code scipy/special/orthogonal_eval.pxd}, now
 * {@code xsf/binom.h}) and the Cephes functions it reaches: {@code beta}, {@code lbeta},
 * {@code lbeta_asymp}, {@code beta_negint} ({@code cephes/beta.c}), {@code Gamma}, {@code stirf},
 * {@code lgam_sgn} ({@code cephes/gamma.c}), {@code rgamma} ({@code cephes/rgamma.c}) and
 * {@code polevl}/{@code p1evl} ({@code cephes/polevl.h}), constants copied digit for digit.
 * Cephes Math Library, Copyright 1984, 1995, 2000 Stephen L. Moshier, and scipy: BSD 3-Clause
 * License (see NOTICE).
 *
 * <p>The C library calls: {@code exp}, {@code log} and {@code pow} are glibc's ({@link GlibcExp},
 * {@link GlibcLog}, {@link GlibcPow}); {@code sin} is {@link Math}'s, which gave glibc's bits on
 * every argument the 6832 checked values reach (68 sines).
 */
final class ScipyBinom {
    /** cephes MAXGAM: the largest x with a finite Gamma(x). */
    private static final double MAXGAM = 171.624376956302725;
    /** cephes MAXLOG = log(DBL_MAX). */
    private static final double MAXLOG = 7.09782712893383996843E2;
    /** cephes beta.c ASYMP_FACTOR. */
    private static final double ASYMP_FACTOR = 1e6;
    private static final double LOGPI = 1.14472988584940017414;
    private static final double LS2PI = 0.91893853320467274178;
    private static final double MAXLGM = 2.556348e305;
    private static final double MAXSTIR = 143.01608;
    private static final double SQTPI = 2.50662827463100050242E0;

    private static final double[] P = {
        1.60119522476751861407E-4, 1.19135147006586384913E-3, 1.04213797561761569935E-2,
        4.76367800457137231464E-2, 2.07448227648435975150E-1, 4.94214826801497100753E-1,
        9.99999999999999996796E-1};
    private static final double[] Q = {
        -2.31581873324120129819E-5, 5.39605580493303397842E-4, -4.45641913851797240494E-3,
        1.18139785222060435552E-2, 3.58236398605498653373E-2, -2.34591795718243348568E-1,
        7.14304917030273074085E-2, 1.00000000000000000320E0};
    private static final double[] STIR = {
        7.87311395793093628397E-4, -2.29549961613378126380E-4, -2.68132617805781232825E-3,
        3.47222221605458667310E-3, 8.33333333333482257126E-2};
    private static final double[] A = {
        8.11614167470508450300E-4, -5.95061904284301438324E-4, 7.93650340457716943945E-4,
        -2.77777777730099687205E-3, 8.33333333333331927722E-2};
    private static final double[] B = {
        -1.37825152569120859100E3, -3.88016315134637840924E4, -3.31612992738871184744E5,
        -1.16237097492762307383E6, -1.72173700820839662146E6, -8.53555664245765465627E5};
    private static final double[] C = {
        -3.51815701436523470549E2, -1.70642106651881159223E4, -2.20528590553854454839E5,
        -1.13933444367982507207E6, -2.53252307177582951285E6, -2.01889141433532773231E6};

    private ScipyBinom() {
    }

    // The libm calls, in one place: glibc's exp, log and pow (GlibcExp, GlibcLog, GlibcPow), and
    // Math's sin, which gave glibc's bits on the 68 arguments scipy_binom.json reaches.
    private static double exp(double x) {
        return GlibcExp.exp(x);
    }

    private static double log(double x) {
        return GlibcLog.log(x);
    }

    private static double pow(double x, double y) {
        return GlibcPow.pow(x, y);
    }

    private static double sin(double x) {
        return Math.sin(x);
    }

    /** scipy {@code binom(n, k)} for real n and k. */
    static double binom(double n, double k) {
        if (n < 0 && n == Math.floor(n)) {
            return Double.NaN;
        }
        double kx = Math.floor(k);
        if (k == kx && (Math.abs(n) > 1e-8 || n == 0)) {
            // Integer k: the multiplication formula, reduced by symmetry for integer n.
            double nx = Math.floor(n);
            if (nx == n && kx > nx / 2 && nx > 0) {
                kx = nx - kx;
            }
            if (kx >= 0 && kx < 20) {
                double num = 1.0;
                double den = 1.0;
                for (int i = 1; i < 1 + (int) kx; i++) {
                    num *= i + n - kx;
                    den *= i;
                    if (Math.abs(num) > 1e50) {
                        num /= den;
                        den = 1.0;
                    }
                }
                return num / den;
            }
        }
        // The general case.
        if (n >= 1e10 * k && k > 0) {
            // Avoid under/overflows in intermediate results.
            return exp(-lbeta(1 + n - k, 1 + k) - log(n + 1));
        } else if (k > 1e8 * Math.abs(n)) {
            // Avoid loss of precision.
            double num = gamma(1 + n) / Math.abs(k) + gamma(1 + n) * n / (2 * k * k);
            num /= Math.PI * pow(Math.abs(k), n);
            double dk;
            double sgn;
            if (k > 0) {
                kx = Math.floor(k);
                if ((int) kx == kx) {
                    dk = k - kx;
                    sgn = ((int) kx % 2 == 0) ? 1 : -1;
                } else {
                    dk = k;
                    sgn = 1;
                }
                return num * sin((dk - n) * Math.PI) * sgn;
            }
            kx = Math.floor(k);
            if ((int) kx == kx) {
                return 0;
            }
            return num * sin(k * Math.PI);
        }
        return 1 / (n + 1) / beta(1 + n - k, 1 + k);
    }

    /** cephes {@code beta(a, b)}. */
    static double beta(double a, double b) {
        int sign = 1;
        if (a <= 0.0 && a == Math.floor(a)) {
            return a == (int) a ? betaNegint((int) a, b) : sign * Double.POSITIVE_INFINITY;
        }
        if (b <= 0.0 && b == Math.floor(b)) {
            return b == (int) b ? betaNegint((int) b, a) : sign * Double.POSITIVE_INFINITY;
        }
        if (Math.abs(a) < Math.abs(b)) {
            double t = a;
            a = b;
            b = t;
        }
        if (Math.abs(a) > ASYMP_FACTOR * Math.abs(b) && a > ASYMP_FACTOR) {
            // Avoid loss of precision in lgam(a + b) - lgam(a).
            int[] s = {1};
            double y = lbetaAsymp(a, b, s);
            return s[0] * exp(y);
        }
        double y = a + b;
        if (Math.abs(y) > MAXGAM || Math.abs(a) > MAXGAM || Math.abs(b) > MAXGAM) {
            int[] s = {1};
            y = lgamSgn(y, s);
            sign *= s[0];
            y = lgamSgn(b, s) - y;
            sign *= s[0];
            y = lgamSgn(a, s) + y;
            sign *= s[0];
            if (y > MAXLOG) {
                return sign * Double.POSITIVE_INFINITY;
            }
            return sign * exp(y);
        }
        y = gamma(y);
        a = gamma(a);
        b = gamma(b);
        if (y == 0.0) {
            return sign * Double.POSITIVE_INFINITY;
        }
        if (Math.abs(Math.abs(a) - Math.abs(y)) > Math.abs(Math.abs(b) - Math.abs(y))) {
            y = b / y;
            y *= a;
        } else {
            y = a / y;
            y *= b;
        }
        return y;
    }

    private static final double[] RGAMMA_R = {
        3.13173458231230000000E-17, -6.70718606477908000000E-16, 2.20039078172259550000E-15,
        2.47691630348254132600E-13, -6.60074100411295197440E-12, 5.13850186324226978840E-11,
        1.08965386454418662084E-9, -3.33964630686836942556E-8, 2.68975996440595483619E-7,
        2.96001177518801696639E-6, -8.04814124978471142852E-5, 4.16609138709688864714E-4,
        5.06579864028608725080E-3, -6.41925436109158228810E-2, -4.98558728684003594785E-3,
        1.27546015610523951063E-1};

    /** cephes {@code rgamma(x)} (rgamma.c): 1/Gamma(x). */
    static double rgamma(double x) {
        if (x > 34.84425627277176174) {
            return exp(-lgamSgn(x, new int[1]));
        }
        double w;
        double y;
        double z;
        if (x < -34.034) {
            w = -x;
            z = sinpi(w);
            if (z == 0.0) {
                return 0.0;
            }
            int sign;
            if (z < 0.0) {
                sign = 1;
                z = -z;
            } else {
                sign = -1;
            }
            y = log(w * z) - log(Math.PI) + lgamSgn(w, new int[1]);
            if (y < -MAXLOG) {
                return sign * 0.0;
            }
            if (y > MAXLOG) {
                return sign * Double.POSITIVE_INFINITY;
            }
            return sign * exp(y);
        }
        z = 1.0;
        w = x;
        while (w > 1.0) { // downward recurrence
            w -= 1.0;
            z *= w;
        }
        while (w < 0.0) { // upward recurrence
            z /= w;
            w += 1.0;
        }
        if (w == 0.0) {
            return 0.0;
        }
        if (w == 1.0) {
            return 1.0 / z;
        }
        return w * (1.0 + chbevl(4.0 * w - 2.0, RGAMMA_R, 16)) / z;
    }

    /** cephes {@code chbevl}: a Chebyshev series by Clenshaw's recurrence. */
    private static double chbevl(double x, double[] array, int n) {
        int p = 0;
        double b0 = array[p++];
        double b1 = 0.0;
        double b2 = 0.0;
        for (int i = n - 1; i > 0; i--) {
            b2 = b1;
            b1 = b0;
            b0 = x * b1 - b2 + array[p++];
        }
        return 0.5 * (b0 - b2);
    }

    /** xsf {@code sinpi} (trig.h): sin(πx) with the argument reduced modulo 2 first. */
    private static double sinpi(double x) {
        double s = 1.0;
        if (x < 0.0) {
            x = -x;
            s = -1.0;
        }
        double r = x % 2.0;
        if (r < 0.5) {
            return s * sin(Math.PI * r);
        } else if (r > 1.5) {
            return s * sin(Math.PI * (r - 2.0));
        }
        return -s * sin(Math.PI * (r - 1.0));
    }

    /** cephes {@code lbeta(a, b)}: log |B(a, b)|. */
    static double lbeta(double a, double b) {
        if (a <= 0.0 && a == Math.floor(a)) {
            return a == (int) a ? lbetaNegint((int) a, b) : Double.POSITIVE_INFINITY;
        }
        if (b <= 0.0 && b == Math.floor(b)) {
            return b == (int) b ? lbetaNegint((int) b, a) : Double.POSITIVE_INFINITY;
        }
        if (Math.abs(a) < Math.abs(b)) {
            double t = a;
            a = b;
            b = t;
        }
        int[] s = {1};
        if (Math.abs(a) > ASYMP_FACTOR * Math.abs(b) && a > ASYMP_FACTOR) {
            return lbetaAsymp(a, b, s);
        }
        double y = a + b;
        if (Math.abs(y) > MAXGAM || Math.abs(a) > MAXGAM || Math.abs(b) > MAXGAM) {
            y = lgamSgn(y, s);
            y = lgamSgn(b, s) - y;
            y = lgamSgn(a, s) + y;
            return y;
        }
        y = gamma(y);
        a = gamma(a);
        b = gamma(b);
        if (y == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        if (Math.abs(Math.abs(a) - Math.abs(y)) > Math.abs(Math.abs(b) - Math.abs(y))) {
            y = b / y;
            y *= a;
        } else {
            y = a / y;
            y *= b;
        }
        if (y < 0) {
            y = -y;
        }
        return log(y);
    }

    /** cephes {@code lbeta_asymp}: asymptotic log B(a, b) for large a. */
    private static double lbetaAsymp(double a, double b, int[] sgn) {
        double r = lgamSgn(b, sgn);
        r -= b * log(a);
        r += b * (1 - b) / (2 * a);
        r += b * (1 - b) * (1 - 2 * b) / (12 * a * a);
        r += -b * b * (1 - b) * (1 - b) / (12 * a * a * a);
        return r;
    }

    /** cephes {@code beta_negint}: B(a, b) for integer a ≤ 0. */
    private static double betaNegint(int a, double b) {
        if (b == (int) b && 1 - a - b > 0) {
            int sgn = ((int) b % 2 == 0) ? 1 : -1;
            return sgn * beta(1 - a - b, b);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** cephes {@code lbeta_negint}. */
    private static double lbetaNegint(int a, double b) {
        if (b == (int) b && 1 - a - b > 0) {
            return lbeta(1 - a - b, b);
        }
        return Double.POSITIVE_INFINITY;
    }

    /** cephes {@code polevl}: Horner's rule, coef[0] the highest power. */
    private static double polevl(double x, double[] coef, int n) {
        double ans = coef[0];
        for (int i = 1; i <= n; i++) {
            ans = ans * x + coef[i];
        }
        return ans;
    }

    /** cephes {@code p1evl}: as polevl with an implied leading coefficient 1. */
    private static double p1evl(double x, double[] coef, int n) {
        double ans = x + coef[0];
        for (int i = 1; i < n; i++) {
            ans = ans * x + coef[i];
        }
        return ans;
    }

    /** cephes {@code stirf}: Stirling's formula, for 33 ≤ x ≤ MAXGAM. */
    private static double stirf(double x) {
        if (x >= MAXGAM) {
            return Double.POSITIVE_INFINITY;
        }
        double w = 1.0 / x;
        w = 1.0 + w * polevl(w, STIR, 4);
        double y = exp(x);
        if (x > MAXSTIR) {
            // Avoid overflow in pow().
            double v = pow(x, 0.5 * x - 0.25);
            y = v * (v / y);
        } else {
            y = pow(x, x - 0.5) / y;
        }
        return SQTPI * y * w;
    }

    /** cephes {@code Gamma(x)}. */
    static double gamma(double x) {
        if (Double.isNaN(x) || x == Double.POSITIVE_INFINITY) {
            return x;
        }
        if (x == Double.NEGATIVE_INFINITY) {
            return Double.NaN;
        }
        int sgngam = 1;
        double q = Math.abs(x);
        double p;
        double z;
        if (q > 33.0) {
            if (x < 0.0) {
                p = Math.floor(q);
                if (p == q) {
                    return Double.POSITIVE_INFINITY;
                }
                int i = (int) p;
                if ((i & 1) == 0) {
                    sgngam = -1;
                }
                z = q - p;
                if (z > 0.5) {
                    p += 1.0;
                    z = q - p;
                }
                z = q * sin(Math.PI * z);
                if (z == 0.0) {
                    return sgngam * Double.POSITIVE_INFINITY;
                }
                z = Math.abs(z);
                z = Math.PI / (z * stirf(q));
            } else {
                z = stirf(x);
            }
            return sgngam * z;
        }
        z = 1.0;
        while (x >= 3.0) {
            x -= 1.0;
            z *= x;
        }
        while (x < 0.0) {
            if (x > -1.E-9) {
                return small(x, z);
            }
            z /= x;
            x += 1.0;
        }
        while (x < 2.0) {
            if (x < 1.e-9) {
                return small(x, z);
            }
            z /= x;
            x += 1.0;
        }
        if (x == 2.0) {
            return z;
        }
        x -= 2.0;
        p = polevl(x, P, 6);
        q = polevl(x, Q, 7);
        return z * p / q;
    }

    private static double small(double x, double z) {
        if (x == 0.0) {
            return Double.POSITIVE_INFINITY;
        }
        return z / ((1.0 + 0.5772156649015329 * x) * x);
    }

    /** cephes {@code lgam_sgn(x, &sign)}: log |Gamma(x)|, its sign in sign[0]. */
    static double lgamSgn(double x, int[] sign) {
        sign[0] = 1;
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        double p;
        double q;
        double u;
        double w;
        double z;
        if (x < -34.0) {
            q = -x;
            w = lgamSgn(q, sign);
            p = Math.floor(q);
            if (p == q) {
                return Double.POSITIVE_INFINITY;
            }
            int i = (int) p;
            sign[0] = (i & 1) == 0 ? -1 : 1;
            z = q - p;
            if (z > 0.5) {
                p += 1.0;
                z = p - q;
            }
            z = q * sin(Math.PI * z);
            if (z == 0.0) {
                return Double.POSITIVE_INFINITY;
            }
            return LOGPI - log(z) - w;
        }
        if (x < 13.0) {
            z = 1.0;
            p = 0.0;
            u = x;
            while (u >= 3.0) {
                p -= 1.0;
                u = x + p;
                z *= u;
            }
            while (u < 2.0) {
                if (u == 0.0) {
                    return Double.POSITIVE_INFINITY;
                }
                z /= u;
                p += 1.0;
                u = x + p;
            }
            if (z < 0.0) {
                sign[0] = -1;
                z = -z;
            } else {
                sign[0] = 1;
            }
            if (u == 2.0) {
                return log(z);
            }
            p -= 2.0;
            x = x + p;
            p = x * polevl(x, B, 5) / p1evl(x, C, 6);
            return log(z) + p;
        }
        if (x > MAXLGM) {
            return sign[0] * Double.POSITIVE_INFINITY;
        }
        q = (x - 0.5) * log(x) - x + LS2PI;
        if (x > 1.0e8) {
            return q;
        }
        p = 1.0 / (x * x);
        if (x >= 1000.0) {
            q += ((7.9365079365079365079365e-4 * p - 2.7777777777777777777778e-3) * p
                    + 0.0833333333333333333333) / x;
        } else {
            q += polevl(p, A, 4) / x;
        }
        return q;
    }
}
