package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.Pair;

import java.util.Objects;

/**
 * What {@code block.cast(DataType)} should do, and in DJL 0.36 does not (it throws
 * {@link UnsupportedOperationException}): converts an initialized block's parameters to another
 * data type, in place. The way to run {@link GradCheck} on a model trained in float32:
 *
 * <pre>{@code
 * BlockCast.cast(block, DataType.FLOAT64);               // float32 values widen exactly
 * GradCheckResult result = GradCheck.builder().build().check(block, loss,
 *         new NDList(x.toType(DataType.FLOAT64, false)), labels);
 * BlockCast.cast(block, DataType.FLOAT32);               // back, bit for bit
 * }</pre>
 */
public final class BlockCast {

    private BlockCast() {}

    /**
     * Replaces every parameter's array with a copy converted to {@code dataType}
     * ({@link NDArray#toType}), in the manager the parameter's array lived in, and closes the old
     * array. Parameters keep their names, shapes and whether they are frozen; gradients are not
     * kept (train or check afresh). Widening float32 to float64 is exact, so casting there and
     * back restores the float32 values bit for bit. A parameter already of that type is left as
     * it is.
     *
     * @param block an initialized block
     * @param dataType the new type of every parameter
     * @throws IllegalArgumentException if the block is not initialized
     */
    public static void cast(Block block, DataType dataType) {
        Objects.requireNonNull(dataType, "dataType");
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block is not initialized: initialize it in "
                    + "the type you want, block.initialize(manager, " + dataType + ", shapes)");
        }
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            NDArray old = parameter.getArray();
            if (old.getDataType() == dataType) {
                continue;
            }
            NDArray converted = old.toType(dataType, true);
            Initializer original = parameter.getInitializer();
            // A parameter's array can only be replaced through initialize(), once it is empty:
            // close() empties it and keeps the shape, and the initializer hands back the copy.
            parameter.close();
            parameter.setInitializer((manager, shape, type) -> converted);
            try {
                parameter.initialize(converted.getManager(), dataType);
            } finally {
                parameter.setInitializer(original);
            }
        }
    }
}
