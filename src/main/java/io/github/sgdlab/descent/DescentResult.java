package io.github.sgdlab.descent;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What {@link Descent#run} computed: θ*, every run, and how far DJL's trajectories strayed from
 * the plain-Java reference. Immutable.
 *
 * @param config the configuration that was run
 * @param thetaStar the least-squares minimiser θ*, in double: d + 1 values, intercept first
 * @param runs one result per run, in run order
 * @param maxReferenceDeviation the largest |θ_DJL − θ_reference| / max(1, |θ_reference|) over
 *     both components, every run and every iteration both took: absolute near θ*, relative
 *     where a diverging run's θ has grown large
 */
public record DescentResult(DescentConfig config, double[] thetaStar, List<RunResult> runs,
        double maxReferenceDeviation) {

    /**
     * Copies the list of runs and θ*.
     *
     * @param config the configuration
     * @param thetaStar θ*
     * @param runs the runs
     * @param maxReferenceDeviation the deviation
     */
    public DescentResult {
        runs = List.copyOf(runs);
        thetaStar = thetaStar.clone();
    }

    /**
     * The least-squares minimiser.
     *
     * @return a copy of θ*: d + 1 values, intercept first
     */
    @Override
    public double[] thetaStar() {
        return thetaStar.clone();
    }

    /**
     * How many runs converged.
     *
     * @return the count
     */
    public int convergedRuns() {
        return (int) runs.stream().filter(RunResult::converged).count();
    }

    /**
     * The mean iteration count over the converged runs.
     *
     * @return the mean, or empty when no run converged
     */
    public OptionalDouble meanIterations() {
        return runs.stream().filter(RunResult::converged).mapToInt(RunResult::iterations)
                .average();
    }

    /**
     * The mean epoch count over the converged runs.
     *
     * @return the mean, or empty when no run converged
     */
    public OptionalDouble meanEpochs() {
        return runs.stream().filter(RunResult::converged).mapToInt(RunResult::epochs).average();
    }
}
