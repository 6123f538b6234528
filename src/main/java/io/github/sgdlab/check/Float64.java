package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.engine.EngineException;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;

/** The float64 rules of the gradient check, and reading NDArrays as doubles. */
final class Float64 {

    private Float64() {}

    /**
     * Refuses anything but float64.
     *
     * @param array the array
     * @param what how the message names it
     * @throws IllegalArgumentException if it is not float64
     */
    static void require(NDArray array, String what) {
        require(array, what, "array.toType(DataType.FLOAT64, false)");
    }

    /**
     * Refuses a block parameter that is not float64, naming the way to convert the block
     * (DJL 0.36's {@code block.cast} throws {@link UnsupportedOperationException}).
     *
     * @param array the parameter's array
     * @param what how the message names it
     * @throws IllegalArgumentException if it is not float64
     */
    static void requireParameter(NDArray array, String what) {
        require(array, what, "BlockCast.cast(block, DataType.FLOAT64) (DJL 0.36's block.cast "
                + "is not implemented), or initialize the block in DataType.FLOAT64");
    }

    private static void require(NDArray array, String what, String conversion) {
        if (array.getDataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException(what + " is " + array.getDataType()
                    + ", but a gradient check needs float64: with eps = 1e-6 the central "
                    + "difference of a float32 function is rounding noise (float32 resolves about "
                    + "1e-7 relative), so the check would fail or pass by chance; convert with "
                    + conversion);
        }
    }

    /**
     * The values of a float64 array, flat.
     *
     * @param array the array
     * @return its values
     * @throws IllegalArgumentException if it is not float64
     */
    static double[] values(NDArray array) {
        require(array, "the output");
        return array.toDoubleArray();
    }

    /**
     * The gradient of a leaf as doubles. DJL returns a float32 zero array for a float64 array
     * that has no gradient yet, hence the conversion.
     *
     * @param leaf an array that requires a gradient
     * @return its gradient's values
     */
    static double[] gradient(NDArray leaf) {
        try (NDArray gradient = leaf.getGradient();
                NDArray asDouble = gradient.toType(DataType.FLOAT64, true)) {
            return asDouble.toDoubleArray();
        }
    }

    /**
     * Runs a backward pass from {@code target}, unless it depends on no array that requires a
     * gradient. DJL cannot tell beforehand ({@code hasGradient()} is false for every result of an
     * operation, connected or not), and libtorch refuses such a root with "element 0 of tensors
     * does not require grad and does not have a grad_fn": that refusal means the Jacobian with
     * respect to every checked tensor is zero, which the check then compares like any other.
     *
     * @param collector the open collector
     * @param target the scalar to differentiate
     * @return true if the backward pass ran, false if the target depends on nothing checked
     */
    static boolean backward(GradientCollector collector, NDArray target) {
        try {
            collector.backward(target);
            return true;
        } catch (EngineException e) {
            String message = String.valueOf(e.getMessage());
            if (message.contains("does not require grad") && message.contains("grad_fn")) {
                return false;
            }
            throw e;
        }
    }

    /**
     * {@code Σ v_i · output_i}, the scalar whose gradient is {@code vᵀ J}.
     *
     * @param scope where the weights live
     * @param output the output
     * @param v the weights, one per output element
     * @return the scalar
     */
    static NDArray weightedSum(NDManager scope, NDArray output, double[] v) {
        if (output.size() != v.length) {
            throw new IllegalStateException("the output changed size between evaluations: "
                    + v.length + " then " + output.size() + " elements");
        }
        return output.mul(scope.create(v, output.getShape())).sum();
    }
}
