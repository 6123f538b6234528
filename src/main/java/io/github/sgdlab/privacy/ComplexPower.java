package io.github.sgdlab.privacy;

/**
 * z^n for an integer n ≥ 1 as numpy computes it: repeated squaring below 100, and
 * {@code exp(n log z)} (C's {@code cpow}) from 100 on — with log|z| taken through
 * {@code log1p} near |z| = 1, where the transform of a distribution lives and where n log|z|
 * would otherwise lose digits.
 */
final class ComplexPower {

    private ComplexPower() {}

    /** Raises each (re[k], im[k]) to the n-th power, in place. */
    static void powerInPlace(double[] re, double[] im, long n) {
        if (n < 100) {
            for (int k = 0; k < re.length; k++) {
                double[] power = power(re[k], im[k], n);
                re[k] = power[0];
                im[k] = power[1];
            }
            return;
        }
        for (int k = 0; k < re.length; k++) {
            double r = re[k];
            double i = im[k];
            if (r == 0 && i == 0) {
                continue;
            }
            double magnitude = Math.exp(n * logAbs(r, i));
            if (magnitude == 0) {
                // exp(n log|z|) underflows: cpow's result is ±0 whatever the angle.
                re[k] = 0;
                im[k] = 0;
                continue;
            }
            double angle = n * Math.atan2(i, r);
            re[k] = magnitude * Math.cos(angle);
            im[k] = magnitude * Math.sin(angle);
        }
    }

    private static double logAbs(double re, double im) {
        double norm2 = re * re + im * im;
        if (norm2 > 0.5 && norm2 < 2) {
            double abs = Math.max(Math.abs(re), Math.abs(im));
            double other = Math.min(Math.abs(re), Math.abs(im));
            return 0.5 * Math.log1p((abs - 1) * (abs + 1) + other * other);
        }
        return Math.log(Math.hypot(re, im));
    }

    static double[] power(double re, double im, long n) {
        if (n < 100) {
            double ar = 1;
            double ai = 0;
            double pr = re;
            double pi = im;
            long mask = 1;
            while (true) {
                if ((n & mask) != 0) {
                    double t = ar * pr - ai * pi;
                    ai = ar * pi + ai * pr;
                    ar = t;
                }
                mask <<= 1;
                if (n < mask) {
                    break;
                }
                double t = pr * pr - pi * pi;
                pi = 2 * pr * pi;
                pr = t;
            }
            return new double[] {ar, ai};
        }
        if (re == 0 && im == 0) {
            return new double[] {0, 0};
        }
        double logAbs = logAbs(re, im);
        double arg = Math.atan2(im, re);
        double magnitude = Math.exp(n * logAbs);
        double angle = n * arg;
        return new double[] {magnitude * Math.cos(angle), magnitude * Math.sin(angle)};
    }
}
