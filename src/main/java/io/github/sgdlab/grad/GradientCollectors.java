package io.github.sgdlab.grad;

import ai.djl.engine.Engine;
import ai.djl.training.GradientCollector;

import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Serialises gradient collection. DJL's PyTorch engine allows one open
 * {@link GradientCollector} per process (a static flag in {@code PtGradientCollector}); a second
 * one opened from another thread throws. Every collector this library opens goes through here,
 * so concurrent callers wait their turn instead of failing.
 */
final class GradientCollectors {

    private static final ReentrantLock LOCK = new ReentrantLock();

    private GradientCollectors() {}

    /**
     * Runs {@code body} with a newly opened collector, holding the process-wide lock until the
     * collector is closed again.
     *
     * @param engine the engine to open the collector on
     * @param body the forward and backward passes
     * @param <T> what the body computes
     * @return what the body returned
     */
    static <T> T collect(Engine engine, Function<GradientCollector, T> body) {
        LOCK.lock();
        try (GradientCollector collector = engine.newGradientCollector()) {
            return body.apply(collector);
        } finally {
            LOCK.unlock();
        }
    }
}
