package io.github.sgdlab.descent;

/**
 * Hears every θ of every run as the descent computes it, so a caller can write or keep what it
 * needs in bounded memory instead of asking the result to hold every trajectory
 * ({@link DescentConfig.Builder#optKeepTrajectory}).
 *
 * <p>Runs advance together, so the calls of different runs interleave; within one run they come
 * in order, iteration 0 (θ_0, epoch 0) first. Called on the descent's thread.
 */
@FunctionalInterface
public interface TrajectoryListener {

    /** Hears nothing. */
    TrajectoryListener NONE = (run, epoch, iteration, theta, loss) -> {};

    /**
     * One θ of one run.
     *
     * @param run the run, 0-based
     * @param epoch the epoch the iteration belongs to, 0 for iteration 0
     * @param iteration t, 0 for the start
     * @param theta θ_t, d + 1 values, intercept first; read it now, it is overwritten
     * @param loss the full-data mean-squared error at θ_t
     */
    void iteration(int run, int epoch, int iteration, double[] theta, double loss);
}
