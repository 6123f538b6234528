package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * Per-sample gradients of any DJL {@link Block}: for each sample, the gradient of that sample's
 * own loss with respect to every parameter.
 *
 * <pre>{@code
 * PerSample perSample = PerSample.builder(mlp, PerSampleLoss.softmaxCrossEntropy()).build();
 * try (PerSampleResult result = perSample.compute(new NDList(x), classes)) {
 *     NDArray dW = result.gradient("01Linear_weight");   // [n, 64, 20]
 *     NDArray clipNorms = result.norms();                // [n]
 * }
 * }</pre>
 *
 * <ul>
 *   <li><b>Strategies.</b> {@link Strategy#VECTORIZED} (one forward and one backward pass) serves
 *       trees of {@code SequentialBlock}s whose parameterised leaves have a {@link LayerSampler}
 *       ({@code Linear}, {@code Conv1d}, {@code Conv2d}, {@code Conv3d}, {@code LayerNorm},
 *       {@code TrainableWordEmbedding} and {@code IdEmbedding} out of the box);
 *       {@link Strategy#LOOP} serves any block; {@link Strategy#AUTO}, the default, takes the
 *       first where it can. Blocks that mix samples (batch normalisation) are refused by
 *       all.</li>
 *   <li><b>Inference mode.</b> Forward passes run with {@code training = false}: dropout is off, so
 *       the gradients are deterministic and both strategies agree.</li>
 *   <li><b>The block is left as found.</b> The forward passes read a copy of the parameters
 *       through detached arrays, so neither the parameters nor their own gradients change.</li>
 *   <li><b>Frozen and shared parameters.</b> Parameters whose {@code requiresGradient()} is false
 *       ({@code block.freezeParameters(true)}) are constants: they get no gradient and are not in
 *       the result. A {@code Parameter} that two blocks share appears once, under its first name,
 *       with the gradient of both uses.</li>
 *   <li><b>Beside a training loop.</b> Each call reads one snapshot of the parameters, taken
 *       while no gated trainer steps ({@link CollectorGate#newTrainer}): a call that runs while
 *       an optimizer updates the model in place on another thread neither fails nor mixes two
 *       versions of the parameters; it computes the gradients at the parameters as they were
 *       when it started.</li>
 *   <li><b>Memory.</b> Intermediates are freed before a call returns; results live in a
 *       sub-manager of the inputs' manager until the {@link PerSampleResult} is closed.</li>
 *   <li><b>Threads.</b> An instance is immutable; calls from several threads at once are safe
 *       (collectors go through {@link CollectorGate}).</li>
 * </ul>
 */
public final class PerSample {

    private final Block block;
    private final PerSampleLoss loss;
    private final Strategy strategy;
    private final Computation computation;
    private final IntConsumer progress;

    private PerSample(Builder builder) {
        this.block = builder.block;
        this.loss = builder.loss;
        BlockTree.refuseSampleMixing(block);
        Strategy chosen = builder.strategy;
        Computation vectorized = null;
        if (chosen != Strategy.LOOP) {
            try {
                VectorizedPlan plan = VectorizedPlan.of(block, builder.samplers);
                vectorized = new PerSampleVectorized(block, loss, plan);
            } catch (UnsupportedBlockException e) {
                if (chosen == Strategy.VECTORIZED) {
                    throw e;
                }
            }
        }
        this.strategy = vectorized == null ? Strategy.LOOP : Strategy.VECTORIZED;
        this.computation = vectorized == null
                ? new PerSampleLoop(block, loss, builder.progress)
                : vectorized;
        this.progress = builder.progress;
    }

    /**
     * Starts a builder.
     *
     * @param block an initialised block (initialised by the time {@link #compute} is called)
     * @param loss the loss of each sample
     * @return a builder, strategy {@link Strategy#AUTO} by default
     */
    public static Builder builder(Block block, PerSampleLoss loss) {
        return new Builder(block, loss);
    }

    /**
     * The strategy the calls use: {@link Strategy#AUTO} resolved when the instance was built.
     *
     * @return {@link Strategy#LOOP} or {@link Strategy#VECTORIZED}
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * Computes every sample's gradient of every parameter.
     *
     * @param inputs the block's inputs, samples along the first axis of each
     * @param labels the labels, samples along the first axis
     * @return the per-sample gradients of the trainable parameters; close it to free them
     * @throws IllegalArgumentException if the shapes or types do not fit the block, or every
     *     parameter is frozen
     * @throws IllegalStateException if the block is not initialised
     */
    public PerSampleResult compute(NDList inputs, NDArray labels) {
        Batch batch = Batch.of(block, inputs, labels);
        BlockParameters parameters = BlockParameters.of(block);
        parameters.requireTrainable();
        NDManager manager = inputs.head().getManager();
        NDManager results = manager.newSubManager();
        try (NDManager snapshot = manager.newSubManager()) {
            Map<String, NDArray> copies = ParameterCopies.take(block, snapshot);
            Map<String, NDArray> gradients =
                    computation.compute(batch, parameters, copies, results);
            progress.accept(batch.size());
            return new PerSampleResult(results, gradients, parameters, strategy, batch.size());
        } catch (RuntimeException | Error e) {
            results.close();
            throw e;
        }
    }

    /**
     * The ordinary batch gradient of the mean loss, {@code (1/n)·Σ loss_i}, for comparison with
     * {@link PerSampleResult#mean}: one forward and one backward pass of the block as it is.
     *
     * @param inputs the block's inputs, samples along the first axis of each
     * @param labels the labels
     * @return for each trainable parameter (each once, under its first name), in the block's
     *     order, its gradient; the arrays live on the inputs' manager and are the caller's to close
     * @throws IllegalArgumentException if every parameter is frozen
     */
    public Map<String, NDArray> batchGradients(NDList inputs, NDArray labels) {
        Batch batch = Batch.of(block, inputs, labels);
        BlockParameters trainable = BlockParameters.of(block);
        trainable.requireTrainable();
        NDManager manager = inputs.head().getManager();
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        try (NDManager snapshot = manager.newSubManager(); NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            Map<String, NDArray> copies = ParameterCopies.take(block, snapshot);
            DetachedParameters parameters = new DetachedParameters(copies, true, manager);
            try (GradientCollector collector = CollectorGate.open(batch.engine())) {
                NDList predictions = block.forward(parameters, inputs, false);
                NDArray losses = loss.apply(new NDList(labels), predictions);
                collector.backward(Batch.checkLoss(losses, batch.size()).mean());
            }
            for (BlockParameters.Entry parameter : trainable.trainable()) {
                NDArray value = parameters.valueOf(parameter.parameter());
                NDArray gradient = value == null
                        ? copies.get(parameter.parameter().getId()).zerosLike()
                        : value.getGradient();
                gradients.put(parameter.name(), gradient);
            }
            for (NDArray gradient : gradients.values()) {
                NDScope.unregister(gradient);
                gradient.attach(manager);
            }
        }
        return Collections.unmodifiableMap(gradients);
    }

    /** Collects the optional settings of a {@link PerSample}. */
    public static final class Builder {

        private final Block block;
        private final PerSampleLoss loss;
        private Strategy strategy = Strategy.AUTO;
        private final Map<Class<?>, LayerSampler<Block>> samplers = new LinkedHashMap<>();
        private IntConsumer progress = done -> { };

        private Builder(Block block, PerSampleLoss loss) {
            this.block = Objects.requireNonNull(block, "block");
            this.loss = Objects.requireNonNull(loss, "loss");
            optSampler(new LinearSampler());
            optSampler(ConvolutionSampler.conv1d());
            optSampler(ConvolutionSampler.conv2d());
            optSampler(ConvolutionSampler.conv3d());
            optSampler(new LayerNormSampler());
            optSampler(EmbeddingSampler.words());
            optSampler(EmbeddingSampler.ids());
        }

        /**
         * Sets the strategy; {@link Strategy#AUTO} by default.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder optStrategy(Strategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Adds (or replaces) the sampler of one layer type for {@link Strategy#VECTORIZED}.
         *
         * @param sampler the sampler; it serves blocks of exactly its {@code layerType()}
         * @return this builder
         */
        @SuppressWarnings("unchecked")
        public Builder optSampler(LayerSampler<? extends Block> sampler) {
            samplers.put(sampler.layerType(), (LayerSampler<Block>) sampler);
            return this;
        }

        /**
         * Sets a listener told how many samples are done: after each sample of
         * {@link Strategy#LOOP}, and once at the end of every call. It runs on the calling thread
         * and should return quickly. None by default.
         *
         * @param progress receives the number of samples done so far in the current call
         * @return this builder
         */
        public Builder optProgress(IntConsumer progress) {
            this.progress = Objects.requireNonNull(progress, "progress");
            return this;
        }

        /**
         * Builds the instance, resolving {@link Strategy#AUTO}.
         *
         * @return the per-sample gradient engine
         * @throws UnsupportedBlockException if the strategy is {@link Strategy#VECTORIZED} and the
         *     block tree has a block it cannot follow (named in the message)
         * @throws IllegalArgumentException if the block tree mixes samples (batch normalisation)
         */
        public PerSample build() {
            return new PerSample(this);
        }
    }
}
