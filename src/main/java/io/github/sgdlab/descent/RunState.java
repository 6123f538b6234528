package io.github.sgdlab.descent;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.reference.LeastSquares;
import io.github.sgdlab.reference.ReferenceRun;

/**
 * One run inside the DJL batch: its θ and velocity (d + 1 components, intercept first), its
 * epoch orders, its stopping state, its trajectory record and its plain-Java reference stepping
 * in lockstep.
 *
 * <p>The update {@code v ← μ·v + g}, {@code θ ← θ − lr·v} (PyTorch {@code SGD}, dampening 0)
 * runs in the working type: double arithmetic for float64, float arithmetic for float32, so θ
 * always holds a value of the tensor type. Not thread-safe.
 */
final class RunState {

    private final DescentConfig config;
    private final int run;
    private final StoppingRule rule;
    private final boolean float32;
    private final EpochOrder order;
    private final ReferenceRun<Outcome> reference;
    private final TrajectoryRecorder recorder;
    private final TrajectoryListener listener;
    private final double[] theta;
    private final double[] velocity;
    private final double[] gradient;

    private int iterations;
    private int epochs;
    private Outcome outcome;
    private double maxDeviation;

    /**
     * Starts run {@code run} at θ_0, rounded to the working type.
     *
     * @param config the configuration
     * @param run the run, 0-based
     * @param rule the stopping rule
     * @param listener hears of θ_0 now and of every θ after
     */
    RunState(DescentConfig config, int run, StoppingRule rule, TrajectoryListener listener) {
        this.config = config;
        this.run = run;
        this.rule = rule;
        this.float32 = config.dataType() == DataType.FLOAT32;
        this.order = new EpochOrder(config, run);
        this.reference = reference(config, run, rule);
        this.theta = config.start().values();
        for (int j = 0; j < theta.length; j++) {
            theta[j] = toType(theta[j]);
        }
        this.velocity = new double[theta.length];
        this.gradient = new double[theta.length];
        this.recorder = config.keepTrajectory() ? new TrajectoryRecorder(theta) : null;
        this.listener = listener;
        tell(0);
    }

    /**
     * The plain-Java witness of run {@code run}: the same settings, its own copy of the run's
     * epoch orders, the same stopping rule.
     *
     * @param config the configuration
     * @param run the run, 0-based
     * @param rule the stopping rule
     * @return the witness at θ_0, before its first iteration
     */
    static ReferenceRun<Outcome> reference(DescentConfig config, int run, StoppingRule rule) {
        return new ReferenceRun<>(config.data(), config.start().values(),
                new ReferenceRun.Settings(config.learningRate(), config.momentum(),
                        config.sliceSize(), config.maxEpochs()),
                new EpochOrder(config, run)::next, rule::check, Outcome.NOT_CONVERGED);
    }

    /** Tells the listener of θ now, with the full-data loss there (as the trajectory has it). */
    private void tell(int epoch) {
        if (listener != TrajectoryListener.NONE) {
            listener.iteration(run, epoch, iterations, theta,
                    LeastSquares.loss(config.data(), theta));
        }
    }

    /** @return whether the run goes on */
    boolean active() {
        return outcome == null;
    }

    /**
     * Copies θ now into a batch's array.
     *
     * @param out every run's θ, d + 1 values each
     * @param offset where this run's θ0 goes
     */
    void copyTheta(double[] out, int offset) {
        System.arraycopy(theta, 0, out, offset, theta.length);
    }

    /**
     * The next epoch's sample order.
     *
     * @return a permutation of the sample indices
     */
    int[] nextOrder() {
        return order.next();
    }

    /**
     * Takes one step with a gradient DJL computed at the current θ, records it, steps the
     * reference and compares, and checks the stopping rules.
     *
     * @param gradients every run's gradient, d + 1 values each, intercept first
     * @param offset where this run's ∂loss/∂θ0 is
     * @param epoch the epoch this iteration belongs to
     */
    void step(double[] gradients, int offset, int epoch) {
        double mu = config.momentum();
        double lr = config.learningRate();
        System.arraycopy(gradients, offset, gradient, 0, gradient.length);
        for (int j = 0; j < theta.length; j++) {
            if (float32) {
                float v = (float) mu * (float) velocity[j] + (float) gradient[j];
                velocity[j] = v;
                theta[j] = (float) theta[j] - (float) lr * v;
            } else {
                velocity[j] = mu * velocity[j] + gradient[j];
                theta[j] = theta[j] - lr * velocity[j];
            }
        }
        iterations++;
        epochs = epoch;
        if (recorder != null) {
            recorder.add(gradient, velocity, theta);
        }
        tell(epoch);
        if (reference.step()) {
            maxDeviation = Math.max(maxDeviation, deviation());
        }
        outcome = rule.check(theta);
    }

    /** @return the largest deviation from the reference so far */
    double maxDeviation() {
        return maxDeviation;
    }

    /**
     * The run's result; a run still going when the epochs ran out did not converge.
     *
     * @return the result, with the trajectory if it was kept
     */
    RunResult result() {
        FeatureData data = config.data();
        Trajectory trajectory = recorder == null
                ? null : recorder.build(data, config.iterationsPerEpoch());
        return new RunResult(config.shuffleSeed(run),
                outcome == null ? Outcome.NOT_CONVERGED : outcome, iterations, epochs,
                theta.clone(), LeastSquares.loss(data, theta), trajectory);
    }

    private double toType(double value) {
        return float32 ? (float) value : value;
    }

    /**
     * How far θ_DJL lies from θ_reference, relative to the reference's size (but at least 1):
     * a diverging run's θ grows by orders of magnitude before it stops, and rounding error grows
     * with it. The largest component counts; 0 where either side is no longer finite.
     */
    private double deviation() {
        double d = 0;
        for (int j = 0; j < theta.length; j++) {
            d = Math.max(d, relative(theta[j], reference.theta(j)));
        }
        return Double.isFinite(d) ? d : 0;
    }

    private static double relative(double value, double reference) {
        return Math.abs(value - reference) / Math.max(1.0, Math.abs(reference));
    }
}
