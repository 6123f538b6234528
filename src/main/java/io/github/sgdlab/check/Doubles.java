package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Reads an NDArray of any numeric type as doubles (float32 widens exactly). */
final class Doubles {

    private Doubles() {}

    /**
     * The values, flat, row-major.
     *
     * @param array the array
     * @return its values as doubles
     */
    static double[] of(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        try (NDArray asDouble = array.toType(DataType.FLOAT64, true)) {
            return asDouble.toDoubleArray();
        }
    }
}
