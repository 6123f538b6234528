package io.github.sgdlab.descent;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.RandomState;
import io.github.sgdlab.descent.InvalidSettingException.Setting;
import io.github.sgdlab.linear.Theta;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything that decides a descent: the data, the method, the step, momentum, how many runs
 * with which shuffle seeds, when to stop, where to start and the autograd data type.
 *
 * <p>Immutable; build one with {@link #builder()}. The learning rate is the only setting without
 * a default:
 *
 * <pre>{@code
 * DescentConfig config = DescentConfig.builder()
 *         .setLearningRate(0.01)
 *         .optMethod(Method.SGD)
 *         .optRuns(100)
 *         .build();
 * }</pre>
 */
public final class DescentConfig {

    /** The default mini-batch size B. */
    public static final int DEFAULT_BATCH = 8;

    /** The default stopping distance ε. */
    public static final double DEFAULT_EPS = 1e-3;

    /** The default maximum number of epochs M. */
    public static final int DEFAULT_MAX_EPOCHS = 10_000;

    /** The most runs one configuration may ask for. */
    public static final int MAX_RUNS = 10_000;

    private final Dataset dataset;
    private final String datasetName;
    private final FeatureData data;
    private final Method method;
    private final int batch;
    private final double learningRate;
    private final double momentum;
    private final int runs;
    private final long shuffleSeed;
    private final double eps;
    private final int maxEpochs;
    private final Theta start;
    private final DataType dataType;
    private final boolean keepTrajectory;

    private DescentConfig(Builder b, FeatureData data, Theta start) {
        this.dataset = b.dataset;
        this.datasetName = b.dataset != null ? b.dataset.id() : b.datasetName;
        this.data = data;
        this.method = b.method;
        this.batch = b.batch;
        this.learningRate = b.learningRate;
        this.momentum = b.momentum;
        this.runs = b.runs;
        this.shuffleSeed = b.shuffleSeed;
        this.eps = b.eps;
        this.maxEpochs = b.maxEpochs;
        this.start = start;
        this.dataType = b.dataType;
        this.keepTrajectory = b.keepTrajectory;
    }

    /**
     * Starts a builder with the defaults: notebook data, full batch, B = 8, μ = 0, one run,
     * shuffle seed 0, ε = 0.001, 10 000 epochs, θ = 0, float64, trajectories kept.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * The data set's name, as in JSON output.
     *
     * @return e.g. {@code notebook}
     */
    public String datasetName() {
        return datasetName;
    }

    /**
     * The built-in data set descended on, if it is one.
     *
     * @return the data set, or empty for samples given with {@code optData}
     */
    public Optional<Dataset> dataset() {
        return Optional.ofNullable(dataset);
    }

    /**
     * The samples: the notebook's one feature for the built-in data sets, d features for a
     * user's own.
     *
     * @return the data set
     */
    public FeatureData data() {
        return data;
    }

    /**
     * How many features the model has.
     *
     * @return d; θ has d + 1 components
     */
    public int features() {
        return data.features();
    }

    /**
     * The method.
     *
     * @return full, sgd or minibatch
     */
    public Method method() {
        return method;
    }

    /**
     * The mini-batch size B (used by {@link Method#MINIBATCH} only, but always validated).
     *
     * @return B, 1 to n
     */
    public int batch() {
        return batch;
    }

    /**
     * The learning rate.
     *
     * @return lr, positive and finite
     */
    public double learningRate() {
        return learningRate;
    }

    /**
     * The momentum μ, PyTorch {@code SGD} style with dampening 0.
     *
     * @return μ in [0, 1)
     */
    public double momentum() {
        return momentum;
    }

    /**
     * How many independent runs.
     *
     * @return R, 1 to {@link #MAX_RUNS}
     */
    public int runs() {
        return runs;
    }

    /**
     * The first run's shuffle seed; run r (0-based) shuffles with {@code RandomState(seed + r)}.
     *
     * @return S
     */
    public long shuffleSeed() {
        return shuffleSeed;
    }

    /**
     * The shuffle seed of one run.
     *
     * @param run the run, 0-based
     * @return {@code shuffleSeed() + run}
     */
    public long shuffleSeed(int run) {
        return shuffleSeed + run;
    }

    /**
     * The stopping distance ε.
     *
     * @return ε, positive
     */
    public double eps() {
        return eps;
    }

    /**
     * The maximum number of epochs M.
     *
     * @return M, at least 1
     */
    public int maxEpochs() {
        return maxEpochs;
    }

    /**
     * The start θ_0.
     *
     * @return d + 1 values, intercept first; zeros unless set
     */
    public Theta start() {
        return start;
    }

    /**
     * The data type autograd computes in.
     *
     * @return float64 (default) or float32
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * Whether the result keeps every iteration of every run (for pictures and CSV), or only each
     * run's outcome and final θ.
     *
     * @return true by default
     */
    public boolean keepTrajectory() {
        return keepTrajectory;
    }

    /**
     * How many samples one iteration averages over.
     *
     * @return n, B or 1
     */
    public int sliceSize() {
        return method.sliceSize(data.samples(), batch);
    }

    /**
     * How many iterations make one epoch.
     *
     * @return 1 for full batch, n for SGD, ⌈n / B⌉ for mini-batch
     */
    public int iterationsPerEpoch() {
        int slice = sliceSize();
        return (data.samples() + slice - 1) / slice;
    }

    /** Collects the settings of a {@link DescentConfig}; {@link #build()} validates them. */
    public static final class Builder {

        private Dataset dataset = Dataset.NOTEBOOK;
        private String datasetName;
        private FeatureData data;
        private Method method = Method.FULL;
        private int batch = DEFAULT_BATCH;
        private double learningRate = Double.NaN;
        private double momentum;
        private int runs = 1;
        private long shuffleSeed;
        private double eps = DEFAULT_EPS;
        private int maxEpochs = DEFAULT_MAX_EPOCHS;
        private Theta start;
        private DataType dataType = DataType.FLOAT64;
        private boolean keepTrajectory = true;

        private Builder() {}

        /**
         * Sets the learning rate; required.
         *
         * @param learningRate lr, positive and finite
         * @return this builder
         */
        public Builder setLearningRate(double learningRate) {
            this.learningRate = learningRate;
            return this;
        }

        /**
         * Descends on one of the built-in data sets; {@link Dataset#NOTEBOOK} by default.
         *
         * @param dataset the data set
         * @return this builder
         */
        public Builder optDataset(Dataset dataset) {
            this.dataset = Objects.requireNonNull(dataset, "dataset");
            this.data = null;
            this.data = null;
            return this;
        }

        /**
         * Descends on a data set of d features, for instance a user's CSV file.
         *
         * @param name the name to report, e.g. a file name
         * @param data the samples
         * @return this builder
         */
        public Builder optData(String name, FeatureData data) {
            this.datasetName = Objects.requireNonNull(name, "name");
            this.data = Objects.requireNonNull(data, "data");
            this.dataset = null;
            return this;
        }

        /**
         * Sets the method; full batch by default.
         *
         * @param method the method
         * @return this builder
         */
        public Builder optMethod(Method method) {
            this.method = Objects.requireNonNull(method, "method");
            return this;
        }

        /**
         * Sets the mini-batch size; 8 by default.
         *
         * @param batch B, 1 to n
         * @return this builder
         */
        public Builder optBatch(int batch) {
            this.batch = batch;
            return this;
        }

        /**
         * Sets the momentum; 0 by default.
         *
         * @param momentum μ in [0, 1)
         * @return this builder
         */
        public Builder optMomentum(double momentum) {
            this.momentum = momentum;
            return this;
        }

        /**
         * Sets the number of runs; 1 by default.
         *
         * @param runs R, 1 to 10^4
         * @return this builder
         */
        public Builder optRuns(int runs) {
            this.runs = runs;
            return this;
        }

        /**
         * Sets the first run's shuffle seed; 0 by default.
         *
         * @param shuffleSeed S, with S + R − 1 at most 2^32 − 1
         * @return this builder
         */
        public Builder optShuffleSeed(long shuffleSeed) {
            this.shuffleSeed = shuffleSeed;
            return this;
        }

        /**
         * Sets the stopping distance; 0.001 by default.
         *
         * @param eps ε, positive and finite
         * @return this builder
         */
        public Builder optEps(double eps) {
            this.eps = eps;
            return this;
        }

        /**
         * Sets the maximum number of epochs; 10 000 by default.
         *
         * @param maxEpochs M, at least 1
         * @return this builder
         */
        public Builder optMaxEpochs(int maxEpochs) {
            this.maxEpochs = maxEpochs;
            return this;
        }

        /**
         * Sets the start θ_0; zeros by default ((0, 0) for the notebook's one feature).
         *
         * @param start θ_0, d + 1 values, intercept first
         * @return this builder
         */
        public Builder optStart(Theta start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * Sets the autograd data type; float64 by default.
         *
         * @param dataType {@link DataType#FLOAT64} or {@link DataType#FLOAT32}
         * @return this builder
         */
        public Builder optDataType(DataType dataType) {
            this.dataType = Objects.requireNonNull(dataType, "dataType");
            return this;
        }

        /**
         * Whether to keep every iteration of every run; true by default. Without it a result
         * still holds each run's outcome, counts, final θ and loss, and the reference deviation.
         *
         * @param keepTrajectory false to save memory on long runs
         * @return this builder
         */
        public Builder optKeepTrajectory(boolean keepTrajectory) {
            this.keepTrajectory = keepTrajectory;
            return this;
        }

        /**
         * Validates the settings and builds the configuration.
         *
         * @return the configuration
         * @throws InvalidSettingException naming the first setting out of range
         */
        public DescentConfig build() {
            FeatureData data = this.data != null
                    ? this.data : dataset.data().features();
            int n = data.samples();
            int d = data.features();
            Theta start = this.start != null ? this.start : Theta.zeros(d);
            require(start.features() == d, Setting.START, "has " + (start.features() + 1)
                    + " values but the data have " + d + (d == 1 ? " feature" : " features")
                    + ": give " + (d + 1) + ", the intercept first");
            require(learningRate > 0 && Double.isFinite(learningRate), Setting.LEARNING_RATE,
                    "must be positive and finite, got " + learningRate);
            require(momentum >= 0 && momentum < 1, Setting.MOMENTUM,
                    "must be in [0, 1), got " + momentum);
            require(batch >= 1 && batch <= n, Setting.BATCH,
                    "must be between 1 and the number of samples (" + n + "), got " + batch);
            require(runs >= 1 && runs <= MAX_RUNS, Setting.RUNS,
                    "must be between 1 and " + MAX_RUNS + ", got " + runs);
            require(shuffleSeed >= 0 && shuffleSeed + runs - 1 <= RandomState.MAX_SEED,
                    Setting.SHUFFLE_SEED, "must be between 0 and 2**32 - " + runs
                            + " so that every run's seed is valid for numpy, got " + shuffleSeed);
            require(eps > 0 && Double.isFinite(eps), Setting.EPS,
                    "must be positive and finite, got " + eps);
            require(maxEpochs >= 1, Setting.MAX_EPOCHS, "must be at least 1, got " + maxEpochs);
            require(dataType == DataType.FLOAT64 || dataType == DataType.FLOAT32,
                    Setting.DATA_TYPE, "must be float64 or float32, got " + dataType);
            return new DescentConfig(this, data, start);
        }

        private static void require(boolean condition, Setting setting, String problem) {
            if (!condition) {
                throw new InvalidSettingException(setting, problem);
            }
        }
    }
}
