package io.github.sgdlab.descent;

import java.util.Optional;

/**
 * One run's result.
 *
 * @param shuffleSeed the seed of this run's {@code RandomState}
 * @param outcome converged, diverged or not converged
 * @param iterations the iteration the run stopped at (for a run that did not converge, the
 *     last one it took)
 * @param epochs the epoch that iteration belongs to, 1-based
 * @param finalTheta θ where the run stopped, d + 1 values, intercept first (may be infinite or
 *     NaN for a diverged run)
 * @param finalLoss the full-data loss there, in double
 * @param trajectory every iteration, or null when the configuration did not keep it
 */
public record RunResult(long shuffleSeed, Outcome outcome, int iterations, int epochs,
        double[] finalTheta, double finalLoss, Trajectory trajectory) {

    /**
     * Copies θ.
     *
     * @param shuffleSeed the seed
     * @param outcome the outcome
     * @param iterations the iterations
     * @param epochs the epochs
     * @param finalTheta θ where the run stopped
     * @param finalLoss the loss there
     * @param trajectory the trajectory, or null
     */
    public RunResult {
        finalTheta = finalTheta.clone();
    }

    /**
     * θ where the run stopped.
     *
     * @return a copy: d + 1 values, intercept first
     */
    @Override
    public double[] finalTheta() {
        return finalTheta.clone();
    }

    /**
     * The intercept where the run stopped.
     *
     * @return θ0
     */
    public double finalTheta0() {
        return finalTheta[0];
    }

    /**
     * The first feature's weight where the run stopped (the notebook's slope).
     *
     * @return θ1
     */
    public double finalTheta1() {
        return finalTheta[1];
    }

    /**
     * Whether the run reached ε.
     *
     * @return true for {@link Outcome#CONVERGED}
     */
    public boolean converged() {
        return outcome == Outcome.CONVERGED;
    }

    /**
     * The trajectory, if the configuration kept it.
     *
     * @return every iteration of this run
     */
    public Optional<Trajectory> optTrajectory() {
        return Optional.ofNullable(trajectory);
    }
}
