package io.github.sgdlab.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.DoubleBuffer;

/**
 * Java doubles into NDArrays of the working type through one reused native buffer.
 *
 * <p>{@code manager.create(double[])} copies into a new direct buffer that only the garbage
 * collector frees: for 10^7 samples of 3 features that is 320 MB held for no reason. Here a
 * piece of at most {@link #PIECE} values goes through one buffer this object owns: made as a
 * float64 array over the buffer, rounded to the working type by the engine (as
 * {@code torch.tensor(x, dtype=...)} rounds), copied out, and the buffer is reused.
 * Not thread-safe: one per computation.
 */
final class TensorUpload {

    /** Values per piece: 8 MB of float64. */
    static final int PIECE = 1 << 20;

    private final DataType dataType;
    private ByteBuffer buffer;

    /**
     * Uploads into the given type.
     *
     * @param dataType float32 or float64
     */
    TensorUpload(DataType dataType) {
        this.dataType = dataType;
    }

    /**
     * {@code values[from, from + length)} as a 1-d array of the working type in {@code scope}.
     *
     * @param scope where the result lives
     * @param values the doubles, read from index 0 of the buffer on (its position is ignored)
     * @param from the first index
     * @param length how many, at least 1
     * @return the new array
     */
    NDArray upload(NDManager scope, DoubleBuffer values, int from, int length) {
        if (length <= PIECE) {
            return piece(scope, values, from, length);
        }
        NDArray whole = scope.zeros(new Shape(length), dataType);
        for (int start = 0; start < length; start += PIECE) {
            int size = Math.min(PIECE, length - start);
            try (NDManager step = scope.newSubManager()) {
                NDArray part = piece(step, values, from + start, size);
                whole.set(new NDIndex("{}:{}", start, start + size), part);
            }
        }
        return whole;
    }

    private NDArray piece(NDManager scope, DoubleBuffer values, int from, int length) {
        int bytes = length * Double.BYTES;
        if (buffer == null || buffer.capacity() < bytes) {
            buffer = ByteBuffer.allocateDirect(Math.max(bytes, 1 << 12))
                    .order(ByteOrder.nativeOrder());
        }
        buffer.clear();
        buffer.asDoubleBuffer().put(values.slice(from, length));
        buffer.limit(bytes);
        try (NDManager alias = scope.newSubManager()) {
            // The float64 array may read the buffer in place; the copy made here does not, so
            // the buffer can take the next piece once the alias is closed.
            NDArray raw = alias.create(buffer, new Shape(length), DataType.FLOAT64);
            // toType to the same type returns the alias itself, copy flag or not: duplicate.
            NDArray typed = dataType == DataType.FLOAT64
                    ? raw.duplicate() : raw.toType(dataType, false);
            typed.attach(scope);
            return typed;
        }
    }
}
