package io.github.sgdlab.descent;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.reference.LeastSquares;

/**
 * Runs gradient descent as a {@link DescentConfig} says: gradients by DJL autograd, every run
 * recomputed by a plain-Java reference, θ* by least squares.
 *
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
 *     DescentResult result = Descent.run(manager, DescentConfig.builder()
 *             .setLearningRate(0.01).optMethod(Method.SGD).optRuns(100).build());
 *     System.out.println(result.meanIterations());
 * }
 * }</pre>
 */
public final class Descent {

    private Descent() {}

    /**
     * Runs every run of the configuration.
     *
     * @param manager the caller's PyTorch manager; nothing is left on it
     * @param config the configuration
     * @return θ*, the runs with their trajectories, and the reference deviation
     */
    public static DescentResult run(NDManager manager, DescentConfig config) {
        return run(manager, config, DescentProgress.NONE);
    }

    /**
     * Runs every run of the configuration, telling {@code progress} after every epoch.
     *
     * @param manager the caller's PyTorch manager; nothing is left on it
     * @param config the configuration
     * @param progress hears of every epoch
     * @return θ*, the runs with their trajectories, and the reference deviation
     */
    public static DescentResult run(NDManager manager, DescentConfig config,
            DescentProgress progress) {
        return run(manager, config, progress, TrajectoryListener.NONE);
    }

    /**
     * Runs every run of the configuration, telling {@code progress} after every epoch and
     * {@code listener} of every θ: with {@code optKeepTrajectory(false)} the trajectories are
     * then written or kept by the listener alone, in the memory it chooses.
     *
     * @param manager the caller's PyTorch manager; nothing is left on it
     * @param config the configuration
     * @param progress hears of every epoch
     * @param listener hears of every θ of every run, with the loss there
     * @return θ*, the runs (with their trajectories if the configuration keeps them), and the
     *     reference deviation
     */
    public static DescentResult run(NDManager manager, DescentConfig config,
            DescentProgress progress, TrajectoryListener listener) {
        double[] thetaStar = LeastSquares.minimiser(config.data());
        StoppingRule rule = new StoppingRule(thetaStar, config.start().values(), config.eps());
        AutogradDescent.Outcomes outcomes =
                new AutogradDescent(manager, config, rule, progress, listener).run();
        return new DescentResult(
                config, thetaStar, outcomes.runs(), outcomes.maxReferenceDeviation());
    }

    /**
     * Runs every run of the configuration on a PyTorch manager of its own.
     *
     * @param config the configuration
     * @return θ*, the runs with their trajectories, and the reference deviation
     */
    public static DescentResult run(DescentConfig config) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            return run(manager, config);
        }
    }
}
