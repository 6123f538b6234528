package io.github.sgdlab.linear;

import ai.djl.ndarray.types.DataType;

/** The two floating-point types the gradients can be computed in, checked in one place. */
public final class DataTypes {

    private DataTypes() {}

    /**
     * Checks that a data type is one the library computes in.
     *
     * @param dataType the type to check
     * @return the same type
     * @throws IllegalArgumentException for anything but float32 and float64
     */
    public static DataType requireFloat(DataType dataType) {
        if (dataType != DataType.FLOAT32 && dataType != DataType.FLOAT64) {
            throw new IllegalArgumentException("the data type must be float32 or float64, got " + dataType);
        }
        return dataType;
    }
}
