package io.github.sgdlab.descent;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;

import java.util.ArrayList;
import java.util.List;

/**
 * All runs of a configuration on DJL at once. The runs are independent, so they are stacked into
 * one batch ({@link BatchedGradient}): one {@link ai.djl.training.GradientCollector} per iteration
 * differentiates the sum of the R runs' losses, whose gradient with respect to run r's θ is run
 * r's own gradient. That costs one collector per iteration instead of one per iteration and run.
 *
 * <p>The update {@code v ← μ·v + g}, {@code θ ← θ − lr·v} (PyTorch {@code SGD}, dampening 0)
 * runs in Java in the working type: double arithmetic for float64, float arithmetic for float32,
 * so θ always holds a value of the tensor type. A run that has stopped still rides along in the
 * batch (its rows are independent of the others) until every run has stopped.
 *
 * <p>Every run's plain-Java {@link ReferenceRun} steps in lockstep, so the deviation between the
 * two trajectories is measured without storing either.
 */
final class AutogradDescent {

    private final NDManager manager;
    private final DescentConfig config;
    private final StoppingRule rule;
    private final boolean float32;
    private final DescentProgress progress;

    /**
     * Prepares the batch.
     *
     * @param manager the caller's manager (PyTorch engine); every array lives in sub-managers
     * @param config the configuration
     * @param rule the stopping rule
     * @param progress hears of every epoch
     */
    AutogradDescent(NDManager manager, DescentConfig config, StoppingRule rule,
            DescentProgress progress) {
        this.progress = progress;
        this.manager = manager;
        this.config = config;
        this.rule = rule;
        this.float32 = config.dataType() == DataType.FLOAT32;
    }

    /** What the batch computed: every run, and the largest deviation from the reference. */
    record Outcomes(List<RunResult> runs, double maxReferenceDeviation) {}

    /**
     * Runs every run to its stop.
     *
     * @return the runs and the deviation
     */
    Outcomes run() {
        LinearData data = config.data();
        int runs = config.runs();
        int n = data.samples();
        int sliceSize = config.sliceSize();
        long[] cuts = cuts(n, sliceSize);
        double mu = config.momentum();
        double lr = config.learningRate();
        float mu32 = (float) mu;
        float lr32 = (float) lr;

        double[] theta0 = new double[runs];
        double[] theta1 = new double[runs];
        double[] velocity0 = new double[runs];
        double[] velocity1 = new double[runs];
        int[] iterations = new int[runs];
        int[] epochs = new int[runs];
        Outcome[] outcomes = new Outcome[runs];
        EpochOrder[] orders = new EpochOrder[runs];
        ReferenceRun[] references = new ReferenceRun[runs];
        TrajectoryRecorder[] recorders = new TrajectoryRecorder[runs];
        double start0 = roundToType(config.start().theta0());
        double start1 = roundToType(config.start().theta1());
        for (int r = 0; r < runs; r++) {
            theta0[r] = start0;
            theta1[r] = start1;
            orders[r] = new EpochOrder(config, r);
            references[r] = new ReferenceRun(config, r, rule);
            if (config.keepTrajectory()) {
                recorders[r] = new TrajectoryRecorder(start0, start1);
            }
        }
        int active = runs;
        double maxDeviation = 0;
        // A stopped run draws no more permutations; its rows ride along in sample order.
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }

        double[] grad0 = new double[runs];
        double[] grad1 = new double[runs];
        try (BatchedGradient batch = new BatchedGradient(manager, runs, config.dataType())) {
            for (int epoch = 1; epoch <= config.maxEpochs() && active > 0; epoch++) {
                try (NDManager epochScope = manager.newSubManager()) {
                    // The epoch's samples in each run's order, as [x1, 1, -y] rows.
                    double[] rows = new double[runs * n * 3];
                    for (int r = 0; r < runs; r++) {
                        int[] order = outcomes[r] == null ? orders[r].next() : identity;
                        for (int k = 0; k < n; k++) {
                            int at = 3 * (r * n + k);
                            rows[at] = data.x1(order[k]);
                            rows[at + 1] = 1.0;
                            rows[at + 2] = -data.y(order[k]);
                        }
                    }
                    NDList slices = batch.samples(epochScope, rows, n).split(cuts, 1);
                    for (int k = 0; k < slices.size() && active > 0; k++) {
                        batch.compute(slices.get(k), theta0, theta1, grad0, grad1);
                        for (int r = 0; r < runs; r++) {
                            if (outcomes[r] != null) {
                                continue;
                            }
                            double g0 = grad0[r];
                            double g1 = grad1[r];
                            if (float32) {
                                float v0 = mu32 * (float) velocity0[r] + (float) g0;
                                float v1 = mu32 * (float) velocity1[r] + (float) g1;
                                velocity0[r] = v0;
                                velocity1[r] = v1;
                                theta0[r] = (float) theta0[r] - lr32 * v0;
                                theta1[r] = (float) theta1[r] - lr32 * v1;
                            } else {
                                velocity0[r] = mu * velocity0[r] + g0;
                                velocity1[r] = mu * velocity1[r] + g1;
                                theta0[r] = theta0[r] - lr * velocity0[r];
                                theta1[r] = theta1[r] - lr * velocity1[r];
                            }
                            iterations[r]++;
                            epochs[r] = epoch;
                            if (recorders[r] != null) {
                                recorders[r].add(g0, g1, velocity0[r], velocity1[r],
                                        theta0[r], theta1[r]);
                            }
                            if (references[r].step()) {
                                maxDeviation = Math.max(maxDeviation, deviation(
                                        theta0[r], theta1[r], references[r]));
                            }
                            outcomes[r] = rule.check(theta0[r], theta1[r]);
                            if (outcomes[r] != null) {
                                active--;
                            }
                        }
                    }
                }
                progress.epochDone(epoch, config.maxEpochs(), active);
            }
        }
        List<RunResult> results = new ArrayList<>(runs);
        for (int r = 0; r < runs; r++) {
            Outcome outcome = outcomes[r] == null ? Outcome.NOT_CONVERGED : outcomes[r];
            Trajectory trajectory = recorders[r] == null
                    ? null : recorders[r].build(data, config.iterationsPerEpoch());
            results.add(new RunResult(config.shuffleSeed(r), outcome, iterations[r], epochs[r],
                    theta0[r], theta1[r], LeastSquares.loss(data, theta0[r], theta1[r]),
                    trajectory));
        }
        return new Outcomes(results, maxDeviation);
    }

    private double roundToType(double value) {
        return float32 ? (float) value : value;
    }

    /** Where the epoch is cut into slices: B, 2B, ... below n. */
    private static long[] cuts(int n, int sliceSize) {
        int slices = (n + sliceSize - 1) / sliceSize;
        long[] cuts = new long[slices - 1];
        for (int k = 1; k < slices; k++) {
            cuts[k - 1] = (long) k * sliceSize;
        }
        return cuts;
    }

    /**
     * How far θ_DJL lies from θ_reference, relative to the reference's size (but at least 1):
     * a diverging run's θ grows by orders of magnitude before it stops, and rounding error grows
     * with it. The larger component counts; 0 where either side is no longer finite.
     */
    private static double deviation(double theta0, double theta1, ReferenceRun reference) {
        double d = Math.max(relative(theta0, reference.theta0()),
                relative(theta1, reference.theta1()));
        return Double.isFinite(d) ? d : 0;
    }

    private static double relative(double value, double reference) {
        return Math.abs(value - reference) / Math.max(1.0, Math.abs(reference));
    }
}
