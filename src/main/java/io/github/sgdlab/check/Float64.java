package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

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
        if (array.getDataType() != DataType.FLOAT64) {
            throw new IllegalArgumentException(what + " is " + array.getDataType()
                    + ", but a gradient check needs float64: with eps = 1e-6 the central "
                    + "difference of a float32 function is rounding noise (float32 resolves about "
                    + "1e-7 relative), so the check would fail or pass by chance; convert with "
                    + "toType(DataType.FLOAT64, false) or block.cast(DataType.FLOAT64)");
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
