package io.github.sgdlab.linear;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.data.FeatureData;

import java.nio.DoubleBuffer;

/**
 * The notebook's torch cells on DJL NDArrays, as tensor arithmetic on θ's components: the batch
 * gradient (In [10]) and the per-sample gradients (In [11]) of {@code ŷ = θ1·x1 + … + θd·xd + θ0}
 * ({@link AutogradGradients}' vectorized strategy).
 *
 * <p>Per-sample gradients come from one backward pass per chunk of samples, each sample with its
 * own copy of θ: the loss is the sum of the samples' squared errors, and since sample i's error
 * depends only on copy i, the gradient with respect to copy i is exactly sample i's gradient —
 * the same operations on the same numbers as a backward pass per sample, at a small fraction of
 * its cost (timed in {@code src/test/bench/README.md}). The copies are fresh leaves for every
 * chunk, so no gradient can leak from one chunk into the next.
 */
final class ChunkedAutograd {

    /** Samples per backward pass in the per-sample path. */
    static final int CHUNK = 1 << 16;

    private final NDManager manager;
    private final DataType dataType;
    private final Device device;
    private final Engine engine;

    ChunkedAutograd(NDManager manager, DataType dataType, Device device) {
        this.manager = manager;
        this.dataType = dataType;
        this.device = device;
        this.engine = manager.getEngine();
    }

    BatchGradient batch(FeatureData data, Theta theta) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        TensorUpload upload = new TensorUpload(dataType);
        try (NDManager scope = manager.newSubManager(device)) {
            NDArray[] x = new NDArray[data.features()];
            for (int j = 0; j < x.length; j++) {
                x[j] = upload.upload(scope, data.featureView(j), 0, n);
            }
            NDArray y = upload.upload(scope, data.yView(), 0, n);
            NDArray[] parameters = new NDArray[theta.features() + 1];
            for (int j = 0; j < parameters.length; j++) {
                parameters[j] = constant(scope, theta.get(j));
                parameters[j].setRequiresGradient(true);
            }
            return CollectorGate.collect(engine, collector -> {
                // Each intermediate is n values; release each handle once the next step has
                // it, so that at 10^7 samples only what the backward pass saved stays alive.
                NDArray prediction = predict(parameters, x, true);
                NDArray residual = prediction.sub(y);
                prediction.close();
                NDArray squared = residual.square();
                residual.close();
                NDArray loss = squared.mean();
                squared.close();
                collector.backward(loss);
                double[] gradient = new double[parameters.length];
                for (int j = 0; j < gradient.length; j++) {
                    gradient[j] = scalar(parameters[j].getGradient());
                }
                return new BatchGradient(new Gradient(gradient), scalar(loss));
            });
        }
    }

    void perSample(FeatureData data, Theta theta, PerSampleSink sink) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        int p = theta.features() + 1;
        DoubleBuffer[] columns = new DoubleBuffer[data.features()];
        for (int j = 0; j < columns.length; j++) {
            columns[j] = data.featureView(j);
        }
        DoubleBuffer targets = data.yView();
        double[][] gradients = new double[p][Math.min(CHUNK, n)];
        TensorUpload upload = new TensorUpload(dataType);
        try (NDManager scope = manager.newSubManager(device)) {
            NDArray[] values = new NDArray[p];
            for (int j = 0; j < p; j++) {
                values[j] = constant(scope, theta.get(j));
            }
            for (int from = 0; from < n; from += CHUNK) {
                int m = Math.min(CHUNK, n - from);
                try (NDManager step = scope.newSubManager()) {
                    NDArray[] x = new NDArray[columns.length];
                    for (int j = 0; j < x.length; j++) {
                        x[j] = upload.upload(step, columns[j], from, m);
                    }
                    NDArray y = upload.upload(step, targets, from, m);
                    NDArray[] copies = new NDArray[p];
                    for (int j = 0; j < p; j++) {
                        // ones times θj is θj exactly, in the working type, one per sample.
                        copies[j] = step.ones(new Shape(m), dataType).mul(values[j]);
                        copies[j].setRequiresGradient(true);
                    }
                    CollectorGate.collect(engine, collector -> {
                        collector.backward(predict(copies, x, false).sub(y).square().sum());
                        for (int j = 0; j < p; j++) {
                            read(copies[j].getGradient(), gradients[j]);
                        }
                        return null;
                    });
                }
                sink.accept(from, m, gradients);
            }
        }
    }

    /**
     * {@code theta_1 * x_1 + … + theta_d * x_d + theta_0}, left to right; for d = 1 exactly the
     * notebook's {@code theta_1 * x + theta_0}.
     *
     * @param release whether to close each intermediate once it is used (the autograd graph
     *     keeps what it needs; closing only gives the memory of the rest back early)
     */
    private static NDArray predict(NDArray[] theta, NDArray[] x, boolean release) {
        NDArray sum = theta[1].mul(x[0]);
        for (int j = 1; j < x.length; j++) {
            NDArray product = theta[j + 1].mul(x[j]);
            NDArray next = sum.add(product);
            if (release) {
                product.close();
                sum.close();
            }
            sum = next;
        }
        NDArray prediction = sum.add(theta[0]);
        if (release) {
            sum.close();
        }
        return prediction;
    }

    private NDArray constant(NDManager scope, double value) {
        // Made in float64, then rounded to the working type, as torch.tensor(v, dtype=...) does.
        return scope.create(value).toType(dataType, false);
    }

    /** {@code tensor.item()}: the scalar as a double, then releases the handle. */
    private static double scalar(NDArray array) {
        try (array) {
            return array.getDataType() == DataType.FLOAT32 ? array.getFloat() : array.getDouble();
        }
    }

    /** Copies a 1-d gradient into {@code into}, widened to double, and releases the handle. */
    private static void read(NDArray array, double[] into) {
        try (array) {
            if (array.getDataType() == DataType.FLOAT32) {
                float[] values = array.toFloatArray();
                for (int i = 0; i < values.length; i++) {
                    into[i] = values[i];
                }
            } else {
                double[] values = array.toDoubleArray();
                System.arraycopy(values, 0, into, 0, values.length);
            }
        }
    }
}
