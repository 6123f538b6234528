package io.github.sgdlab.descent;

/**
 * The stopping rules, checked after every iteration: ‖θ_t − θ*‖₂ &lt; ε converges; a
 * non-finite θ, or ‖θ_t − θ*‖₂ &gt; 10^6 · max(1, ‖θ_0 − θ*‖₂), diverges. The norm runs over all
 * d + 1 components, intercept first. Immutable.
 */
final class StoppingRule {

    /** How far beyond the start's distance from θ* a run may wander before it counts as diverged. */
    static final double DIVERGENCE_FACTOR = 1e6;

    private final double[] star;
    private final double eps;
    private final double bound;

    /**
     * Sets the rule up for one configuration.
     *
     * @param thetaStar the minimiser, d + 1 values
     * @param start θ_0, d + 1 values
     * @param eps ε
     */
    StoppingRule(double[] thetaStar, double[] start, double eps) {
        if (start.length != thetaStar.length) {
            throw new IllegalArgumentException("theta_0 has " + start.length
                    + " components, theta* " + thetaStar.length);
        }
        this.star = thetaStar.clone();
        this.eps = eps;
        this.bound = DIVERGENCE_FACTOR * Math.max(1.0, distance(start));
    }

    /**
     * Decides after one iteration.
     *
     * @param theta θ_t, d + 1 values (only read)
     * @return the outcome, or null to go on
     */
    Outcome check(double[] theta) {
        double distance = distance(theta);
        boolean finite = true;
        for (double value : theta) {
            finite &= Double.isFinite(value);
        }
        if (!finite || distance > bound) {
            return Outcome.DIVERGED;
        }
        return distance < eps ? Outcome.CONVERGED : null;
    }

    /**
     * ‖θ − θ*‖₂, written out component by component from the intercept so that a numpy
     * implementation ({@code sqrt(d0*d0 + d1*d1 + …)}) rounds it identically.
     */
    private double distance(double[] theta) {
        double d0 = theta[0] - star[0];
        double sum = d0 * d0;
        for (int j = 1; j < star.length; j++) {
            double dj = theta[j] - star[j];
            sum += dj * dj;
        }
        return Math.sqrt(sum);
    }
}
