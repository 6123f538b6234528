package io.github.sgdlab.linear;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.function.IntConsumer;

/**
 * In [11] on the general per-sample engine, one sample at a time ({@link AutogradGradients}' loop
 * strategy): the model
 * {@code ŷ = θ0 + θ·x} as what it is to DJL, a {@link Linear} with d inputs and one unit
 * (weight θ1…θd, bias θ0), the squared error of each sample, and {@link Strategy#LOOP}: a batch
 * of one per sample, a collector, backward, copy out.
 *
 * <p>The samples go through the engine in chunks of {@link ChunkedAutograd#CHUNK}, each chunk's
 * gradients handed to a {@link PerSampleSink} and dropped, so memory stays at a chunk's worth
 * however many samples there are.
 */
final class LoopedAutograd {

    private final NDManager manager;
    private final DataType dataType;
    private final Device device;

    LoopedAutograd(NDManager manager, DataType dataType, Device device) {
        this.manager = manager;
        this.dataType = dataType;
        this.device = device;
    }

    /**
     * Every sample's gradient, chunk by chunk, in sample order.
     *
     * @param data the samples, each value rounded once to the working type
     * @param theta where to take the gradients: d + 1 values
     * @param progress told how many samples are done so far, after each sample
     * @param sink receives the gradients
     */
    void perSample(FeatureData data, Theta theta, IntConsumer progress,
            PerSampleSink sink) {
        theta.requireFeatures(data.features());
        int n = data.samples();
        int d = data.features();
        double[][] gradients = new double[d + 1][Math.min(ChunkedAutograd.CHUNK, n)];
        TensorUpload upload = new TensorUpload(dataType);
        try (NDManager scope = manager.newSubManager(device)) {
            Linear model = model(scope, theta, d);
            for (int from = 0; from < n; from += ChunkedAutograd.CHUNK) {
                int m = Math.min(ChunkedAutograd.CHUNK, n - from);
                int offset = from;
                PerSample perSample = PerSample.builder(model, PerSampleLoss.squaredError())
                        .optStrategy(Strategy.LOOP)
                        .optProgress(done -> progress.accept(offset + done))
                        .build();
                try (NDManager step = scope.newSubManager()) {
                    NDList columns = new NDList(d);
                    for (int j = 0; j < d; j++) {
                        columns.add(upload.upload(step, data.featureView(j), from, m));
                    }
                    NDArray x = NDArrays.stack(columns, 1);
                    NDArray y = upload.upload(step, data.yView(), from, m);
                    try (PerSampleResult result = perSample.compute(new NDList(x), y)) {
                        read(result.gradient("bias"), gradients[0]);
                        DoubleBuffer weights = doubles(result.gradient("weight"));
                        for (int i = 0; i < m; i++) {
                            for (int j = 0; j < d; j++) {
                                gradients[j + 1][i] = weights.get(i * d + j);
                            }
                        }
                    }
                }
                sink.accept(from, m, gradients);
            }
        }
    }

    /** The Linear with weight θ1…θd and bias θ0, each rounded once to the working type. */
    private Linear model(NDManager scope, Theta theta, int d) {
        double[] values = theta.values();
        double[] weight = new double[d];
        System.arraycopy(values, 1, weight, 0, d);
        Linear model = Linear.builder().setUnits(1).build();
        // Initialised to θ directly: NDArray.set would do, but makes libtorch print a
        // deprecation warning on stderr.
        model.setInitializer((s, shape, type) ->
                s.create(weight).toType(type, false).reshape(shape), "weight");
        model.setInitializer((s, shape, type) ->
                s.create(values[0]).toType(type, false).reshape(shape), "bias");
        model.initialize(scope, dataType, new Shape(1, d));
        return model;
    }

    private static void read(NDArray array, double[] into) {
        DoubleBuffer values = doubles(array);
        for (int i = 0; i < values.remaining(); i++) {
            into[i] = values.get(i);
        }
    }

    /** The values widened to double (exactly, for float32), in row-major order. */
    private static DoubleBuffer doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toByteBuffer().asDoubleBuffer();
        }
        FloatBuffer values = array.toByteBuffer().asFloatBuffer();
        double[] widened = new double[values.remaining()];
        for (int i = 0; i < widened.length; i++) {
            widened[i] = values.get(i);
        }
        return DoubleBuffer.wrap(widened);
    }
}
