package io.github.sgdlab.cli;

import ai.djl.ndarray.types.DataType;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Reads {@code --dtype}: the two floating-point types the gradients can be computed in. */
final class DataTypeOption implements ITypeConverter<DataType> {

    @Override
    public DataType convert(String value) {
        switch (value) {
            case "float32":
                return DataType.FLOAT32;
            case "float64":
                return DataType.FLOAT64;
            default:
                throw new TypeConversionException(
                        "unknown dtype '" + value + "': expected float32 or float64");
        }
    }
}
