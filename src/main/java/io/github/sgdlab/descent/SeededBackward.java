package io.github.sgdlab.descent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

/**
 * The backward pass of a scalar loss, seeded with a 1 made once instead of once per pass.
 *
 * <p>DJL's {@code PtGradientCollector.backward(loss)} makes a fresh ones tensor for the seed on
 * every call (a native allocation, three native queries for its shape, type and device, and a
 * device move) and leaves it on the loss's manager until that manager closes; it then calls
 * {@link JniUtils#backward}. A descent makes one backward pass per iteration, thousands in a
 * row, and the seed was the largest cost of a step after libtorch's own passes (the timing before
 * and after is in {@code src/test/bench/README.md}). This calls the
 * same JNI entry with a seed of its own, so the gradient is computed exactly as the collector
 * would compute it.
 *
 * <p>Call it inside an open {@link ai.djl.training.GradientCollector}, on a loss whose forward
 * pass the collector recorded. PyTorch engine only. Not thread-safe.
 */
final class SeededBackward {

    private final PtNDArray seed;

    /**
     * Makes the seed.
     *
     * @param scope where the seed lives; closing it frees the seed
     * @param dataType the loss's type
     * @throws IllegalArgumentException if the manager does not belong to the PyTorch engine
     */
    SeededBackward(NDManager scope, DataType dataType) {
        NDArray one = scope.ones(new Shape(), dataType);
        if (!(one instanceof PtNDArray)) {
            one.close();
            throw new IllegalArgumentException("the descent runs on the PyTorch engine, but the "
                    + "manager belongs to " + scope.getEngine().getEngineName());
        }
        this.seed = (PtNDArray) one;
    }

    /**
     * Adds d loss / d leaf into every leaf's gradient, freeing the graph.
     *
     * @param loss a scalar of the seed's type, made by the seed's engine
     */
    void backward(NDArray loss) {
        JniUtils.backward((PtNDArray) loss, seed, false, false);
    }
}
