package io.github.sgdlab.descent;

import io.github.sgdlab.reference.LeastSquares;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.privacy.PrivacyEngine;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * DP-SGD on the lab's linear model, with Opacus's semantics through {@link PrivacyEngine}: each
 * iteration a Poisson batch (every sample joins with probability q = B/n, as
 * {@link io.github.sgdlab.privacy.PoissonSampler} draws it; ⌊1/q⌋ iterations an epoch), each
 * sample's gradient of the squared error {@code (y − θ·x)²} clipped to norm C, the clipped sum
 * noised with {@code N(0, (σC)²)} and divided by the expected batch size B, then PyTorch's SGD
 * update with momentum. The stopping rules are {@link Descent}'s; ε at δ is the accountant's for
 * the iterations each run took.
 *
 * <pre>{@code
 * DescentConfig config = DescentConfig.builder().setLearningRate(0.05)
 *         .optMethod(Method.MINIBATCH).optBatch(8).optMaxEpochs(100).build();
 * PrivateDescentResult result = PrivateDescent.run(config,
 *         new PrivateSettings(1.0, 1.1, 1e-5, "rdp"));
 * }</pre>
 *
 * <p>Run r draws its batches from {@code SplittableRandom(shuffleSeed + r)} and its noise from
 * the engine's generator seeded with the complement of that seed: a run is reproducible bit for
 * bit. The configuration's method is not read (DP-SGD is always Poisson sampling); its batch is B.
 */
public final class PrivateDescent {

    /** Every element of an array. */
    private static final NDIndex ALL = new NDIndex(":");

    private PrivateDescent() {}

    /**
     * Runs every run of the configuration on a PyTorch manager of its own.
     *
     * @param config data, start, learning rate, momentum, batch B, runs, seeds, ε, max epochs,
     *     data type and whether to keep trajectories
     * @param settings C, σ, δ and the accountant
     * @return the runs and ε per run
     */
    public static PrivateDescentResult run(DescentConfig config, PrivateSettings settings) {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            return run(manager, config, settings);
        }
    }

    /**
     * Runs every run of the configuration.
     *
     * @param manager the caller's PyTorch manager; nothing is left on it
     * @param config the configuration
     * @param settings C, σ, δ and the accountant
     * @return the runs and ε per run
     */
    public static PrivateDescentResult run(NDManager manager, DescentConfig config,
            PrivateSettings settings) {
        return run(manager, config, settings, TrajectoryListener.NONE);
    }

    /**
     * Runs every run of the configuration, telling {@code listener} of every θ as
     * {@link Descent#run(NDManager, DescentConfig, DescentProgress, TrajectoryListener)} does:
     * with {@code optKeepTrajectory(false)} the trajectories are then written or kept by the
     * listener alone, in the memory it chooses. The runs go one after the other (run 0 to its
     * stop, then run 1, …), each in order from iteration 0 (θ_0, epoch 0).
     *
     * @param manager the caller's PyTorch manager; nothing is left on it
     * @param config the configuration
     * @param settings C, σ, δ and the accountant
     * @param listener hears of every θ of every run, with the full-data loss there
     * @return the runs (with their trajectories if the configuration keeps them) and ε per run
     */
    public static PrivateDescentResult run(NDManager manager, DescentConfig config,
            PrivateSettings settings, TrajectoryListener listener) {
        FeatureData data = config.data();
        double[] thetaStar = LeastSquares.minimiser(data);
        StoppingRule rule = new StoppingRule(thetaStar, config.start().values(), config.eps());
        double sampleRate = (double) config.batch() / data.samples();
        List<RunResult> runs = new ArrayList<>();
        double[] epsilons = new double[config.runs()];
        for (int r = 0; r < config.runs(); r++) {
            try (NDManager runScope = manager.newSubManager()) {
                Run run = new Run(runScope, config, settings, sampleRate, rule, r, listener);
                runs.add(run.descend());
                epsilons[r] = run.engine.getEpsilon(settings.delta());
            }
        }
        return new PrivateDescentResult(new DescentResult(config, thetaStar, runs, Double.NaN),
                settings, sampleRate, epsilons);
    }

    /** One run: its block, engine, sampler and record. */
    private static final class Run {

        private final NDManager manager;
        private final DescentConfig config;
        private final StoppingRule rule;
        private final double sampleRate;
        private final long seed;
        private final PrivacyEngine engine;
        private final Linear block;
        private final Parameter weight;
        private final Parameter bias;
        private final int run;
        private final TrajectoryListener listener;

        Run(NDManager manager, DescentConfig config, PrivateSettings settings, double sampleRate,
                StoppingRule rule, int r, TrajectoryListener listener) {
            this.manager = manager;
            this.run = r;
            this.listener = listener;
            this.config = config;
            this.rule = rule;
            this.sampleRate = sampleRate;
            this.seed = config.shuffleSeed(r);
            this.engine = PrivacyEngine.builder()
                    .setLoss(PerSampleLoss.squaredError())
                    .setMaxGradNorm(settings.clip())
                    .setNoiseMultiplier(settings.noise())
                    .setSampleRate(sampleRate)
                    .setExpectedBatchSize(config.batch())
                    .optAccountant(settings.accountant())
                    .optSeed(~seed)
                    .build();
            int d = config.features();
            this.block = Linear.builder().setUnits(1).build();
            block.initialize(manager, config.dataType(), new Shape(1, d));
            this.weight = block.getParameters().get("weight");
            this.bias = block.getParameters().get("bias");
        }

        RunResult descend() {
            FeatureData data = config.data();
            int n = data.samples();
            int d = data.features();
            int perEpoch = (int) (1 / sampleRate);
            double[] theta = config.start().values();
            double[] velocity = new double[d + 1];
            double[] gradient = new double[d + 1];
            TrajectoryRecorder recorder = config.keepTrajectory()
                    ? new TrajectoryRecorder(theta) : null;
            tell(0, 0, theta);
            SplittableRandom random = new SplittableRandom(seed);
            double[] rows = new double[n * d];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < d; j++) {
                    rows[i * d + j] = data.feature(j)[i];
                }
            }
            double[] y = data.y();
            Outcome outcome = Outcome.NOT_CONVERGED;
            int iterations = 0;
            int epoch = 0;
            DataType type = config.dataType();
            outer:
            for (epoch = 1; epoch <= config.maxEpochs(); epoch++) {
                for (int k = 0; k < perEpoch; k++) {
                    List<Integer> batch = new ArrayList<>();
                    for (int i = 0; i < n; i++) {
                        if (random.nextDouble() < sampleRate) {
                            batch.add(i);
                        }
                    }
                    try (NDManager step = manager.newSubManager()) {
                        double[] x = new double[batch.size() * d];
                        double[] labels = new double[batch.size()];
                        for (int b = 0; b < batch.size(); b++) {
                            System.arraycopy(rows, batch.get(b) * d, x, b * d, d);
                            labels[b] = y[batch.get(b)];
                        }
                        load(step, theta, type);
                        NDArray inputs = step.create(x, new Shape(batch.size(), d)).toType(type,
                                false);
                        NDArray targets = step.create(labels).toType(type, false);
                        engine.step(block, new NDList(inputs), targets);
                        try (NDArray gw = weight.getArray().getGradient();
                                NDArray gb = bias.getArray().getGradient()) {
                            double[] w = gw.toType(DataType.FLOAT64, false).toDoubleArray();
                            gradient[0] = gb.toType(DataType.FLOAT64, false).toDoubleArray()[0];
                            System.arraycopy(w, 0, gradient, 1, d);
                        }
                    }
                    // PyTorch's SGD: v = μ·v + g, θ = θ − lr·v (v = g at the first step).
                    for (int j = 0; j <= d; j++) {
                        velocity[j] = iterations == 0 ? gradient[j]
                                : config.momentum() * velocity[j] + gradient[j];
                        theta[j] -= config.learningRate() * velocity[j];
                    }
                    iterations++;
                    if (recorder != null) {
                        recorder.add(gradient, velocity, theta);
                    }
                    tell(epoch, iterations, theta);
                    Outcome stop = rule.check(theta);
                    if (stop != null) {
                        outcome = stop;
                        break outer;
                    }
                }
            }
            int epochs = Math.min(epoch, config.maxEpochs());
            return new RunResult(seed, outcome, iterations, epochs, theta,
                    LeastSquares.loss(data, theta),
                    recorder == null ? null : recorder.build(data, perEpoch));
        }

        /**
         * Tells the listener of θ_t, with the full-data loss there: the loss the kept trajectory
         * computes at the same θ ({@link TrajectoryRecorder#build}), so a listener's file is the
         * kept trajectory's, byte for byte.
         */
        private void tell(int epoch, int t, double[] theta) {
            if (listener != TrajectoryListener.NONE) {
                listener.iteration(run, epoch, t, theta, LeastSquares.loss(config.data(), theta));
            }
        }

        /** Writes θ into the block's parameters, in the working type. */
        private void load(NDManager step, double[] theta, DataType type) {
            int d = theta.length - 1;
            double[] w = new double[d];
            System.arraycopy(theta, 1, w, 0, d);
            // libtorch refuses an in-place write into a leaf that requires a gradient (and
            // set(Buffer) warns on stderr): lift the flag for the write.
            replace(weight.getArray(), step.create(w, new Shape(1, d)).toType(type, false));
            replace(bias.getArray(), step.create(new double[] {theta[0]}).toType(type, false));
        }

        private static void replace(NDArray parameter, NDArray value) {
            parameter.setRequiresGradient(false);
            parameter.set(ALL, value);
            parameter.setRequiresGradient(true);
            value.close();
        }
    }
}
