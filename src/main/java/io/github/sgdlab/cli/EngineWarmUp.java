package io.github.sgdlab.cli;

import ai.djl.engine.Engine;

/**
 * Loads the PyTorch engine on a background thread while the arguments are parsed and the data
 * drawn: loading libtorch takes most of a short run's start-up. If loading fails, the failure is
 * kept, because a second attempt by the command often fails with a less telling error (a class
 * that "could not be initialized") than the first.
 */
final class EngineWarmUp {

    private static volatile Throwable failure;

    private EngineWarmUp() {}

    /** Starts loading the engine on a daemon thread. */
    static void start() {
        Thread thread = new Thread(EngineWarmUp::load, "engine-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * What the warm-up's attempt to load the engine threw, if anything.
     *
     * @return the failure, or null
     */
    static Throwable failure() {
        return failure;
    }

    private static void load() {
        try {
            Engine.getEngine("PyTorch");
            // Before the command's first convolution: libtorch would log NNPACK's failure at each.
            NnpackSwitch.disableWhereUnsupported();
        } catch (RuntimeException | Error e) {
            failure = e;
        }
    }
}
