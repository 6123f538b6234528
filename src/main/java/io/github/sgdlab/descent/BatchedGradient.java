package io.github.sgdlab.descent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.autograd.CollectorGate;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.IntToDoubleFunction;

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
 * buffer); the gradient handle is kept and zeroed in place, as {@code grad.zero_()}, and read
 * through a direct view of its memory once a check has shown the view is not a copy; the
 * backward pass is seeded by a 1 made once ({@link SeededBackward}); the forward pass's
 * intermediates are closed as soon as the backward pass is done, with no sub-manager.
 *
 * <p>When every slice holds one sample (SGD, or mini-batches of one) the loss is built from
 * element-wise ops instead: θ is laid out as {@code (R, 1, d + 2)}, the residuals are
 * {@code (slice · θ).sum(1, 2)} and the loss is their {@code dot} with themselves. libtorch's
 * backward pass through a batched {@code matMul} costs more than the whole rest of a one-sample
 * step. Both give run r the gradient {@code x · (2·r)}: the dot's backward pass sums
 * {@code r + r}, which is exact. For slices of several samples the element-wise form is slower
 * than {@code bmm}, so they keep {@code matMul}. The timings, from
 * {@code src/test/bench/descend_step_forms.py}, are in {@code src/test/bench/README.md}.
 *
 * <p>Not thread-safe; close it to free its native memory.
 */
final class BatchedGradient implements AutoCloseable {

    /** The axes of one sample's row, (1, d + 2), summed into its residual. */
    private static final int[] ROW = {1, 2};

    /** The samples axis of a slice's residuals, averaged into the run's loss. */
    private static final int[] SAMPLES = {1};

    private final NDManager scope;
    private final int runs;
    private final int features;
    private final int width;
    private final boolean float32;
    private final boolean oneSample;
    private final ByteBuffer buffer;
    private final NDArray theta;
    private final SeededBackward backward;
    private NDArray gradient;
    private boolean aliased;
    private boolean checked;
    /** Reads the gradient tensor's own memory, once a check has shown the view is; else null. */
    private IntToDoubleFunction gradientView;
    private boolean gradientChecked;

    /**
     * Creates θ for R runs.
     *
     * @param manager the manager to open a scope on
     * @param runs R
     * @param features d
     * @param dataType float64 or float32
     * @param sliceSize how many samples each iteration uses (1 for SGD)
     */
    BatchedGradient(NDManager manager, int runs, int features, DataType dataType,
            int sliceSize) {
        this.scope = manager.newSubManager();
        this.runs = runs;
        this.features = features;
        this.width = features + 2;
        this.float32 = dataType == DataType.FLOAT32;
        this.oneSample = sliceSize == 1;
        this.buffer = ByteBuffer.allocateDirect(runs * width * dataType.getNumOfBytes())
                .order(ByteOrder.nativeOrder());
        // Row-shaped for the element-wise product, column-shaped for matMul; the same memory.
        Shape shape = oneSample ? new Shape(runs, 1, width) : new Shape(runs, width, 1);
        this.theta = scope.create(buffer, shape, dataType);
        theta.setRequiresGradient(true);
        this.backward = new SeededBackward(scope, dataType);
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
        // The collector records the forward pass; the backward pass is seeded by our own 1.
        try (GradientCollector recording = CollectorGate.open(scope.getEngine())) {
            if (oneSample) {
                try (NDArray products = slice.mul(theta);
                        NDArray residual = products.sum(ROW);
                        NDArray loss = residual.dot(residual)) {
                    backward.backward(loss);
                }
            } else {
                try (NDArray residual = slice.matMul(theta);
                        NDArray squared = residual.square();
                        NDArray perRun = squared.mean(SAMPLES);
                        NDArray loss = perRun.sum()) {
                    backward.backward(loss);
                }
            }
        }
        if (gradient == null) {
            gradient = theta.getGradient();
        }
        if (gradientView != null) {
            unpack(gradientView, gradients);
        } else {
            readChecking(gradients);
        }
        // grad.zero_(): the engine adds each backward pass into the same gradient tensor.
        gradient.subi(gradient);
    }

    /**
     * Reads the gradient through a copy, and on the way finds out whether a direct view of the
     * tensor aliases its memory: it does if the view reads 0 where the copy read a value after
     * the gradient has been zeroed. Then every later iteration reads the view with no native
     * call. (libtorch accumulates into the same gradient tensor in place, which the cached
     * {@link #gradient} handle relies on as well.)
     */
    private void readChecking(double[] gradients) {
        ByteBuffer view = gradientChecked ? null : gradient.toByteBuffer(true);
        double[] values = toDoubles(gradient);
        unpack(i -> values[i], gradients);
        if (view == null) {
            return;
        }
        int nonZero = -1;
        for (int i = 0; i < values.length && nonZero < 0; i++) {
            if (values[i] != 0) {
                nonZero = i;
            }
        }
        if (nonZero < 0) {
            return; // nothing to tell a view from a copy with: check on the next iteration
        }
        gradientChecked = true;
        gradient.subi(gradient);
        if (value(view, nonZero) == 0) {
            gradientView = i -> value(view, i);
        }
    }

    private double value(ByteBuffer view, int index) {
        return float32 ? view.getFloat(4 * index) : view.getDouble(8 * index);
    }

    /**
     * Spreads the tensor's values, {@code [θ1, …, θd, θ0, 1]} per run, into every run's gradient
     * in the θ0-first layout (the constant's component is dropped).
     */
    private void unpack(IntToDoubleFunction value, double[] gradients) {
        int stride = features + 1;
        for (int r = 0; r < runs; r++) {
            int from = width * r;
            int to = stride * r;
            gradients[to] = value.applyAsDouble(from + features);
            for (int j = 0; j < features; j++) {
                gradients[to + 1 + j] = value.applyAsDouble(from + j);
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
