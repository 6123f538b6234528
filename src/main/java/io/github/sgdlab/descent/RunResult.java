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
 * @param finalTheta0 θ0 where the run stopped (may be infinite or NaN for a diverged run)
 * @param finalTheta1 θ1 where the run stopped
 * @param finalLoss the full-data loss there, in double
 * @param trajectory every iteration, or null when the configuration did not keep it
 */
public record RunResult(long shuffleSeed, Outcome outcome, int iterations, int epochs,
        double finalTheta0, double finalTheta1, double finalLoss, Trajectory trajectory) {

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
