package io.github.sgdlab.privacy;

import java.util.function.DoubleUnaryOperator;

/**
 * Adaptive Gauss–Legendre quadrature: a 10-point rule on an interval is accepted when it agrees
 * with the same rule on the two halves to near machine precision, else each half is refined.
 */
final class Quadrature {

    private static final int POINTS = 10;
    private static final double[] NODES = new double[POINTS];
    private static final double[] WEIGHTS = new double[POINTS];
    private static final int MAX_DEPTH = 40;

    static {
        // Roots of the Legendre polynomial P_10 by Newton's method from Chebyshev guesses.
        for (int i = 0; i < POINTS; i++) {
            double x = Math.cos(Math.PI * (i + 0.75) / (POINTS + 0.5));
            double derivative = 0;
            for (int iteration = 0; iteration < 100; iteration++) {
                double p0 = 1;
                double p1 = x;
                for (int k = 2; k <= POINTS; k++) {
                    double p2 = ((2 * k - 1) * x * p1 - (k - 1) * p0) / k;
                    p0 = p1;
                    p1 = p2;
                }
                derivative = POINTS * (x * p1 - p0) / (x * x - 1);
                double dx = p1 / derivative;
                x -= dx;
                if (Math.abs(dx) < 1e-17) {
                    break;
                }
            }
            NODES[i] = x;
            WEIGHTS[i] = 2 / ((1 - x * x) * derivative * derivative);
        }
    }

    private Quadrature() {}

    /** ∫ f over [a, b]. */
    static double integrate(DoubleUnaryOperator f, double a, double b) {
        if (a == b) {
            return 0.0;
        }
        double whole = rule(f, a, b);
        double scale = Math.abs(whole) + Math.abs(b - a) * 1e-3;
        return refine(f, a, b, whole, scale, 0);
    }

    private static double refine(DoubleUnaryOperator f, double a, double b, double whole,
            double scale, int depth) {
        double mid = 0.5 * (a + b);
        double left = rule(f, a, mid);
        double right = rule(f, mid, b);
        double halves = left + right;
        if (Math.abs(halves - whole) <= 1e-14 * scale || depth >= MAX_DEPTH) {
            return halves;
        }
        return refine(f, a, mid, left, scale, depth + 1)
                + refine(f, mid, b, right, scale, depth + 1);
    }

    private static double rule(DoubleUnaryOperator f, double a, double b) {
        double centre = 0.5 * (a + b);
        double half = 0.5 * (b - a);
        double sum = 0;
        for (int i = 0; i < POINTS; i++) {
            sum += WEIGHTS[i] * f.applyAsDouble(centre + half * NODES[i]);
        }
        return sum * half;
    }
}
