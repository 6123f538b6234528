package io.github.sgdlab.descent;

import io.github.sgdlab.grad.Theta;

/**
 * The stopping rules, checked after every iteration: ‖θ_t − θ*‖₂ &lt; ε converges; a
 * non-finite θ, or ‖θ_t − θ*‖₂ &gt; 10^6 · max(1, ‖θ_0 − θ*‖₂), diverges. Immutable.
 */
final class StoppingRule {

    /** How far beyond the start's distance from θ* a run may wander before it counts as diverged. */
    static final double DIVERGENCE_FACTOR = 1e6;

    private final double star0;
    private final double star1;
    private final double eps;
    private final double bound;

    /**
     * Sets the rule up for one configuration.
     *
     * @param thetaStar the minimiser
     * @param start θ_0
     * @param eps ε
     */
    StoppingRule(Theta thetaStar, Theta start, double eps) {
        this.star0 = thetaStar.theta0();
        this.star1 = thetaStar.theta1();
        this.eps = eps;
        this.bound = DIVERGENCE_FACTOR * Math.max(1.0, distance(start.theta0(), start.theta1()));
    }

    /**
     * Decides after one iteration.
     *
     * @param theta0 θ0_t
     * @param theta1 θ1_t
     * @return the outcome, or null to go on
     */
    Outcome check(double theta0, double theta1) {
        double distance = distance(theta0, theta1);
        if (!Double.isFinite(theta0) || !Double.isFinite(theta1) || distance > bound) {
            return Outcome.DIVERGED;
        }
        return distance < eps ? Outcome.CONVERGED : null;
    }

    /** ‖θ − θ*‖₂, written out so that a numpy implementation can round it identically. */
    private double distance(double theta0, double theta1) {
        double d0 = theta0 - star0;
        double d1 = theta1 - star1;
        return Math.sqrt(d0 * d0 + d1 * d1);
    }
}
