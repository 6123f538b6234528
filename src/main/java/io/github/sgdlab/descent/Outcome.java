package io.github.sgdlab.descent;

import java.util.Locale;

/** How a run ended. */
public enum Outcome {

    /** ‖θ_t − θ*‖₂ fell below ε at some iteration t. */
    CONVERGED,

    /**
     * θ stopped being finite or moved further than 10^6 · max(1, ‖θ_0 − θ*‖₂) from θ*.
     */
    DIVERGED,

    /** The maximum number of epochs passed with neither of the above. */
    NOT_CONVERGED;

    /**
     * The outcome's name in JSON and reports: its constant in lower case.
     *
     * @return {@code converged}, {@code diverged} or {@code not_converged}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
