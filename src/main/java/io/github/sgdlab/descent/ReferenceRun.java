package io.github.sgdlab.descent;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.reference.LeastSquares;
import io.github.sgdlab.reference.NumpySum;

/**
 * One run recomputed in plain Java, double precision, one iteration at a time: the independent
 * witness of the DJL trajectory. Gradients are the closed forms of the notebook's In [12] over the
 * iteration's slice, generalised to d features: with the residual {@code r = y − (θ·x + θ0)},
 * {@code −2/b · sum(r)} for the intercept and {@code −2/b · sum(r · x_j)} for feature j, summed
 * in numpy's order, so the run equals a numpy implementation's step for step.
 *
 * <p>Not thread-safe; one per run.
 */
final class ReferenceRun {

    private final FeatureData data;
    private final EpochOrder order;
    private final StoppingRule rule;
    private final double learningRate;
    private final double momentum;
    private final int sliceSize;
    private final int maxEpochs;
    private final double[][] products;
    private final double[] theta;
    private final double[] velocity;
    private final double[] gradient;

    private int[] epochOrder;
    private int position;
    private int epoch;
    private int iteration;
    private Outcome outcome;

    /**
     * Starts run {@code run} of a configuration at θ_0.
     *
     * @param config the configuration
     * @param run the run, 0-based
     * @param rule the stopping rule
     */
    ReferenceRun(DescentConfig config, int run, StoppingRule rule) {
        this.data = config.data();
        this.order = new EpochOrder(config, run);
        this.rule = rule;
        this.learningRate = config.learningRate();
        this.momentum = config.momentum();
        this.sliceSize = config.sliceSize();
        this.maxEpochs = config.maxEpochs();
        int width = data.features() + 1;
        this.products = new double[width][sliceSize];
        this.theta = config.start().values();
        this.velocity = new double[width];
        this.gradient = new double[width];
        this.position = data.samples();
    }

    /**
     * Takes one iteration, unless the run has already stopped.
     *
     * @return whether an iteration was taken
     */
    boolean step() {
        if (outcome != null) {
            return false;
        }
        int n = data.samples();
        if (position == n) {
            epochOrder = order.next();
            position = 0;
            epoch++;
        }
        int size = Math.min(sliceSize, n - position);
        int width = theta.length;
        // products[0] holds the residuals r, products[j] the r · x_j.
        double[][] p = size == sliceSize ? products : new double[width][size];
        for (int k = 0; k < size; k++) {
            int i = epochOrder[position + k];
            double r = data.y(i) - (LeastSquares.dot(data, i, theta) + theta[0]);
            p[0][k] = r;
            for (int j = 1; j < width; j++) {
                p[j][k] = r * data.x(i, j - 1);
            }
        }
        position += size;
        double scale = -2.0 / size;
        for (int j = 0; j < width; j++) {
            gradient[j] = scale * NumpySum.sum(p[j]);
        }
        for (int j = 0; j < width; j++) {
            velocity[j] = momentum * velocity[j] + gradient[j];
            theta[j] = theta[j] - learningRate * velocity[j];
        }
        iteration++;
        outcome = rule.check(theta);
        if (outcome == null && position == n && epoch == maxEpochs) {
            outcome = Outcome.NOT_CONVERGED;
        }
        return true;
    }

    /**
     * Runs to the end.
     *
     * @return this run, stopped
     */
    ReferenceRun finish() {
        while (step()) {
            // each step checks the stopping rules
        }
        return this;
    }

    /**
     * One component of θ after the last iteration taken.
     *
     * @param j 0 for the intercept, j for feature j
     * @return θ_j
     */
    double theta(int j) {
        return theta[j];
    }

    /** @return θ0 after the last iteration taken */
    double theta0() {
        return theta[0];
    }

    /** @return θ1 after the last iteration taken */
    double theta1() {
        return theta[1];
    }

    /** @return how many iterations were taken */
    int iterations() {
        return iteration;
    }

    /** @return the epoch of the last iteration taken, 1-based */
    int epochs() {
        return epoch;
    }

    /** @return how the run ended, or null while it goes on */
    Outcome outcome() {
        return outcome;
    }
}
