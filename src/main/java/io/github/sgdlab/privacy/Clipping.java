package io.github.sgdlab.privacy;

/**
 * How {@link PrivacyEngine} clips each sample's gradient, as Opacus's {@code clipping} argument.
 */
public enum Clipping {

    /**
     * One norm over all trainable parameters together, each sample's gradients scaled by
     * {@code min(1, C / (norm + 1e-6))}; noise std {@code σ·C} (Opacus's {@code DPOptimizer}).
     */
    FLAT,

    /**
     * One norm per parameter, each clipped to {@code C} on its own; noise std
     * {@code σ·‖(C, …, C)‖₂ = σ·C·√P} for P parameters (Opacus's {@code DPPerLayerOptimizer} with
     * the same threshold for every parameter).
     */
    PER_LAYER
}
