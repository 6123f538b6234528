package io.github.sgdlab.linear;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.Initializer;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.nio.FloatBuffer;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.IntToDoubleFunction;

/**
 * The notebook's torch cells on DJL NDArrays: the batch gradient of the mean-squared error
 * (In [10]) and the per-sample gradients (In [11]), both by automatic differentiation with a
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
 *     BatchGradient batch = autograd.batch(LinearData.notebook(), Theta.ZERO);
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
     * In [10]: θ0 and θ1 as scalars with gradients attached, {@code y_pred = theta_1 * x + theta_0},
     * {@code loss = mean((y_pred - y)^2)}, one backward pass.
     *
     * @param data the samples, converted to this instance's data type as {@code torch.tensor}
     *     does
     * @param theta where to take the gradient
     * @return the gradients of the loss and the loss itself
     */
    public BatchGradient batch(LinearData data, Theta theta) {
        try (NDManager scope = manager.newSubManager(device)) {
            NDArray x1 = tensor(scope, data::x1, data.samples());
            NDArray y = tensor(scope, data::y, data.samples());
            NDArray theta0 = parameter(scope, theta.theta0());
            NDArray theta1 = parameter(scope, theta.theta1());
            return CollectorGate.collect(manager.getEngine(), collector -> {
                NDArray yPred = theta1.mul(x1).add(theta0);
                NDArray loss = yPred.sub(y).square().mean();
                collector.backward(loss);
                return new BatchGradient(
                        scalar(theta0.getGradient()), scalar(theta1.getGradient()), scalar(loss));
            });
        }
    }

    /**
     * In [11]: for each sample, zero θ's gradients, take that sample's squared error
     * {@code (theta_1 * x_i + theta_0 - y_i)^2}, run backward and record both gradients.
     *
     * <p>The zeroing matters: like torch, DJL's PyTorch engine adds each backward pass into the
     * existing gradient, across collectors. Each step's arrays live in their own sub-manager, so
     * native memory stays flat however many samples there are.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return one gradient pair per sample, in sample order
     */
    public PerSampleGradients perSample(LinearData data, Theta theta) {
        int n = data.samples();
        double[] gradTheta0 = new double[n];
        double[] gradTheta1 = new double[n];
        try (NDManager scope = manager.newSubManager(device)) {
            NDArray x1 = tensor(scope, data::x1, data.samples());
            NDArray y = tensor(scope, data::y, data.samples());
            NDArray theta0 = parameter(scope, theta.theta0());
            NDArray theta1 = parameter(scope, theta.theta1());
            for (int i = 0; i < n; i++) {
                try (NDManager step = scope.newSubManager()) {
                    final int index = i;
                    CollectorGate.collect(manager.getEngine(), collector -> {
                        zeroGradient(theta0);
                        zeroGradient(theta1);
                        NDArray xi = x1.get(index);
                        NDArray yi = y.get(index);
                        // Indexing and arithmetic attach their results to the first operand's
                        // manager; move them into this step's so they die with it.
                        xi.attach(step);
                        yi.attach(step);
                        NDArray yPredI = xi.mul(theta1).add(theta0);
                        NDArray lossI = yPredI.sub(yi).square();
                        collector.backward(lossI);
                        gradTheta0[index] = scalar(theta0.getGradient());
                        gradTheta1[index] = scalar(theta1.getGradient());
                        return null;
                    });
                }
            }
        }
        return new PerSampleGradients(gradTheta0, gradTheta1);
    }

    /**
     * In [10] for d features: {@code y_pred = theta_1 * x_1 + … + theta_d * x_d + theta_0},
     * {@code loss = mean((y_pred - y)^2)}, one backward pass; for d = 1 the same operations as
     * {@link #batch(LinearData, Theta)}.
     *
     * @param data the samples, converted to this instance's data type as {@code torch.tensor}
     *     does
     * @param theta where to take the gradient: θ0, then one weight per feature
     * @return the gradient (intercept first) and the loss
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public BatchGradientVector batch(FeatureData data, ThetaVector theta) {
        return features().batch(data, theta);
    }

    /**
     * In [11] for d features: every sample's gradient of its squared error. Computed in chunks of
     * samples, each sample with its own copy of θ, so n samples take n / 65536 backward passes
     * rather than n; see {@link #perSampleAverage(FeatureData, ThetaVector)} to get the average
     * without holding n gradients.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return one gradient vector per sample, in sample order
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public PerSampleGradientVectors perSample(FeatureData data, ThetaVector theta) {
        double[][] all = new double[theta.features() + 1][data.samples()];
        features().perSample(data, theta, (from, m, chunk) -> {
            for (int j = 0; j < all.length; j++) {
                System.arraycopy(chunk[j], 0, all[j], from, m);
            }
        });
        return new PerSampleGradientVectors(all);
    }

    /**
     * The average of {@link #perSample(FeatureData, ThetaVector)}, summed left to right as
     * {@link PerSampleGradientVectors#average()} does and equal to it bit for bit, but chunk by
     * chunk: memory stays flat for 10^7 samples.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @return the average stochastic gradient
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public GradientVector perSampleAverage(FeatureData data, ThetaVector theta) {
        RunningMean mean = new RunningMean(theta.features() + 1);
        features().perSample(data, theta, (from, m, chunk) -> mean.addChunk(chunk, m));
        return mean.mean();
    }

    /**
     * The spread of {@link #perSample(FeatureData, ThetaVector)}: each component's standard
     * deviation over the samples, in two passes as {@link PerSampleGradients#spread()} computes
     * it and equal to it bit for bit; the per-sample gradients are computed again for the second
     * pass rather than held, so memory stays flat.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @param mean {@link #perSampleAverage(FeatureData, ThetaVector)} at the same θ
     * @return the standard deviation of each component (ddof 0)
     * @throws IllegalArgumentException if θ does not have d + 1 values
     */
    public GradientVector perSampleSpread(FeatureData data, ThetaVector theta,
            GradientVector mean) {
        RunningDeviation deviation = new RunningDeviation(mean);
        features().perSample(data, theta, (from, m, chunk) -> deviation.addChunk(chunk, m));
        return deviation.standardDeviation();
    }

    /**
     * In [11] for d features, streamed: every sample's gradient, handed to {@code sink} chunk by
     * chunk in sample order and never held all at once, so memory stays flat at 10^7 samples.
     *
     * <p>{@link Strategy#LOOP} runs the general per-sample engine one sample at a time, the model
     * as a DJL {@link Linear} with d inputs and one unit (weight θ1…θd, bias θ0).
     * {@link Strategy#VECTORIZED} (and {@link Strategy#AUTO}) takes one backward pass per chunk
     * of 65 536 samples with a copy of θ per sample, as
     * {@link #perSample(FeatureData, ThetaVector)} does. For d = 1 both give the notebook's
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
    public void perSample(FeatureData data, ThetaVector theta, Strategy strategy,
            IntConsumer progress, PerSampleSink sink) {
        Objects.requireNonNull(strategy, "strategy");
        if (strategy == Strategy.LOOP) {
            new FeatureLoop(manager, dataType, device).perSample(data, theta, progress, sink);
        } else {
            features().perSample(data, theta, sink.andThen(
                    (from, m, gradients) -> progress.accept(from + m)));
        }
    }

    private FeatureAutograd features() {
        return new FeatureAutograd(manager, dataType, device);
    }

    /**
     * In [11]'s per-sample gradients on the general engine: the notebook's model as what it is to
     * DJL, a {@link Linear} with one unit (weight θ1, bias θ0), and the squared error of each
     * sample, through {@link PerSample} with the given strategy. Both strategies give the seed
     * loop's values bit for bit (tested against PyTorch's); {@link Strategy#VECTORIZED} does it in
     * one forward and one backward pass.
     *
     * @param data the samples
     * @param theta where to take the gradients
     * @param strategy {@link Strategy#LOOP} or {@link Strategy#VECTORIZED}
     * @param progress told how many samples are done, as the loop goes
     * @return one gradient pair per sample, in sample order
     */
    public PerSampleGradients perSample(LinearData data, Theta theta, Strategy strategy,
            IntConsumer progress) {
        int n = data.samples();
        try (NDManager scope = manager.newSubManager(device)) {
            Linear model = Linear.builder().setUnits(1).build();
            // Initialised to θ directly: NDArray.set would do, but makes libtorch print a
            // deprecation warning on stderr.
            model.setInitializer(constant(theta.theta1()), "weight");
            model.setInitializer(constant(theta.theta0()), "bias");
            model.initialize(scope, dataType, new Shape(1, 1));
            NDList x1 = new NDList(tensor(scope, data::x1, data.samples()).reshape(n, 1));
            NDArray y = tensor(scope, data::y, data.samples());
            PerSample perSample = PerSample.builder(model, PerSampleLoss.squaredError())
                    .optStrategy(strategy).optProgress(progress).build();
            try (PerSampleResult result = perSample.compute(x1, y)) {
                return PerSampleGradients.adopt(doubles(result.gradient("bias")),
                        doubles(result.gradient("weight")));
            }
        }
    }

    /** Every element {@code value}, rounded once to the type as {@code torch.tensor} does. */
    private static Initializer constant(double value) {
        return (scope, shape, type) -> scope.create(value).toType(type, false).reshape(shape);
    }

    /** The values widened to double (exactly, for float32). */
    private static double[] doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        // Widened straight from the native copy: no float[] in between (40 MB at 10^7 samples).
        FloatBuffer values = array.toByteBuffer().asFloatBuffer();
        double[] widened = new double[values.remaining()];
        for (int i = 0; i < widened.length; i++) {
            widened[i] = values.get(i);
        }
        return widened;
    }

    private NDArray tensor(NDManager scope, IntToDoubleFunction values, int n) {
        // Each float64 value rounded once to the working type (to nearest, as torch.tensor(x,
        // dtype=...) does), straight from the data: no float64 copy in the heap or in libtorch.
        if (dataType == DataType.FLOAT32) {
            float[] rounded = new float[n];
            for (int i = 0; i < n; i++) {
                rounded[i] = (float) values.applyAsDouble(i);
            }
            return scope.create(rounded);
        }
        double[] exact = new double[n];
        for (int i = 0; i < n; i++) {
            exact[i] = values.applyAsDouble(i);
        }
        return scope.create(exact);
    }

    private NDArray parameter(NDManager scope, double value) {
        NDArray parameter = scope.create(value).toType(dataType, false);
        parameter.setRequiresGradient(true);
        return parameter;
    }

    /** {@code theta.grad.zero_()}: zero this parameter's gradient in place. */
    private static void zeroGradient(NDArray parameter) {
        try (NDArray gradient = parameter.getGradient()) {
            gradient.subi(gradient);
        }
    }

    /** {@code tensor.item()}: the scalar as a double, then releases the handle. */
    private static double scalar(NDArray array) {
        try (array) {
            return array.getDataType() == DataType.FLOAT32 ? array.getFloat() : array.getDouble();
        }
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
