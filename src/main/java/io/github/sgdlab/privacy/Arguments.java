package io.github.sgdlab.privacy;

/** The checks every public entry point makes on its arguments, with messages that name them. */
final class Arguments {

    private Arguments() {}

    /** σ: finite and positive (σ = 0 would be no privacy at all). */
    static double noiseMultiplier(double sigma) {
        if (!(sigma > 0) || Double.isInfinite(sigma)) {
            throw new IllegalArgumentException(
                    "noise multiplier must be a positive finite number, got " + sigma);
        }
        return sigma;
    }

    /** q in (0, 1]. */
    static double sampleRate(double q) {
        if (!(q > 0 && q <= 1)) {
            throw new IllegalArgumentException("sample rate must be in (0, 1], got " + q);
        }
        return q;
    }

    /** δ in (0, 1). */
    static double delta(double delta) {
        if (!(delta > 0 && delta < 1)) {
            throw new IllegalArgumentException("delta must be in (0, 1), got " + delta);
        }
        return delta;
    }

    /** A step count of at least one. */
    static long steps(long steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        return steps;
    }

    /** A positive finite target ε. */
    static double epsilon(double epsilon) {
        if (!(epsilon > 0) || Double.isInfinite(epsilon)) {
            throw new IllegalArgumentException(
                    "target epsilon must be a positive finite number, got " + epsilon);
        }
        return epsilon;
    }

    /** Rényi orders: at least one, each finite and above 1. */
    static double[] orders(double[] orders) {
        if (orders == null || orders.length == 0) {
            throw new IllegalArgumentException("orders must hold at least one order");
        }
        for (double order : orders) {
            if (!(order > 1) || Double.isInfinite(order)) {
                throw new IllegalArgumentException(
                        "orders must be finite and above 1, got " + order);
            }
        }
        return orders.clone();
    }
}
