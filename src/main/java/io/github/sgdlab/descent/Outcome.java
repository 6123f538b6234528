package io.github.sgdlab.descent;

/** How a run ended. */
public enum Outcome implements LowerCaseId {

    /** ‖θ_t − θ*‖₂ fell below ε at some iteration t. */
    CONVERGED,

    /**
     * θ stopped being finite or moved further than 10^6 · max(1, ‖θ_0 − θ*‖₂) from θ*.
     */
    DIVERGED,

    /** The maximum number of epochs passed with neither of the above. */
    NOT_CONVERGED;
}
