package io.github.sgdlab.privacy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * Opacus's per-sample clip factor {@code min(1, C / (norm + 1e-6))}, shared by the materialised
 * and the ghost path.
 *
 * <p>The constants are {@code NDArray} operands, not {@code Number}s: DJL 0.36 frees a
 * {@code Number} operand's buffer right after the operation, which is harmless here (no graph
 * is differentiated through the factor) but is the pattern the project's guard forbids
 * everywhere, so that no copy of it ends up in a graph. A 0-dimensional operand gives the same
 * values, bit for bit, as the {@code Number} form.
 */
final class ClipFactor {

    /** Opacus's guard against division by zero in the clip factor. */
    static final double NORM_GUARD = 1e-6;

    private ClipFactor() {}

    /**
     * The clip factor of each sample.
     *
     * @param norms the per-sample norms, shape {@code [n]}; the result and its intermediates
     *     live in their manager
     * @param maxGradNorm C
     * @return {@code min(1, C / (norms + 1e-6))}, shape {@code [n]}
     */
    static NDArray of(NDArray norms, double maxGradNorm) {
        NDManager manager = norms.getManager();
        NDArray guarded = norms.add(NORM_GUARD);
        return manager.create(maxGradNorm).div(guarded).minimum(manager.create(1.0));
    }
}
