package io.github.sgdlab.check;

/**
 * One compared value of a gradient check: an element of the Jacobian (analytical from DJL's
 * autograd, numerical from central differences), or in fast mode the projection vᵀ·J·u.
 *
 * <p>The check passes when {@code |analytical - numerical| <= atol + rtol * |numerical|}, torch's
 * {@code allclose} rule; a NaN on either side fails.
 *
 * @param name the input's or parameter's name ({@code "input j"} for an unnamed input)
 * @param inputIndex the position of the input or parameter among those checked
 * @param outputIndex the flat index of the output element, or -1 for a fast-mode projection
 * @param flatIndex the flat (row-major) index of the input element, or -1 for a projection
 * @param analytical the value from DJL's autograd
 * @param numerical the value from central differences
 * @param tolerance {@code atol + rtol * |numerical|}
 */
public record ElementCheck(
        String name,
        int inputIndex,
        long outputIndex,
        long flatIndex,
        double analytical,
        double numerical,
        double tolerance) {

    /**
     * The absolute error.
     *
     * @return {@code |analytical - numerical|}
     */
    public double absError() {
        return Math.abs(analytical - numerical);
    }

    /**
     * The error relative to the numerical value.
     *
     * @return {@code |analytical - numerical| / |numerical|}; 0 when both are 0, infinite when
     *     only the numerical value is 0
     */
    public double relError() {
        double abs = absError();
        return abs == 0 ? 0 : abs / Math.abs(numerical);
    }

    /**
     * Whether the two values agree within the tolerance.
     *
     * @return false if they differ by more than the tolerance or either is NaN
     */
    public boolean passed() {
        // "<=" is false for NaN, so a NaN on either side fails.
        return absError() <= tolerance;
    }

    /**
     * Whether this is a fast-mode projection rather than one element of the Jacobian.
     *
     * @return true for vᵀ·J·u
     */
    public boolean isProjection() {
        return flatIndex < 0;
    }

    /**
     * How close this value came to failing: the error as a share of the tolerance. The worst
     * element of an input is the one with the largest share.
     *
     * @return {@code absError / tolerance}; infinite when either value is NaN
     */
    double severity() {
        double abs = absError();
        if (Double.isNaN(abs)) {
            return Double.POSITIVE_INFINITY;
        }
        return tolerance == 0 ? (abs == 0 ? 0 : Double.POSITIVE_INFINITY) : abs / tolerance;
    }
}
