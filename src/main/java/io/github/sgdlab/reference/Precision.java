package io.github.sgdlab.reference;

/**
 * The two IEEE binary floating-point formats a gradient can be computed in, as the rounding
 * bounds need them: by their unit roundoff and their smallest subnormal. The witness names them
 * itself so that it depends on no framework; the DJL side maps its {@code DataType} onto these
 * ({@code io.github.sgdlab.grad.CrossCheck#precision}).
 */
public enum Precision {

    /** IEEE binary32: 24-bit significand. */
    FLOAT32(0x1p-24, Float.MIN_VALUE),

    /** IEEE binary64: 53-bit significand. */
    FLOAT64(0x1p-53, Double.MIN_VALUE);

    private final double unitRoundoff;
    private final double underflow;

    Precision(double unitRoundoff, double underflow) {
        this.unitRoundoff = unitRoundoff;
        this.underflow = underflow;
    }

    /**
     * The unit roundoff: half the distance from 1 to the next value.
     *
     * @return 2^-24 or 2^-53
     */
    public double unitRoundoff() {
        return unitRoundoff;
    }

    /**
     * The absolute error one rounding into the subnormal range may make: the smallest subnormal
     * (twice the half-ulp of the standard model, for safety).
     *
     * @return 2^-149 for float32, 2^-1074 for float64
     */
    public double underflow() {
        return underflow;
    }
}
