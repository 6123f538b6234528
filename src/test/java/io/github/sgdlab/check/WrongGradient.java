package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;

/**
 * The test-only seam: functions whose value is right and whose autograd is deliberately wrong,
 * built from DJL's own {@code stopGradient}, as a custom operator with a buggy backward would be.
 */
final class WrongGradient {

    private WrongGradient() {}

    /**
     * An array equal to {@code value} whose gradient with respect to {@code x} is
     * {@code derivative} (element-wise) instead of the true one.
     */
    static NDArray of(NDArray value, NDArray x, NDArray derivative) {
        // x - stop(x) is exactly 0, so the value is untouched; its gradient is 1 per element.
        return value.stopGradient().add(x.sub(x.stopGradient()).mul(derivative.stopGradient()));
    }

    /** x² with the gradient x: the classic missing factor 2. */
    static NDArray squareMissingFactorTwo(NDArray x) {
        return of(x.square(), x, x);
    }
}
