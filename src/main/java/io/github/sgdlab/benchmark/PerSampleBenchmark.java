package io.github.sgdlab.benchmark;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * Times {@link PerSample#compute} in-process: the notebook's linear model on the notebook's data,
 * or a ReLU MLP with softmax cross-entropy on standard normal inputs. The data and model are made
 * once; warm-up runs come first; each timed run ends when {@code compute} returns, with the
 * per-sample gradients left as NDArrays (closing them is not timed). libtorch's thread count is
 * the process's: set {@code ai.djl.pytorch.num_threads} before the engine loads.
 */
public final class PerSampleBenchmark {

    /** The models the benchmark knows. */
    public enum Model {
        /** The notebook's y = θ1·x + θ0, a Linear with one unit, squared error, seed 45 data. */
        LINEAR,
        /** A ReLU MLP with the given widths, softmax cross-entropy over the last width. */
        MLP
    }

    private final Model model;
    private final int[] layers;
    private final int samples;
    private final Strategy strategy;
    private final DataType dataType;
    private final int repeat;
    private final int warmUp;

    private PerSampleBenchmark(Builder builder) {
        this.model = builder.model;
        this.layers = builder.layers.clone();
        this.samples = builder.samples;
        this.strategy = builder.strategy;
        this.dataType = builder.dataType;
        this.repeat = builder.repeat;
        this.warmUp = builder.warmUp;
    }

    /**
     * Starts a builder.
     *
     * @param model the model
     * @param samples n, the batch size
     * @return a builder: MLP widths 20,64,10, VECTORIZED, float32, 20 repeats, 5 warm-up runs
     */
    public static Builder builder(Model model, int samples) {
        return new Builder(model, samples);
    }

    /**
     * A short description: the model and its widths.
     *
     * @return for example {@code mlp 20-64-10} or {@code linear 1-1}
     */
    public String modelName() {
        int[] widths = model == Model.LINEAR ? new int[] {1, 1} : layers;
        return model.name().toLowerCase(java.util.Locale.ROOT) + " " + Arrays.stream(widths)
                .mapToObj(Integer::toString).collect(Collectors.joining("-"));
    }

    /**
     * Runs the warm-up, then the timed runs.
     *
     * @return the timings
     */
    public Timing run() {
        Engine engine = Engine.getEngine("PyTorch");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            engine.setRandomSeed(45);
            NDList inputs;
            NDArray labels;
            Block block;
            if (model == Model.LINEAR) {
                LinearData data = LinearData.generate(45, samples);
                inputs = new NDList(manager.create(data.x1(), new Shape(samples, 1))
                        .toType(dataType, false));
                labels = manager.create(data.y()).toType(dataType, false);
                block = Linear.builder().setUnits(1).build();
                block.initialize(manager, dataType, new Shape(1, 1));
            } else {
                inputs = new NDList(manager.randomNormal(new Shape(samples, layers[0]), dataType));
                labels = manager.randomInteger(0, layers[layers.length - 1], new Shape(samples),
                        DataType.INT64);
                block = mlp();
                block.setInitializer(new NormalInitializer(0.1f), p -> true);
                block.initialize(manager, dataType, new Shape(1, layers[0]));
            }
            PerSampleLoss loss = model == Model.LINEAR
                    ? PerSampleLoss.squaredError()
                    : PerSampleLoss.softmaxCrossEntropy();
            PerSample perSample = PerSample.builder(block, loss).optStrategy(strategy).build();
            for (int i = 0; i < warmUp; i++) {
                perSample.compute(inputs, labels).close();
            }
            long[] nanos = new long[repeat];
            for (int i = 0; i < repeat; i++) {
                long start = System.nanoTime();
                PerSampleResult result = perSample.compute(inputs, labels);
                nanos[i] = System.nanoTime() - start;
                result.close();
            }
            return Timing.of(nanos, samples);
        }
    }

    private Block mlp() {
        SequentialBlock block = new SequentialBlock();
        for (int i = 1; i < layers.length; i++) {
            block.add(Linear.builder().setUnits(layers[i]).build());
            if (i < layers.length - 1) {
                block.add(Activation::relu);
            }
        }
        return block;
    }

    /**
     * Collects the optional settings of a {@link PerSampleBenchmark}: widths 20,64,10, 20 timed
     * runs and 5 warm-up runs by default ({@link BenchmarkBuilder}), VECTORIZED, float32.
     */
    public static final class Builder extends BenchmarkBuilder<Builder> {

        private final Model model;
        private Strategy strategy = Strategy.VECTORIZED;
        private DataType dataType = DataType.FLOAT32;

        private Builder(Model model, int samples) {
            super(checkSamples(samples), new int[] {20, 64, 10}, 5);
            this.model = Objects.requireNonNull(model, "model");
        }

        @Override
        Builder self() {
            return this;
        }

        /**
         * Sets the strategy; VECTORIZED by default.
         *
         * @param strategy the strategy
         * @return this builder
         */
        public Builder optStrategy(Strategy strategy) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            return this;
        }

        /**
         * Sets the data type; float32 by default.
         *
         * @param dataType float32 or float64
         * @return this builder
         */
        public Builder optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return this;
        }

        /**
         * Builds the benchmark.
         *
         * @return the benchmark
         */
        public PerSampleBenchmark build() {
            return new PerSampleBenchmark(this);
        }
    }
}
