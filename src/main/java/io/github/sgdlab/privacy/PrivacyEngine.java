package io.github.sgdlab.privacy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.util.Pair;

import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Differentially private SGD (DP-SGD) for any DJL block, with Opacus's semantics: each sample's
 * gradient clipped, the clipped gradients summed, Gaussian noise added, the sum divided by the
 * expected batch size, and every step accounted.
 *
 * <pre>{@code
 * PrivacyEngine engine = PrivacyEngine.builder()
 *         .setLoss(PerSampleLoss.softmaxCrossEntropy())
 *         .setMaxGradNorm(1.0)
 *         .setNoiseMultiplier(1.1)
 *         .setSampleRate(256.0 / 60000)
 *         .setExpectedBatchSize(256)
 *         .build();
 * for (Batch batch : trainer.iterateDataset(dataset)) {   // sampled with a PoissonSampler
 *     engine.trainBatch(trainer, batch);
 *     trainer.step();
 *     batch.close();
 * }
 * double epsilon = engine.getEpsilon(1e-5);
 * }</pre>
 *
 * <ul>
 *   <li><b>Clipping.</b> {@link Clipping#FLAT}: factor {@code min(1, C/(‖g_i‖ + 1e-6))} over all
 *       trainable parameters; {@link Clipping#PER_LAYER}: the same per parameter, noise std
 *       {@code σ·C·√P}.</li>
 *   <li><b>Noise.</b> {@code N(0, (σC)²)} on every coordinate of the clipped sum, then division by
 *       the <i>expected</i> batch size, not the actual one (Poisson batches vary; dividing by the
 *       actual size would leak it).</li>
 *   <li><b>Trainable parameters only.</b> Frozen parameters ({@code requiresGradient()} false)
 *       are neither clipped nor noised nor written; a parameter shared by two blocks counts
 *       once.</li>
 *   <li><b>The block is left as found</b> apart from the trainable parameters' gradients, which
 *       are replaced (also before the block's first backward pass).</li>
 *   <li><b>Memory.</b> Without ghost clipping, a logical batch is processed in chunks whose
 *       per-sample gradients hold at most {@value #MATERIALISED_AT_MOST} elements (fewer
 *       samples if {@link Builder#optMaxPhysicalBatchSize} says so): the same gradient within
 *       rounding, faster, and a peak memory that does not grow with the batch.</li>
 *   <li><b>Threads.</b> Steps are serialised on the engine (the accountant and the noise
 *       generator are shared state).</li>
 * </ul>
 */
public final class PrivacyEngine {

    /**
     * The most per-sample gradient elements the materialised path holds at once: a logical batch
     * whose per-sample gradients would be larger is processed in chunks of samples that fit
     * (the same gradient within rounding, as {@link Builder#optMaxPhysicalBatchSize}). Why: an
     * array above glibc's largest mmap threshold (32 MiB) is a fresh mapping every step, whose
     * first writes page-fault; on MLP 784-128-10 at n = 256 the [256, 128, 784] outer product
     * took 246 ms whole and 8 ms in chunks of 32 samples (src/test/bench/README.md). It also
     * bounds the step's peak memory however large the batch.
     */
    static final long MATERIALISED_AT_MOST = 1L << 22;

    private final PerSampleLoss loss;
    private final double maxGradNorm;
    private final double noiseMultiplier;
    private final double sampleRate;
    private final int expectedBatchSize;
    private final Clipping clipping;
    private final PrivacyAccountant accountant;
    /** Whether a step was taken without noise (σ = 0): then ε is infinite. */
    private volatile boolean noiseFreeSteps;
    private final GaussianNoise noise;
    private final int maxPhysicalBatchSize;
    private final GhostClipping ghost;
    private final Map<Block, PerSample> perSamples = new ConcurrentHashMap<>();

    private PrivacyEngine(Builder builder, double noiseMultiplier) {
        this.loss = builder.loss;
        this.maxGradNorm = builder.maxGradNorm;
        this.noiseMultiplier = noiseMultiplier;
        this.sampleRate = builder.sampleRate;
        this.expectedBatchSize = builder.expectedBatchSize;
        this.clipping = builder.clipping;
        this.accountant = builder.accountantInstance != null
                ? builder.accountantInstance
                : PrivacyAccountant.create(builder.accountant);
        if (builder.secureMode) {
            this.noise = GaussianNoise.secure();
        } else if (builder.seed != null) {
            this.noise = GaussianNoise.seeded(builder.seed);
        } else {
            this.noise = GaussianNoise.unseeded();
        }
        this.maxPhysicalBatchSize = builder.maxPhysicalBatchSize;
        this.ghost = builder.ghostClipping
                ? new GhostClipping(loss, maxGradNorm, clipping)
                : null;
    }

    /**
     * Starts a builder.
     *
     * @return a builder; loss, clipping norm, noise (or target ε), sample rate and expected batch
     *     size are required
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * One private step for one logical batch: the private gradient written into each trainable
     * parameter's gradient (replacing it), the parameter values untouched, and one accountant step
     * {@code (σ, q)}. An empty batch (no samples) gets a noise-only gradient and is accounted too.
     *
     * @param block an initialised block
     * @param inputs the block's inputs, samples along the first axis of each
     * @param labels the labels, samples along the first axis
     * @throws IllegalArgumentException if the block has no trainable parameter, or the inputs and
     *     labels disagree on the number of samples
     */
    public synchronized void step(Block block, NDList inputs, NDArray labels) {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(inputs, "inputs");
        Objects.requireNonNull(labels, "labels");
        List<Pair<String, Parameter>> trainable = trainableParameters(block);
        if (trainable.isEmpty()) {
            throw new IllegalArgumentException("the block has no trainable parameter to train "
                    + "privately (all are frozen, or it is not initialised)");
        }
        long samples = labels.getShape().get(0);
        for (NDArray input : inputs) {
            if (input.getShape().get(0) != samples) {
                throw new IllegalArgumentException("inputs of shape " + input.getShape()
                        + " do not hold the labels' " + samples + " samples");
            }
        }
        double std = noiseStd(trainable.size());
        try (NDManager scratch = labels.getManager().newSubManager()) {
            NDArray[] sums = new NDArray[trainable.size()];
            int chunk = physicalBatchSize(block, trainable, samples);
            for (long from = 0; from < samples; from += chunk) {
                long to = Math.min(samples, from + chunk);
                NDList chunkInputs = inputs;
                NDArray chunkLabels = labels;
                if (from > 0 || to < samples) {
                    NDIndex range = new NDIndex().addSliceDim(from, to);
                    chunkInputs = new NDList();
                    for (NDArray input : inputs) {
                        chunkInputs.add(input.get(scratch, range));
                    }
                    chunkLabels = labels.get(scratch, range);
                }
                accumulateClipped(block, trainable, chunkInputs, chunkLabels, sums, scratch);
            }
            List<Parameter> parameters = new ArrayList<>();
            List<NDArray> gradients = new ArrayList<>();
            for (int p = 0; p < sums.length; p++) {
                Parameter parameter = trainable.get(p).getValue();
                NDArray value = parameter.getArray();
                NDArray sum = sums[p] != null
                        ? sums[p]
                        : scratch.zeros(value.getShape(), value.getDataType());
                NDArray noisy = sum.add(noiseLike(sum, std, scratch));
                gradients.add(noisy.div(scratch.create((double) expectedBatchSize)));
                parameters.add(parameter);
            }
            GradientWriter.write(parameters, gradients);
        }
        if (noiseMultiplier > 0) {
            accountant.step(noiseMultiplier, sampleRate);
        } else {
            // Without noise a step has no privacy to account for: the accountants refuse σ = 0,
            // and ε is infinite from this step on (Opacus's RDP accountant says ∞ as well).
            noiseFreeSteps = true;
        }
    }

    /**
     * One private step for a DJL trainer's model, like {@code EasyTrain.trainBatch}: the private
     * gradient written into the model's trainable parameters, and the trainer's listeners told of
     * the batch (so its loss and evaluator metrics update, from a forward pass in training mode).
     * The caller then calls {@code trainer.step()}. An empty batch takes a noise-only step and
     * updates no metric (there is nothing to measure).
     *
     * @param trainer the trainer whose model to train
     * @param batch one logical batch, for instance from a {@link PoissonSampler}
     */
    public void trainBatch(Trainer trainer, Batch batch) {
        NDList data = batch.getData();
        NDList labels = batch.getLabels();
        step(trainer.getModel().getBlock(), data, labels.head());
        if (labels.head().getShape().get(0) == 0) {
            return;
        }
        long time = System.nanoTime();
        NDList predictions = trainer.forward(data, labels);
        BatchData batchData = new BatchData(batch, new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
        batchData.getLabels().put(labels.get(0).getDevice(), labels);
        batchData.getPredictions().put(predictions.get(0).getDevice(), predictions);
        trainer.addMetric("training-metrics", time);
        trainer.notifyListeners(listener -> listener.onTrainingBatch(trainer, batchData));
    }

    /**
     * The ε spent so far at this δ, from the accountant; infinite once a step was taken with
     * noise multiplier 0 (such steps are not given to the accountant, which needs σ > 0).
     *
     * @param delta δ in (0, 1)
     * @return ε
     */
    public double getEpsilon(double delta) {
        double epsilon = accountant.getEpsilon(delta);
        return noiseFreeSteps ? Double.POSITIVE_INFINITY : epsilon;
    }

    /**
     * The accountant this engine steps once per {@link #step}.
     *
     * @return the accountant
     */
    public PrivacyAccountant getAccountant() {
        return accountant;
    }

    /**
     * The noise multiplier σ, given or found from the target ε.
     *
     * @return σ
     */
    public double getNoiseMultiplier() {
        return noiseMultiplier;
    }

    /**
     * The clipping norm C.
     *
     * @return C
     */
    public double getMaxGradNorm() {
        return maxGradNorm;
    }

    /**
     * The standard deviation of the noise added to each coordinate of the clipped sum:
     * {@code σ·C} ({@link Clipping#FLAT}) or {@code σ·C·√P} ({@link Clipping#PER_LAYER}, P the
     * number of trainable parameters of the block).
     *
     * @param block the block
     * @return the noise's standard deviation before division by the expected batch size
     */
    public double noiseStd(Block block) {
        return noiseStd(trainableParameters(block).size());
    }

    private double noiseStd(int parameterCount) {
        return clipping == Clipping.FLAT
                ? noiseMultiplier * maxGradNorm
                : noiseMultiplier * Math.sqrt(parameterCount * maxGradNorm * maxGradNorm);
    }

    /**
     * The chunk size: the user's {@link Builder#optMaxPhysicalBatchSize} (the whole batch if
     * none), and for the materialised path at most as many samples as
     * {@link #MATERIALISED_AT_MOST} per-sample gradient elements allow.
     */
    private int physicalBatchSize(Block block, List<Pair<String, Parameter>> trainable,
            long samples) {
        long chunk = maxPhysicalBatchSize > 0 ? maxPhysicalBatchSize : Math.max(1, samples);
        if (ghost == null || !GhostClipping.supports(block)) {
            chunk = Math.min(chunk, materialisedChunk(trainable));
        }
        return Math.toIntExact(chunk);
    }

    /** How many samples' per-sample gradients fit in {@link #MATERIALISED_AT_MOST} elements. */
    static long materialisedChunk(List<Pair<String, Parameter>> trainable) {
        long perSample = 0;
        for (Pair<String, Parameter> parameter : trainable) {
            perSample += parameter.getValue().getArray().size();
        }
        return Math.max(1, MATERIALISED_AT_MOST / Math.max(1, perSample));
    }

    /** Adds this chunk's clipped per-sample gradients to {@code sums} (arrays on scratch). */
    private void accumulateClipped(Block block, List<Pair<String, Parameter>> trainable,
            NDList inputs, NDArray labels, NDArray[] sums, NDManager scratch) {
        int samples = Math.toIntExact(labels.getShape().get(0));
        if (samples == 0) {
            return;
        }
        NDArray[] clipped = ghost != null && GhostClipping.supports(block)
                ? ghost.clippedSums(block, trainable, inputs, labels, scratch)
                : materialisedClippedSums(block, trainable, inputs, labels, scratch);
        for (int p = 0; p < sums.length; p++) {
            if (sums[p] == null) {
                sums[p] = clipped[p];
            } else {
                NDArray total = sums[p].add(clipped[p]);
                sums[p].close();
                clipped[p].close();
                sums[p] = total;
            }
        }
    }

    /**
     * Opacus's hook path: per-sample gradients materialised, each sample's factor
     * {@code min(1, C / (norm + 1e-6))}, the clipped sum {@code Σ_i c_i·g_i} as one product.
     */
    private NDArray[] materialisedClippedSums(Block block,
            List<Pair<String, Parameter>> trainable, NDList inputs, NDArray labels,
            NDManager scratch) {
        PerSample perSample = perSamples.computeIfAbsent(block,
                b -> PerSample.builder(b, loss).build());
        NDArray[] sums = new NDArray[trainable.size()];
        try (PerSampleResult result = perSample.compute(inputs, labels);
                NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            int samples = result.size();
            NDArray[] flat = new NDArray[sums.length];
            for (int p = 0; p < sums.length; p++) {
                flat[p] = result.gradient(trainable.get(p).getKey()).reshape(samples, -1);
            }
            // Each parameter's per-sample norms, then their norm, as Opacus stacks them; norm()
            // reads the gradients once, with no squared copy of them (they are the largest
            // arrays of the step).
            NDArray[] norms = new NDArray[sums.length];
            for (int p = 0; p < sums.length; p++) {
                norms[p] = flat[p].norm(new int[] {1});
            }
            NDArray flatFactor = clipping == Clipping.FLAT
                    ? factor(NDArrays.stack(new NDList(norms), 1).norm(new int[] {1}))
                    : null;
            for (int p = 0; p < sums.length; p++) {
                NDArray factor = flatFactor != null ? flatFactor : factor(norms[p]);
                Shape shape = trainable.get(p).getValue().getArray().getShape();
                sums[p] = factor.reshape(1, samples).matMul(flat[p]).reshape(shape);
            }
            for (NDArray sum : sums) {
                NDScope.unregister(sum);
                sum.attach(scratch); // before the result's manager closes
            }
        }
        return sums;
    }

    /** {@code min(1, C / (norm + 1e-6))}, Opacus's clip factor. */
    private NDArray factor(NDArray norms) {
        return ClipFactor.of(norms, maxGradNorm);
    }

    /** Noise of the sum's shape and type, {@code N(0, std²)} per coordinate, on scratch. */
    private NDArray noiseLike(NDArray sum, double std, NDManager scratch) {
        int size = Math.toIntExact(sum.size());
        double[] values = new double[size];
        if (std > 0) {
            noise.fill(values, std);
        }
        NDArray array = scratch.create(values, sum.getShape());
        if (sum.getDataType() != DataType.FLOAT64) {
            NDArray cast = array.toType(sum.getDataType(), false);
            array.close();
            array = cast;
        }
        return array;
    }

    /** The block's trainable parameters, each once (a shared parameter under its first name). */
    private List<Pair<String, Parameter>> trainableParameters(Block block) {
        Map<Parameter, Boolean> seen = new IdentityHashMap<>();
        List<Pair<String, Parameter>> trainable = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            Parameter value = parameter.getValue();
            if (value.requiresGradient() && value.isInitialized()
                    && seen.put(value, Boolean.TRUE) == null) {
                trainable.add(parameter);
            }
        }
        return trainable;
    }

    /** Collects a {@link PrivacyEngine}'s settings. */
    public static final class Builder {

        private PerSampleLoss loss;
        private double maxGradNorm = Double.NaN;
        private Double noiseMultiplier;
        private double targetEpsilon = Double.NaN;
        private double targetDelta = Double.NaN;
        private int targetEpochs;
        private double sampleRate = Double.NaN;
        private int expectedBatchSize;
        private Clipping clipping = Clipping.FLAT;
        private String accountant = "prv";
        private PrivacyAccountant accountantInstance;
        private boolean secureMode;
        private Long seed;
        private int maxPhysicalBatchSize;
        private boolean ghostClipping;

        private Builder() {}

        /**
         * Sets the loss of each sample (required); {@code PerSampleLoss.from(Loss)} adapts DJL's.
         *
         * @param loss the per-sample loss
         * @return this builder
         */
        public Builder setLoss(PerSampleLoss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * Sets the clipping norm C (required), for each sample's whole gradient
         * ({@link Clipping#FLAT}) or for each parameter ({@link Clipping#PER_LAYER}).
         *
         * @param maxGradNorm C &gt; 0
         * @return this builder
         */
        public Builder setMaxGradNorm(double maxGradNorm) {
            this.maxGradNorm = maxGradNorm;
            return this;
        }

        /**
         * Sets the noise multiplier σ (this or {@link #setTargetEpsilon} is required).
         *
         * @param noiseMultiplier σ ≥ 0 (0 adds no noise and spends infinite ε)
         * @return this builder
         */
        public Builder setNoiseMultiplier(double noiseMultiplier) {
            this.noiseMultiplier = noiseMultiplier;
            return this;
        }

        /**
         * Asks for the σ that spends ε at δ over the given epochs of {@code ⌊1/q⌋} steps each, as
         * Opacus's {@code make_private_with_epsilon}: σ from {@link NoiseMultiplier#find} with the
         * chosen accountant.
         *
         * @param epsilon the target ε &gt; 0
         * @param delta δ in (0, 1)
         * @param epochs the number of epochs ≥ 1
         * @return this builder
         */
        public Builder setTargetEpsilon(double epsilon, double delta, int epochs) {
            this.targetEpsilon = epsilon;
            this.targetDelta = delta;
            this.targetEpochs = epochs;
            return this;
        }

        /**
         * Sets the sampling rate q (required): each sample's probability of joining a batch.
         *
         * @param sampleRate q in (0, 1]
         * @return this builder
         */
        public Builder setSampleRate(double sampleRate) {
            this.sampleRate = sampleRate;
            return this;
        }

        /**
         * Sets the expected batch size (required), {@code q·N}: the divisor of the noisy sum.
         *
         * @param expectedBatchSize at least 1
         * @return this builder
         */
        public Builder setExpectedBatchSize(int expectedBatchSize) {
            this.expectedBatchSize = expectedBatchSize;
            return this;
        }

        /**
         * Sets the clipping: {@link Clipping#FLAT} by default.
         *
         * @param clipping the clipping
         * @return this builder
         */
        public Builder optClipping(Clipping clipping) {
            this.clipping = Objects.requireNonNull(clipping, "clipping");
            return this;
        }

        /**
         * Sets the accountant by name: {@code "prv"} (Opacus's default) or {@code "rdp"}.
         *
         * @param mechanism the accountant's name
         * @return this builder
         */
        public Builder optAccountant(String mechanism) {
            this.accountant = Objects.requireNonNull(mechanism, "mechanism");
            this.accountantInstance = null;
            return this;
        }

        /**
         * Sets the accountant itself, for instance one that already holds an earlier run's
         * history (Opacus's {@code PrivacyEngine(accountant=...)} resumed from a checkpoint).
         *
         * @param accountant the accountant the engine steps
         * @return this builder
         */
        public Builder optAccountant(PrivacyAccountant accountant) {
            this.accountantInstance = Objects.requireNonNull(accountant, "accountant");
            return this;
        }

        /**
         * Draws the noise from a cryptographically secure generator with Opacus's defence against
         * floating-point attacks (slower). Off by default; cannot be combined with a seed.
         *
         * @param secureMode whether to use secure noise
         * @return this builder
         */
        public Builder optSecureMode(boolean secureMode) {
            this.secureMode = secureMode;
            return this;
        }

        /**
         * Seeds the noise: the same seed, model and batches give the same gradients bit for bit.
         * For experiments and tests only; a private release needs unpredictable noise.
         *
         * @param seed the seed
         * @return this builder
         */
        public Builder optSeed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Processes a logical batch in chunks of at most k samples (Opacus's
         * {@code BatchMemoryManager}): the clipped sums are accumulated over the chunks and the
         * noise is added once, so the result is the unchunked gradient within rounding.
         *
         * @param maxPhysicalBatchSize k ≥ 1
         * @return this builder
         */
        public Builder optMaxPhysicalBatchSize(int maxPhysicalBatchSize) {
            if (maxPhysicalBatchSize < 1) {
                throw new IllegalArgumentException(
                        "max physical batch size must be at least 1, got " + maxPhysicalBatchSize);
            }
            this.maxPhysicalBatchSize = maxPhysicalBatchSize;
            return this;
        }

        /**
         * Computes the per-sample norms without materialising per-sample gradients where a layer
         * allows it ({@code Linear}: {@code ‖a_i‖·‖g_i‖}, the Gram form for sequences; other
         * leaves one layer at a time), then the gradient of {@code Σ c_i·loss_i} from the
         * clip-scaled backprops (ghost clipping, Li et al. 2022): the same gradient within
         * rounding, with far less memory for Linear layers. Serves trees of
         * {@code SequentialBlock}s; other trees fall back to the materialised path. Off by
         * default.
         *
         * @param ghostClipping whether to use ghost clipping
         * @return this builder
         */
        public Builder optGhostClipping(boolean ghostClipping) {
            this.ghostClipping = ghostClipping;
            return this;
        }

        /**
         * Builds the engine, finding σ first when a target ε was given.
         *
         * @return the engine
         * @throws IllegalArgumentException naming the first missing or invalid setting
         */
        public PrivacyEngine build() {
            if (loss == null) {
                throw new IllegalArgumentException("setLoss is required");
            }
            if (!(maxGradNorm > 0) || Double.isInfinite(maxGradNorm)) {
                throw new IllegalArgumentException(
                        "setMaxGradNorm needs a finite C > 0, got " + maxGradNorm);
            }
            if (!(sampleRate > 0 && sampleRate <= 1)) {
                throw new IllegalArgumentException(
                        "setSampleRate needs q in (0, 1], got " + sampleRate);
            }
            if (expectedBatchSize < 1) {
                throw new IllegalArgumentException(
                        "setExpectedBatchSize needs at least 1, got " + expectedBatchSize);
            }
            if (secureMode && seed != null) {
                throw new IllegalArgumentException("optSeed cannot be combined with "
                        + "optSecureMode(true): secure noise must not be reproducible");
            }
            boolean target = !Double.isNaN(targetEpsilon) || targetEpochs != 0;
            if (noiseMultiplier != null && target) {
                throw new IllegalArgumentException(
                        "give either setNoiseMultiplier or setTargetEpsilon, not both");
            }
            double sigma;
            if (noiseMultiplier != null) {
                if (!(noiseMultiplier >= 0) || Double.isInfinite(noiseMultiplier)) {
                    throw new IllegalArgumentException(
                            "setNoiseMultiplier needs a finite σ >= 0, got " + noiseMultiplier);
                }
                sigma = noiseMultiplier;
            } else if (target) {
                if (targetEpochs < 1) {
                    throw new IllegalArgumentException(
                            "setTargetEpsilon needs at least 1 epoch, got " + targetEpochs);
                }
                long steps = (long) targetEpochs * (long) (1 / sampleRate);
                // The search uses the named mechanism ("prv" unless optAccountant(String) chose
                // another), also when an accountant instance is given.
                sigma = NoiseMultiplier.find(targetEpsilon, targetDelta, sampleRate, steps,
                        accountant);
            } else {
                throw new IllegalArgumentException(
                        "setNoiseMultiplier or setTargetEpsilon is required");
            }
            return new PrivacyEngine(this, sigma);
        }
    }
}
