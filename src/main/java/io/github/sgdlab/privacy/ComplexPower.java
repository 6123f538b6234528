package io.github.sgdlab.privacy;

/**
 * z^n for an integer n ≥ 1 as numpy computes it: repeated squaring below 100, and
 * {@code exp(n log z)} (C's {@code cpow}) from 100 on — with log|z| taken through
 * {@code log1p} near |z| = 1, where the transform of a distribution lives and where n log|z|
 * would otherwise lose digits.
 */
final class ComplexPower {

    private ComplexPower() {}

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
        double norm2 = re * re + im * im;
        double logAbs;
        if (norm2 > 0.5 && norm2 < 2) {
            double abs = Math.max(Math.abs(re), Math.abs(im));
            double other = Math.min(Math.abs(re), Math.abs(im));
            logAbs = 0.5 * Math.log1p((abs - 1) * (abs + 1) + other * other);
        } else {
            logAbs = Math.log(Math.hypot(re, im));
        }
        double arg = Math.atan2(im, re);
        double magnitude = Math.exp(n * logAbs);
        double angle = n * arg;
        return new double[] {magnitude * Math.cos(angle), magnitude * Math.sin(angle)};
    }
}
