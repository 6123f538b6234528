package io.github.sgdlab.descent;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import io.github.sgdlab.data.FeatureData;

import java.util.ArrayList;
import java.util.List;

/**
 * All runs of a configuration on DJL at once. The runs are independent, so they are stacked into
 * one batch ({@link BatchedGradient}): one {@link ai.djl.training.GradientCollector} per iteration
 * differentiates the sum of the R runs' losses, whose gradient with respect to run r's θ is run
 * r's own gradient. That costs one collector per iteration instead of one per iteration and run.
 *
 * <p>Each run's update, records and stopping live in its {@link RunState}. A run that has
 * stopped still rides along in the batch (its rows are independent of the others) until every
 * run has stopped. Every run's plain-Java {@link io.github.sgdlab.reference.ReferenceRun} steps in lockstep, so the
 * deviation between the two trajectories is measured without storing either.
 */
final class AutogradDescent {

    private final NDManager manager;
    private final DescentConfig config;
    private final StoppingRule rule;
    private final DescentProgress progress;
    private final TrajectoryListener listener;

    /**
     * Prepares the batch.
     *
     * @param manager the caller's manager (PyTorch engine); every array lives in sub-managers
     * @param config the configuration
     * @param rule the stopping rule
     * @param progress hears of every epoch
     * @param listener hears of every θ
     */
    AutogradDescent(NDManager manager, DescentConfig config, StoppingRule rule,
            DescentProgress progress, TrajectoryListener listener) {
        this.progress = progress;
        this.listener = listener;
        this.manager = manager;
        this.config = config;
        this.rule = rule;
    }

    /** What the batch computed: every run, and the largest deviation from the reference. */
    record Outcomes(List<RunResult> runs, double maxReferenceDeviation) {}

    /**
     * Runs every run to its stop.
     *
     * @return the runs and the deviation
     */
    Outcomes run() {
        FeatureData data = config.data();
        int runs = config.runs();
        int n = data.samples();
        int d = data.features();
        int width = d + 2;
        double[][] x = new double[d][];
        for (int j = 0; j < d; j++) {
            x[j] = data.feature(j);
        }
        double[] y = data.y();
        long[] cuts = cuts(n, config.sliceSize());
        RunState[] states = new RunState[runs];
        for (int r = 0; r < runs; r++) {
            states[r] = new RunState(config, r, rule, listener);
        }
        int active = runs;
        // A stopped run draws no more permutations; its rows ride along in sample order.
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) {
            identity[i] = i;
        }
        try (BatchedGradient batch = new BatchedGradient(manager, runs, d,
                config.dataType(), config.sliceSize())) {
            for (int epoch = 1; epoch <= config.maxEpochs() && active > 0; epoch++) {
                try (NDManager epochScope = manager.newSubManager()) {
                    // The epoch's samples in each run's order, as [x1, ..., xd, 1, -y] rows.
                    double[] rows = new double[runs * n * width];
                    for (int r = 0; r < runs; r++) {
                        int[] order = states[r].active() ? states[r].nextOrder() : identity;
                        for (int k = 0; k < n; k++) {
                            int at = width * (r * n + k);
                            for (int j = 0; j < d; j++) {
                                rows[at + j] = x[j][order[k]];
                            }
                            rows[at + d] = 1.0;
                            rows[at + d + 1] = -y[order[k]];
                        }
                    }
                    NDList slices = batch.samples(epochScope, rows, n).split(cuts, 1);
                    active = epoch(slices, states, active, epoch, batch, d + 1);
                }
                progress.epochDone(epoch, config.maxEpochs(), active);
            }
        }
        List<RunResult> results = new ArrayList<>(runs);
        double maxDeviation = 0;
        for (RunState state : states) {
            results.add(state.result());
            maxDeviation = Math.max(maxDeviation, state.maxDeviation());
        }
        return new Outcomes(results, maxDeviation);
    }

    /**
     * The iterations of one epoch, one slice each, until every run has stopped.
     *
     * @return how many runs are still active
     */
    private static int epoch(NDList slices, RunState[] states, int active, int epoch,
            BatchedGradient batch, int stride) {
        int runs = states.length;
        double[] thetas = new double[runs * stride];
        double[] gradients = new double[runs * stride];
        for (int k = 0; k < slices.size() && active > 0; k++) {
            for (int r = 0; r < runs; r++) {
                states[r].copyTheta(thetas, r * stride);
            }
            batch.compute(slices.get(k), thetas, gradients);
            for (int r = 0; r < runs; r++) {
                if (states[r].active()) {
                    states[r].step(gradients, r * stride, epoch);
                    if (!states[r].active()) {
                        active--;
                    }
                }
            }
        }
        return active;
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
}
