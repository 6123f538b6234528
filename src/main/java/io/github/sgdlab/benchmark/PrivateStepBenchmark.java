package io.github.sgdlab.benchmark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.privacy.PrivacyEngine;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Times one full DP-SGD step in-process — forward, per-sample gradients (or ghost norms),
 * clipping, noise and the SGD update ({@link PrivacyEngine#step} then {@code trainer.step()}) —
 * and, in the same run on the same model and batch, DJL's non-private step
 * ({@code EasyTrain.trainBatch} then {@code trainer.step()}). The models: a ReLU MLP of the given
 * widths, or the CNN conv(1→32, 3×3) → conv(32→64, 3×3, stride 2) → conv(64→64, 3×3, stride 2) →
 * linear(→10) with ReLUs between, on 28×28 inputs; softmax cross-entropy over standard normal
 * float32 inputs and random labels; σ = 1, C = 1, the expected batch size n. Warm-up steps come
 * first; libtorch's thread count is the process's: set {@code ai.djl.pytorch.num_threads} before
 * the engine loads.
 */
public final class PrivateStepBenchmark {

    /** The models the benchmark knows. */
    public enum Model {
        /** A ReLU MLP with the given widths, input first. */
        MLP,
        /** The three-convolution CNN on 28×28 single-channel inputs, 10 classes. */
        CNN
    }

    /** The CNN's input side, in pixels. */
    private static final int SIDE = 28;
    /** The CNN's classes. */
    private static final int CLASSES = 10;

    private final Model model;
    private final int[] layers;
    private final int samples;
    private final boolean ghost;
    private final int repeat;
    private final int warmUp;
    private final boolean nonPrivate;

    /**
     * The timings of both steps, from the same run.
     *
     * @param privateStep the DP step
     * @param nonPrivateStep the plain step of the same model on the same batch, or null when
     *     the benchmark times the DP step alone ({@link Builder#optNonPrivateStep})
     */
    public record Result(Timing privateStep, Timing nonPrivateStep) {}

    private PrivateStepBenchmark(Builder builder) {
        this.model = builder.model;
        this.layers = builder.layers.clone();
        this.samples = builder.samples;
        this.ghost = builder.ghost;
        this.repeat = builder.repeat;
        this.warmUp = builder.warmUp;
        this.nonPrivate = builder.nonPrivate;
    }

    /**
     * Starts a builder.
     *
     * @param model the model
     * @param samples n, the batch size
     * @return a builder: MLP widths 784,128,10, no ghost clipping, 20 repeats, 3 warm-up steps
     */
    public static Builder builder(Model model, int samples) {
        return new Builder(model, samples);
    }

    /**
     * A short description: the model and its shape.
     *
     * @return for example {@code mlp 784-128-10} or {@code cnn 1x28x28-32-64-64-10}
     */
    public String modelName() {
        if (model == Model.CNN) {
            return "cnn 1x28x28-32-64-64-10";
        }
        return "mlp " + Arrays.stream(layers).mapToObj(Integer::toString)
                .collect(Collectors.joining("-"));
    }

    /**
     * Runs the warm-up and timed steps, the non-private ones (if timed) first.
     *
     * @return both timings, or the DP step's alone
     */
    public Result run() {
        Engine.getEngine("PyTorch").setRandomSeed(45);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                ai.djl.Model djlModel = ai.djl.Model.newInstance(model.name()
                        .toLowerCase(Locale.ROOT))) {
            SequentialBlock block = model == Model.CNN ? cnn() : mlp();
            block.setInitializer(new NormalInitializer(0.05f), p -> true);
            djlModel.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f))
                            .build());
            try (Trainer trainer = djlModel.newTrainer(config)) {
                Shape one = model == Model.CNN ? new Shape(1, 1, SIDE, SIDE)
                        : new Shape(1, layers[0]);
                trainer.initialize(one);
                Shape all = model == Model.CNN ? new Shape(samples, 1, SIDE, SIDE)
                        : new Shape(samples, layers[0]);
                int classes = model == Model.CNN ? CLASSES : layers[layers.length - 1];
                NDArray x = manager.randomNormal(all);
                NDArray y = manager.randomInteger(0, classes, new Shape(samples), DataType.INT64);
                Batch batch = new Batch(manager, new NDList(x), new NDList(y), samples,
                        Batchifier.STACK, Batchifier.STACK, 0, 1);
                Timing plain = nonPrivate ? time(() -> {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                }) : null;
                PrivacyEngine engine = PrivacyEngine.builder()
                        .setLoss(PerSampleLoss.softmaxCrossEntropy())
                        .setMaxGradNorm(1.0)
                        .setNoiseMultiplier(1.0)
                        .setSampleRate(Math.min(1.0, samples / 60000.0))
                        .setExpectedBatchSize(samples)
                        .optAccountant("rdp")
                        .optGhostClipping(ghost)
                        .optSeed(1)
                        .build();
                Timing dp = time(() -> {
                    engine.step(block, batch.getData(), y);
                    trainer.step();
                });
                return new Result(dp, plain);
            }
        }
    }

    private Timing time(Runnable step) {
        for (int i = 0; i < warmUp; i++) {
            step.run();
        }
        long[] nanos = new long[repeat];
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            step.run();
            nanos[i] = System.nanoTime() - start;
        }
        return Timing.of(nanos, samples);
    }

    private SequentialBlock mlp() {
        SequentialBlock block = new SequentialBlock();
        for (int i = 1; i < layers.length; i++) {
            if (i > 1) {
                block.add(Activation.reluBlock());
            }
            block.add(Linear.builder().setUnits(layers[i]).build());
        }
        return block;
    }

    private static SequentialBlock cnn() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(32).setKernelShape(new Shape(3, 3)).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(64).setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
    }

    /**
     * Collects the optional settings of a {@link PrivateStepBenchmark}: widths 784,128,10, 20
     * timed steps and 3 warm-up steps each side by default ({@link BenchmarkBuilder}), no ghost
     * clipping.
     */
    public static final class Builder extends BenchmarkBuilder<Builder> {

        private final Model model;
        private boolean ghost;
        private boolean nonPrivate = true;

        private Builder(Model model, int samples) {
            super(checkSamples(samples), new int[] {784, 128, 10}, 3);
            this.model = Objects.requireNonNull(model, "model");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets whether the DP step uses ghost clipping; off by default.
         *
         * @param ghost true for ghost clipping
         * @return this builder
         */
        public Builder optGhostClipping(boolean ghost) {
            this.ghost = ghost;
            return this;
        }

        /**
         * Sets whether the non-private step is timed too, before the DP step; on by default.
         * Off, the process runs the DP step alone: its peak memory is the DP step's.
         *
         * @param nonPrivate false to time the DP step alone
         * @return this builder
         */
        public Builder optNonPrivateStep(boolean nonPrivate) {
            this.nonPrivate = nonPrivate;
            return this;
        }

        /**
         * Builds the benchmark.
         *
         * @return the benchmark
         */
        public PrivateStepBenchmark build() {
            return new PrivateStepBenchmark(this);
        }
    }
}
