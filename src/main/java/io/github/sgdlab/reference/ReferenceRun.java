package io.github.sgdlab.reference;

import io.github.sgdlab.data.FeatureData;

import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One descent run recomputed in plain Java, double precision, one iteration at a time: the
 * independent witness of the DJL trajectory. Gradients are the closed forms of the notebook's
 * In [12] over the iteration's slice, generalised to d features: with the residual
 * {@code r = y − (θ·x + θ0)}, {@code −2/b · sum(r)} for the intercept and
 * {@code −2/b · sum(r · x_j)} for feature j, summed in numpy's order ({@link NumpySum}), so the
 * run equals a numpy implementation's step for step. The step is PyTorch's {@code SGD}
 * (dampening 0): {@code v ← μ·v + g}, {@code θ ← θ − lr·v}.
 *
 * <p>The run is told, not asked, what it shares with the run it witnesses: the order in which
 * each epoch visits the samples and the rule that stops it. It decides nothing else.
 *
 * <p>Not thread-safe; one per run.
 *
 * @param <O> how the stopping rule says a run ended
 */
public final class ReferenceRun<O> {

    /**
     * The step's settings.
     *
     * @param learningRate the learning rate lr
     * @param momentum the momentum μ, 0 for none
     * @param sliceSize the samples per iteration b, at least 1
     * @param maxEpochs the epochs after which a run that has not stopped ends
     */
    public record Settings(double learningRate, double momentum, int sliceSize, int maxEpochs) {}

    private final FeatureData data;
    private final Supplier<int[]> orders;
    private final Function<double[], O> rule;
    private final O exhausted;
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
    private O outcome;

    /**
     * Starts a run at θ_0.
     *
     * @param data the samples
     * @param start θ_0, d + 1 values, intercept first (copied)
     * @param settings the step's settings
     * @param orders each call gives the next epoch's order of sample indices, a permutation of
     *     {@code 0 .. n-1} whose consecutive slices make the iterations
     * @param rule decides after every iteration, from θ (only read): how the run ended, or null
     *     to go on
     * @param exhausted how a run ended that the rule had not stopped when the epochs ran out
     */
    public ReferenceRun(FeatureData data, double[] start, Settings settings,
            Supplier<int[]> orders, Function<double[], O> rule, O exhausted) {
        this.data = data;
        this.orders = orders;
        this.rule = rule;
        this.exhausted = exhausted;
        this.learningRate = settings.learningRate();
        this.momentum = settings.momentum();
        this.sliceSize = settings.sliceSize();
        this.maxEpochs = settings.maxEpochs();
        int width = data.features() + 1;
        this.products = new double[width][sliceSize];
        this.theta = start.clone();
        this.velocity = new double[width];
        this.gradient = new double[width];
        this.position = data.samples();
    }

    /**
     * Takes one iteration, unless the run has already stopped.
     *
     * @return whether an iteration was taken
     */
    public boolean step() {
        if (outcome != null) {
            return false;
        }
        int n = data.samples();
        if (position == n) {
            epochOrder = orders.get();
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
        outcome = rule.apply(theta);
        if (outcome == null && position == n && epoch == maxEpochs) {
            outcome = exhausted;
        }
        return true;
    }

    /**
     * Runs to the end.
     *
     * @return this run, stopped
     */
    public ReferenceRun<O> finish() {
        while (step()) {
            // each step checks the stopping rule
        }
        return this;
    }

    /**
     * One component of θ after the last iteration taken.
     *
     * @param j 0 for the intercept, j for feature j
     * @return θ_j
     */
    public double theta(int j) {
        return theta[j];
    }

    /** @return how many iterations were taken */
    public int iterations() {
        return iteration;
    }

    /** @return the epoch of the last iteration taken, 1-based */
    public int epochs() {
        return epoch;
    }

    /** @return how the run ended, or null while it goes on */
    public O outcome() {
        return outcome;
    }
}
