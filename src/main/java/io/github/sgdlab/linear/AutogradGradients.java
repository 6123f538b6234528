package io.github.sgdlab.linear;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.persample.Strategy;

import java.util.Objects;
import java.util.function.IntConsumer;

/**
 * The notebook's torch cells on DJL NDArrays, for the linear model with any number d of features
 * (the notebook is d = 1): the batch gradient of the mean-squared error (In [10]) and the
 * per-sample gradients (In [11]), both by automatic differentiation with a
 * {@link ai.djl.training.GradientCollector}.
 *
 * <p>The caller owns the {@link NDManager}; every NDArray made here lives in a sub-manager that is
 * closed before the method returns, and results come back as plain doubles. Instances are
 * immutable and safe to share between threads: gradient collection is serialised process-wide,
 * because the PyTorch engine allows only one open collector at a time.
 *
 * <pre>{@code
 * try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
 *     AutogradGradients autograd = AutogradGradients.builder(manager).build();
 *     BatchGradient batch = autograd.batch(FeatureData.of(LinearData.notebook()), Theta.zeros(1));
 * }
 * }</pre>
 */
public final class AutogradGradients {

    private final NDManager manager;
    private final DataType dataType;
    private final Device device;

    private AutogradGradients(Builder builder) {
        this.manager = builder.manager;
        this.dataType = builder.dataType;
        this.device = builder.device == null ? manager.getDevice() : builder.device;
    }

    /**
     * Starts a builder; by default float32 (as the notebook) on the manager's device.
     *
     * @param manager the caller's manager, which must belong to the PyTorch engine
     * @return a new builder
     */
    public static Builder builder(NDManager manager) {
        return new Builder(manager);
    }

    /**
     * The data type the gradients are computed in.
     *
     * @return float32 or float64
     */
    public DataType dataType() {
        return dataType;
    }

    /**
     * In [10]: {@code y_pred = theta_1 * x_1 + … + theta_d * x_d + theta_0},
     * {@code loss = mean((y_pred - y)^2)}, one backward pass; for d = 1 the notebook's
     * {@code y_pred = theta_1 * x + theta_0}.
     *
     * @param data the samples, converted to this instance's data type as {@code torch.tensor}
     *     does
     * @param theta where to take the gradient: θ0, then one weight per feature
     * @return the gradient (intercept first) and the loss
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public BatchGradient batch(FeatureData data, Theta theta) {
        return chunked().batch(data, theta);
    }

    /**
     * In [11]: every sample's gradient of its squared error. Computed in chunks of
     * samples, each sample with its own copy of θ, so n samples take n / 65536 backward passes
     * rather than n; see {@link #perSampleAverage(FeatureData, Theta)} to get the average
     * without holding n gradients.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return one gradient vector per sample, in sample order
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public PerSampleGradients perSample(FeatureData data, Theta theta) {
        double[][] all = new double[theta.features() + 1][data.samples()];
        chunked().perSample(data, theta, (from, m, chunk) -> {
            for (int j = 0; j < all.length; j++) {
                System.arraycopy(chunk[j], 0, all[j], from, m);
            }
        });
        return new PerSampleGradients(all);
    }

    /**
     * The average of {@link #perSample(FeatureData, Theta)}, summed left to right as
     * {@link PerSampleGradients#average()} does and equal to it bit for bit, but chunk by
     * chunk: memory stays flat for 10^7 samples.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return the average stochastic gradient
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public Gradient perSampleAverage(FeatureData data, Theta theta) {
        RunningMean mean = new RunningMean(theta.features() + 1);
        chunked().perSample(data, theta, (from, m, chunk) -> mean.addChunk(chunk, m));
        return mean.mean();
    }

    /**
     * The spread of {@link #perSample(FeatureData, Theta)}: each component's standard
     * deviation over the samples, in two passes as {@link PerSampleGradients#spread()} computes
     * it and equal to it bit for bit; the per-sample gradients are computed again for the second
     * pass rather than held, so memory stays flat.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @param mean {@link #perSampleAverage(FeatureData, Theta)} at the same θ
     * @return the standard deviation of each component (ddof 0)
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public Gradient perSampleSpread(FeatureData data, Theta theta,
            Gradient mean) {
        RunningDeviation deviation = new RunningDeviation(mean);
        chunked().perSample(data, theta, (from, m, chunk) -> deviation.addChunk(chunk, m));
        return deviation.standardDeviation();
    }

    /**
     * In [11], streamed: every sample's gradient, handed to {@code sink} chunk by
     * chunk in sample order and never held all at once, so memory stays flat at 10^7 samples.
     *
     * <p>{@link Strategy#LOOP} runs the general per-sample engine one sample at a time, the model
     * as a DJL {@link Linear} with d inputs and one unit (weight θ1…θd, bias θ0).
     * {@link Strategy#VECTORIZED} (and {@link Strategy#AUTO}) takes one backward pass per chunk
     * of 65 536 samples with a copy of θ per sample, as
     * {@link #perSample(FeatureData, Theta)} does. For d = 1 both give the notebook's
     * per-sample loop bit for bit; for more features the Linear's matrix product may round the
     * prediction differently from the left-to-right sum, so the two may differ in the last bits.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @param strategy how to compute them
     * @param progress told how many samples are done so far: after each sample of the loop,
     *     after each chunk otherwise
     * @param sink receives the gradients
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public void perSample(FeatureData data, Theta theta, Strategy strategy,
            IntConsumer progress, PerSampleSink sink) {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy == Strategy.LOOP) {
            new LoopedAutograd(manager, dataType, device).perSample(data, theta, progress, sink);
        } else {
            chunked().perSample(data, theta, sink.andThen(
                    (from, m, gradients) -> progress.accept(from + m)));
        }
    }

    private ChunkedAutograd chunked() {
        return new ChunkedAutograd(manager, dataType, device);
    }

    /** Collects the optional settings of an {@link AutogradGradients}. */
    public static final class Builder {

        private final NDManager manager;
        private DataType dataType = DataType.FLOAT32;
        private Device device;

        private Builder(NDManager manager) {
            this.manager = Objects.requireNonNull(manager, "manager");
        }

        /**
         * Sets the data type of the tensors; float32 by default, as in the notebook.
         *
         * @param dataType {@link DataType#FLOAT32} or {@link DataType#FLOAT64}
         * @return this builder
         * @throws IllegalArgumentException for any other type
         */
        public Builder optDataType(DataType dataType) {
            this.dataType = DataTypes.requireFloat(dataType);
            return this;
        }

        /**
         * Sets the device the tensors live on; the manager's device by default.
         *
         * @param device the device
         * @return this builder
         * @throws IllegalArgumentException if the engine has no such device, for example a GPU
         *     with the CPU-only native library this project ships
         */
        public Builder optDevice(Device device) {
            if (device.isGpu() && device.getDeviceId() >= manager.getEngine().getGpuCount()) {
                throw new IllegalArgumentException("device " + device + " is not available: the "
                        + manager.getEngine().getEngineName() + " engine sees "
                        + manager.getEngine().getGpuCount() + " GPU(s); this build ships the "
                        + "CPU-only native library (pytorch-native-cpu)");
            }
            this.device = device;
            return this;
        }

        /**
         * Builds the instance.
         *
         * @return the configured autograd paths
         */
        public AutogradGradients build() {
            return new AutogradGradients(this);
        }
    }
}
