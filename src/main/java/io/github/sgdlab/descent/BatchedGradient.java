package io.github.sgdlab.descent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.sgdlab.autograd.CollectorGate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The gradient of R independent runs' mean-squared errors in one DJL autograd pass.
 *
 * <p>Run r's parameters are the column {@code [θ1, …, θd, θ0, 1]}, its samples rows
 * {@code [x1, …, xd, 1, −y]}, so one batched {@code matMul} gives every residual
 * {@code θ·x + θ0 − y} (for the notebook's d = 1, {@code [θ1, θ0, 1]} and {@code [x1, 1, −y]}); the loss is
 * {@code Σ_r mean_i residual²}, and its gradient with respect to run r's column is run r's own
 * gradient (the third component, for the constant 1, is ignored).
 *
 * <p>A step here is a hot loop of several thousand iterations, so it avoids what costs most in
 * DJL: θ is one tensor for the whole descent, created over a direct buffer of ours, so that new
 * values are written into the buffer rather than sent through a native call each iteration (a
 * check on the first iteration falls back to {@link NDArray#set} if the engine copied the
 * buffer); the gradient handle is kept and zeroed in place, as {@code grad.zero_()}; the forward
 * pass's intermediates are closed as soon as the backward pass is done, with no sub-manager.
 *
 * <p>Not thread-safe; close it to free its native memory.
 */
final class BatchedGradient implements AutoCloseable {

    private final NDManager scope;
    private final int runs;
    private final int features;
    private final int width;
    private final boolean float32;
    private final ByteBuffer buffer;
    private final NDArray theta;
    private NDArray gradient;
    private boolean aliased;
    private boolean checked;

    /**
     * Creates θ for R runs.
     *
     * @param manager the manager to open a scope on
     * @param runs R
     * @param features d
     * @param dataType float64 or float32
     */
    BatchedGradient(NDManager manager, int runs, int features, DataType dataType) {
        this.scope = manager.newSubManager();
        this.runs = runs;
        this.features = features;
        this.width = features + 2;
        this.float32 = dataType == DataType.FLOAT32;
        this.buffer = ByteBuffer.allocateDirect(runs * width * dataType.getNumOfBytes())
                .order(ByteOrder.nativeOrder());
        this.theta = scope.create(buffer, new Shape(runs, width, 1), dataType);
        theta.setRequiresGradient(true);
    }

    /**
     * Packs an epoch's samples for every run as {@code [x1, …, xd, 1, −y]} rows, in the working
     * type.
     *
     * @param scope where the tensor lives
     * @param rows R · n · (d + 2) values, run by run, sample by sample
     * @param samples n
     * @return an (R, n, d + 2) tensor
     */
    NDArray samples(NDManager scope, double[] rows, int samples) {
        Shape shape = new Shape(runs, samples, width);
        if (float32) {
            float[] rounded = new float[rows.length];
            for (int i = 0; i < rows.length; i++) {
                rounded[i] = (float) rows[i];
            }
            return scope.create(rounded, shape);
        }
        return scope.create(rows, shape);
    }

    /**
     * One iteration of every run: each run's gradient at its θ over the slice's samples.
     *
     * @param slice (R, b, d + 2) rows {@code [x1, …, xd, 1, −y]}
     * @param thetas every run's θ, d + 1 values each, intercept first (values of the working
     *     type)
     * @param gradients receives every run's gradient in the same layout
     */
    void compute(NDArray slice, double[] thetas, double[] gradients) {
        write(thetas);
        boolean oneSample = slice.getShape().get(1) == 1;
        double[] values = CollectorGate.collect(scope.getEngine(), collector -> {
            try (NDArray residual = slice.matMul(theta);
                    NDArray squared = residual.square();
                    // The mean over one sample is that sample (x / 1 == x exactly), so SGD skips
                    // the node: one op fewer forward and backward, on its hot path.
                    NDArray perRun = oneSample ? null : squared.mean(new int[] {1});
                    NDArray loss = (oneSample ? squared : perRun).sum()) {
                collector.backward(loss);
            }
            if (gradient == null) {
                gradient = theta.getGradient();
            }
            double[] out = toDoubles(gradient);
            // grad.zero_(): the engine adds each backward pass into the same gradient tensor.
            gradient.subi(gradient);
            return out;
        });
        int stride = features + 1;
        for (int r = 0; r < runs; r++) {
            int from = width * r;
            int to = stride * r;
            gradients[to] = values[from + features];
            for (int j = 0; j < features; j++) {
                gradients[to + 1 + j] = values[from + j];
            }
        }
    }

    private void write(double[] thetas) {
        buffer.clear();
        int stride = features + 1;
        for (int r = 0; r < runs; r++) {
            int at = stride * r;
            if (float32) {
                for (int j = 1; j <= features; j++) {
                    buffer.putFloat((float) thetas[at + j]);
                }
                buffer.putFloat((float) thetas[at]).putFloat(1f);
            } else {
                for (int j = 1; j <= features; j++) {
                    buffer.putDouble(thetas[at + j]);
                }
                buffer.putDouble(thetas[at]).putDouble(1.0);
            }
        }
        buffer.rewind();
        if (!checked) {
            // The PyTorch engine builds the tensor over our buffer (from_blob); if a version copies
            // it instead, send the values through set() every iteration.
            checked = true;
            aliased = java.util.Arrays.equals(toDoubles(theta), expected(thetas));
        }
        if (!aliased) {
            theta.set(buffer);
            buffer.rewind();
        }
    }

    private double[] expected(double[] thetas) {
        double[] out = new double[width * runs];
        int stride = features + 1;
        for (int r = 0; r < runs; r++) {
            for (int j = 1; j <= features; j++) {
                out[width * r + j - 1] = typed(thetas[stride * r + j]);
            }
            out[width * r + features] = typed(thetas[stride * r]);
            out[width * r + features + 1] = 1.0;
        }
        return out;
    }

    private double typed(double value) {
        return float32 ? (float) value : value;
    }

    private static double[] toDoubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] values = array.toFloatArray();
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = values[i];
        }
        return out;
    }

    /** Frees θ, its gradient and the scope. */
    @Override
    public void close() {
        scope.close();
    }
}
