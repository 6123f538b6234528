package io.github.sgdlab.descent;

import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.NumpySum;

/**
 * One run recomputed in plain Java, double precision, one iteration at a time: the independent
 * witness of the DJL trajectory. Gradients are the closed forms of the notebook's In [12] over the
 * iteration's slice, {@code -2/b * sum(y - y_pred)} and {@code -2/b * sum((y - y_pred) * x1)},
 * summed in numpy's order, so the run equals a numpy implementation's step for step.
 *
 * <p>Not thread-safe; one per run.
 */
final class ReferenceRun {

    private final LinearData data;
    private final EpochOrder order;
    private final StoppingRule rule;
    private final double learningRate;
    private final double momentum;
    private final int sliceSize;
    private final int maxEpochs;
    private final double[] residual;
    private final double[] residualX;

    private int[] epochOrder;
    private int position;
    private int epoch;
    private int iteration;
    private double theta0;
    private double theta1;
    private double velocity0;
    private double velocity1;
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
        this.residual = new double[sliceSize];
        this.residualX = new double[sliceSize];
        this.theta0 = config.start().theta0();
        this.theta1 = config.start().theta1();
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
        double[] r = size == sliceSize ? residual : new double[size];
        double[] rx = size == sliceSize ? residualX : new double[size];
        for (int k = 0; k < size; k++) {
            int i = epochOrder[position + k];
            double x = data.x1(i);
            r[k] = data.y(i) - (theta1 * x + theta0);
            rx[k] = r[k] * x;
        }
        position += size;
        double scale = -2.0 / size;
        double grad0 = scale * NumpySum.sum(r);
        double grad1 = scale * NumpySum.sum(rx);
        velocity0 = momentum * velocity0 + grad0;
        velocity1 = momentum * velocity1 + grad1;
        theta0 = theta0 - learningRate * velocity0;
        theta1 = theta1 - learningRate * velocity1;
        iteration++;
        outcome = rule.check(theta0, theta1);
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

    /** @return θ0 after the last iteration taken */
    double theta0() {
        return theta0;
    }

    /** @return θ1 after the last iteration taken */
    double theta1() {
        return theta1;
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
