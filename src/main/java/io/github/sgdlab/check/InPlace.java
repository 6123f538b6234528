package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.index.NDIndex;

/**
 * Writes into a parameter's storage in place. libtorch refuses an in-place write to a leaf that
 * requires a gradient whenever grad mode is on, and grad mode is on not only inside a collector:
 * DJL turns it off only on the thread that loaded the engine, so every other thread starts with
 * libtorch's default, on. Lifting the flag for the copy (its gradient is kept) works on any thread.
 */
final class InPlace {

    private static final NDIndex ALL = new NDIndex("...");

    private InPlace() {}

    /**
     * {@code target[...] = source}, bit for bit.
     *
     * @param target the array to overwrite, a parameter that may require a gradient
     * @param source the values, of the target's shape
     */
    static void overwrite(NDArray target, NDArray source) {
        boolean requiresGradient = target.hasGradient();
        if (!requiresGradient) {
            target.set(ALL, source);
            return;
        }
        target.setRequiresGradient(false);
        try {
            target.set(ALL, source);
        } finally {
            target.setRequiresGradient(true);
        }
    }
}
