package io.github.sgdlab.descent;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;

/**
 * One run inside the DJL batch: its θ and velocity, its epoch orders, its stopping state, its
 * trajectory record and its plain-Java reference stepping in lockstep.
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
    private final ReferenceRun reference;
    private final TrajectoryRecorder recorder;

    private double theta0;
    private double theta1;
    private double velocity0;
    private double velocity1;
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
     */
    RunState(DescentConfig config, int run, StoppingRule rule) {
        this.config = config;
        this.run = run;
        this.rule = rule;
        this.float32 = config.dataType() == DataType.FLOAT32;
        this.order = new EpochOrder(config, run);
        this.reference = new ReferenceRun(config, run, rule);
        this.theta0 = toType(config.start().theta0());
        this.theta1 = toType(config.start().theta1());
        this.recorder = config.keepTrajectory() ? new TrajectoryRecorder(theta0, theta1) : null;
    }

    /** @return whether the run goes on */
    boolean active() {
        return outcome == null;
    }

    /** @return θ0 now */
    double theta0() {
        return theta0;
    }

    /** @return θ1 now */
    double theta1() {
        return theta1;
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
     * @param grad0 ∂loss/∂θ0
     * @param grad1 ∂loss/∂θ1
     * @param epoch the epoch this iteration belongs to
     */
    void step(double grad0, double grad1, int epoch) {
        double mu = config.momentum();
        double lr = config.learningRate();
        if (float32) {
            float v0 = (float) mu * (float) velocity0 + (float) grad0;
            float v1 = (float) mu * (float) velocity1 + (float) grad1;
            velocity0 = v0;
            velocity1 = v1;
            theta0 = (float) theta0 - (float) lr * v0;
            theta1 = (float) theta1 - (float) lr * v1;
        } else {
            velocity0 = mu * velocity0 + grad0;
            velocity1 = mu * velocity1 + grad1;
            theta0 = theta0 - lr * velocity0;
            theta1 = theta1 - lr * velocity1;
        }
        iterations++;
        epochs = epoch;
        if (recorder != null) {
            recorder.add(grad0, grad1, velocity0, velocity1, theta0, theta1);
        }
        if (reference.step()) {
            maxDeviation = Math.max(maxDeviation, deviation());
        }
        outcome = rule.check(theta0, theta1);
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
        LinearData data = config.data();
        Trajectory trajectory = recorder == null
                ? null : recorder.build(data, config.iterationsPerEpoch());
        return new RunResult(config.shuffleSeed(run),
                outcome == null ? Outcome.NOT_CONVERGED : outcome, iterations, epochs,
                theta0, theta1, LeastSquares.loss(data, theta0, theta1), trajectory);
    }

    private double toType(double value) {
        return float32 ? (float) value : value;
    }

    /**
     * How far θ_DJL lies from θ_reference, relative to the reference's size (but at least 1):
     * a diverging run's θ grows by orders of magnitude before it stops, and rounding error grows
     * with it. The larger component counts; 0 where either side is no longer finite.
     */
    private double deviation() {
        double d = Math.max(relative(theta0, reference.theta0()),
                relative(theta1, reference.theta1()));
        return Double.isFinite(d) ? d : 0;
    }

    private static double relative(double value, double reference) {
        return Math.abs(value - reference) / Math.max(1.0, Math.abs(reference));
    }
}
