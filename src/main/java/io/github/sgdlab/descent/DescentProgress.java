package io.github.sgdlab.descent;

/**
 * Hears how a descent advances, for a progress bar. Called on the thread running the descent.
 */
@FunctionalInterface
public interface DescentProgress {

    /** Hears nothing. */
    DescentProgress NONE = (epoch, maxEpochs, activeRuns) -> { };

    /**
     * Called after every epoch.
     *
     * @param epoch the epoch just finished, 1-based
     * @param maxEpochs the most epochs the descent may take
     * @param activeRuns how many runs have not stopped yet (0 when this is the last call)
     */
    void epochDone(int epoch, int maxEpochs, int activeRuns);
}
