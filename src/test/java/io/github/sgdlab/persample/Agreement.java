package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/**
 * How closely two computations of the same gradients must agree when they sum in different
 * orders: within {@code bound · scale}, where scale is the largest magnitude in the expected
 * array. Float64: 1e-12. Float32: 2^-16 (256 units of roundoff), enough for the few dozen
 * differently ordered roundings of a forward and backward pass through a few layers of width 64
 * (measured on the 20-64-10 MLP: about 5 units), and far below any real error (a missing term is of order scale).
 */
final class Agreement {

    static final double FLOAT64_BOUND = 1e-12;
    static final double FLOAT32_BOUND = 0x1p-16;

    private Agreement() {}

    static double bound(DataType type) {
        return type == DataType.FLOAT64 ? FLOAT64_BOUND : FLOAT32_BOUND;
    }

    /** Every element of actual within bound·scale of expected; shapes equal. */
    static void assertClose(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + ": shape");
        assertEquals(expected.getDataType(), actual.getDataType(), what + ": dtype");
        double[] e = doubles(expected);
        double[] a = doubles(actual);
        double scale = 0;
        for (double v : e) {
            scale = Math.max(scale, Math.abs(v));
        }
        double tolerance = bound(expected.getDataType()) * scale;
        for (int i = 0; i < e.length; i++) {
            if (!(Math.abs(a[i] - e[i]) <= tolerance)) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i]
                        + " within " + tolerance + " (" + bound(expected.getDataType())
                        + " of the largest magnitude " + scale + ")");
            }
        }
    }

    /** Bit for bit: the same shape, type and bits in every element. */
    static void assertBitwise(NDArray expected, NDArray actual, String what) {
        assertEquals(expected.getShape(), actual.getShape(), what + ": shape");
        double[] e = doubles(expected);
        double[] a = doubles(actual);
        for (int i = 0; i < e.length; i++) {
            if (Double.doubleToRawLongBits(e[i]) != Double.doubleToRawLongBits(a[i])) {
                fail(what + ": element " + i + " is " + a[i] + ", expected " + e[i]
                        + " bit for bit");
            }
        }
    }

    /** The values as doubles (float32 widened exactly). */
    static double[] doubles(NDArray array) {
        if (array.getDataType() == DataType.FLOAT64) {
            return array.toDoubleArray();
        }
        float[] floats = array.toFloatArray();
        double[] doubles = new double[floats.length];
        for (int i = 0; i < floats.length; i++) {
            doubles[i] = floats[i];
        }
        return doubles;
    }
}
