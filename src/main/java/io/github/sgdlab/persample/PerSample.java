package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
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
 *       {@link Strategy#LOOP} serves any block; {@link Strategy#AUTO}, the default, decides per
 *       call, from an estimate of both made before anything runs ({@link #plan}): VECTORIZED
 *       where it is estimated neither slower nor memory-hungrier than LOOP, and where the two
 *       criteria disagree the memory-lean LOOP. Blocks that mix samples (batch normalisation)
 *       are refused by all.</li>
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
 *       sub-manager of the inputs' manager until the {@link PerSampleResult} is closed.
 *       VECTORIZED takes the batch in chunks of samples whose passes stay within 16 MiB (or 1/64
 *       of the result, if more) of LOOP's one-sample working set ({@link Plan#chunkSamples}).</li>
 *   <li><b>Threads.</b> An instance is immutable; calls from several threads at once are safe
 *       (collectors go through {@link CollectorGate}).</li>
 * </ul>
 */
public final class PerSample {

    private final Block block;
    private final PerSampleLoss loss;
    private final Strategy strategy;
    private final VectorizedPlan vectorizedPlan;
    private final PerSampleVectorized vectorized;
    private final PerSampleLoop loop;
    private final IntConsumer progress;
    private final Map<String, Footprint> footprints =
            new java.util.concurrent.ConcurrentHashMap<>();

    private PerSample(Builder builder) {
        this.block = builder.block;
        this.loss = builder.loss;
        BlockTree.refuseSampleMixing(block);
        Strategy chosen = builder.strategy;
        VectorizedPlan plan = null;
        try {
            // Made for LOOP too: its plans estimate what VECTORIZED would have cost.
            plan = VectorizedPlan.of(block, builder.samplers);
        } catch (UnsupportedBlockException e) {
            if (chosen == Strategy.VECTORIZED) {
                throw e;
            }
        }
        this.vectorizedPlan = plan;
        this.vectorized = plan == null ? null : new PerSampleVectorized(block, loss, plan);
        this.loop = new PerSampleLoop(block, loss, builder.progress);
        this.strategy = plan == null ? Strategy.LOOP : chosen;
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
     * The strategy the calls use, as far as the block tree decides it: {@link Strategy#LOOP} if
     * it was set or if {@link Strategy#VECTORIZED} cannot serve the block tree;
     * {@link Strategy#VECTORIZED} if it was set; otherwise {@link Strategy#AUTO}, which each call
     * decides for its own batch ({@link #plan}).
     *
     * @return the strategy, {@link Strategy#AUTO} where each call decides
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * The strategy a call with these inputs would use, and why: {@link #plan}'s strategy.
     *
     * @param inputs the block's inputs, samples along the first axis of each
     * @param labels the labels, samples along the first axis
     * @return {@link Strategy#LOOP} or {@link Strategy#VECTORIZED}
     * @throws IllegalArgumentException if the shapes or types do not fit the block
     * @throws IllegalStateException if the block is not initialised
     */
    public Strategy resolve(NDList inputs, NDArray labels) {
        return plan(inputs, labels).strategy();
    }

    /**
     * What a call with these inputs would do, worked out from the block tree and the shapes
     * alone, before anything runs: for {@link Strategy#AUTO}, the strategy that is estimated to
     * be neither slower nor memory-hungrier than the other; where the two criteria disagree, the
     * memory-lean one (LOOP, whose working set is one sample's). VECTORIZED counts as
     * memory-hungrier only where it cannot keep within 16 MiB (or 1/64 of the result, if more) of
     * LOOP's working set even one sample per pass; otherwise it takes as many samples per pass as fit in that
     * ({@link Plan#chunkSamples}), and AUTO compares the two time estimates. The estimates are
     * a model, not a measurement: the figures it was fitted to, and how it did, are in
     * {@code src/site/markdown/per-sample.md}.
     *
     * @param inputs the block's inputs, samples along the first axis of each (only their shapes
     *     and type are read)
     * @param labels the labels, samples along the first axis
     * @return the plan
     * @throws IllegalArgumentException if the shapes or types do not fit the block
     * @throws IllegalStateException if the block is not initialised
     */
    public Plan plan(NDList inputs, NDArray labels) {
        return plan(Batch.of(block, inputs, labels), BlockParameters.of(block));
    }

    private Plan plan(Batch batch, BlockParameters parameters) {
        long gradients = 0;
        int bytes = 4;
        for (BlockParameters.Entry entry : parameters.trainable()) {
            NDArray value = entry.parameter().getArray();
            gradients += value.size();
            bytes = value.getDataType().getNumOfBytes();
        }
        Shape[] sample = new Shape[batch.inputs().size()];
        for (int i = 0; i < sample.length; i++) {
            sample[i] = new Shape(1).addAll(batch.inputs().get(i).getShape().slice(1));
        }
        if (vectorizedPlan == null) {
            return Planner.plan(loopFootprint(sample), batch.size(), gradients, bytes, false,
                    Strategy.LOOP);
        }
        Footprint footprint;
        try {
            footprint = footprint(sample, parameters);
        } catch (RuntimeException e) {
            // A block that cannot tell its output shapes (getOutputShapes): no estimate. AUTO
            // takes the memory-lean LOOP; VECTORIZED, if set, runs the batch whole.
            Plan unknown = Planner.plan(loopFootprint(sample), batch.size(), gradients, bytes,
                    false, Strategy.LOOP);
            return strategy == Strategy.VECTORIZED
                    ? new Plan(Strategy.VECTORIZED, batch.size(), unknown.resultBytes(),
                            unknown.loopBytes(), -1, batch.size(), unknown.loopMillis(),
                            Double.NaN)
                    : unknown;
        }
        return Planner.plan(footprint, batch.size(), gradients, bytes, true, strategy);
    }

    /**
     * One sample's footprint, for tests of the estimate's ingredients.
     *
     * @param sample one sample's input shapes, sample axis of length 1
     * @return the footprint
     * @throws IllegalStateException if VECTORIZED cannot serve the block tree
     */
    Footprint footprint(Shape... sample) {
        if (vectorizedPlan == null) {
            throw new IllegalStateException("VECTORIZED cannot serve this block tree");
        }
        return vectorizedPlan.footprint(sample);
    }

    /**
     * The footprint for one sample's shapes and the trainable parameters of this call, kept:
     * working it out runs each lambda block's {@code getOutputShapes} (a base manager and arrays
     * each), which on a small batch cost more than the call itself.
     */
    private Footprint footprint(Shape[] sample, BlockParameters parameters) {
        StringBuilder key = new StringBuilder(java.util.Arrays.toString(sample));
        for (BlockParameters.Entry entry : parameters.trainable()) {
            key.append(' ').append(entry.parameter().getId());
        }
        if (footprints.size() > 64) {
            footprints.clear();
        }
        return footprints.computeIfAbsent(key.toString(), k -> vectorizedPlan.footprint(sample));
    }

    /** LOOP's footprint where there is no vectorized plan: the block's output, once. */
    private Footprint loopFootprint(Shape[] sample) {
        try {
            return Footprint.passThrough(block, block.getOutputShapes(sample));
        } catch (RuntimeException e) {
            // A block that cannot tell its output shape: LOOP is the only strategy anyway.
            return Footprint.none();
        }
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
            Plan plan = plan(batch, parameters);
            Map<String, NDArray> copies = ParameterCopies.take(block, snapshot);
            Map<String, NDArray> gradients = plan.strategy() == Strategy.VECTORIZED
                    ? vectorized.compute(batch, parameters, copies, results, plan.chunkSamples())
                    : loop.compute(batch, parameters, copies, results);
            progress.accept(batch.size());
            return new PerSampleResult(results, gradients, parameters, plan.strategy(),
                    batch.size());
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

    /**
     * What one call does and why ({@link PerSample#plan}): the strategy, and the estimates it was
     * chosen by. Bytes are native memory for the per-sample gradients and the passes, beyond the
     * inputs and the parameters; times are the model's estimate, not a measurement.
     *
     * @param strategy the strategy the call uses: {@link Strategy#LOOP} or
     *     {@link Strategy#VECTORIZED}
     * @param samples n
     * @param resultBytes the per-sample gradients themselves, {@code n·P} elements, which both
     *     strategies hold
     * @param loopBytes LOOP's estimated peak: the result and one sample's pass
     * @param vectorizedBytes VECTORIZED's estimated peak: the result and one chunk's passes
     *     (with the chunk's own gradients where the batch is split); -1 where VECTORIZED cannot
     *     serve the block tree or a block cannot tell its output shapes
     * @param chunkSamples the samples one VECTORIZED pass takes (n where the batch is not split);
     *     0 where VECTORIZED cannot serve the block tree
     * @param loopMillis LOOP's estimated time
     * @param vectorizedMillis VECTORIZED's estimated time; NaN where it cannot serve the block tree
     */
    public record Plan(Strategy strategy, int samples, long resultBytes, long loopBytes,
            long vectorizedBytes, int chunkSamples, double loopMillis, double vectorizedMillis) {

        /**
         * Whether VECTORIZED's estimated peak exceeds LOOP's by more than it is allowed: 16 MiB
         * or 1/64 of the result, whichever is more.
         *
         * @return true where AUTO takes LOOP for memory
         */
        public boolean vectorizedHungrier() {
            return vectorizedBytes < 0 || vectorizedBytes - loopBytes > Planner.slack(resultBytes);
        }
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
         * Builds the instance; {@link Strategy#AUTO} is resolved per call ({@link PerSample#plan}).
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
