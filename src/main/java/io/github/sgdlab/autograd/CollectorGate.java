package io.github.sgdlab.autograd;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;

import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one gate every {@link GradientCollector} of this library goes through, open to user code.
 *
 * <p>DJL's PyTorch engine allows one open collector per process (a static flag in
 * {@code PtGradientCollector}); opening a second one, from any thread, throws. So that the
 * library and its users can both collect gradients, in the same process and from several threads,
 * every collector is opened here:
 *
 * <pre>{@code
 * try (GradientCollector collector = CollectorGate.open(manager.getEngine())) {
 *     NDArray loss = ...;                 // your own training step
 *     collector.backward(loss);
 * }
 * }</pre>
 *
 * <ul>
 *   <li>Across threads, {@link #open} waits until the thread holding the gate closes its
 *       collector; waiters are served in arrival order, so a long per-sample loop of the library
 *       (one collector per sample) cannot starve a user's training step, and vice versa.</li>
 *   <li>On the thread that holds the gate, {@link #open} does not open a second engine collector
 *       (which would throw) but hands out a view of the one already open: a library call made
 *       inside your collector runs in it. Closing the view does not close yours.</li>
 *   <li>A collector opened directly with {@code engine.newGradientCollector()}, or by a trainer
 *       from {@code model.newTrainer(config)}, bypasses the gate; while one is open, {@link #open}
 *       fails with an {@link IllegalStateException}. Make trainers with
 *       {@link #newTrainer(Model, TrainingConfig)} instead: {@code EasyTrain.trainBatch} then
 *       opens its collectors here too.</li>
 *   <li>{@link #exclusive} runs code while no other thread holds the gate. A gated trainer's
 *       {@code step()} (the optimizer's in-place update) runs in it, and the library's calls read
 *       their snapshot of a block's parameters in it: a snapshot is either wholly before or wholly
 *       after an update, never half of each.</li>
 * </ul>
 *
 * <p>Like DJL's own collector, a gated collector must be closed on the thread that opened it
 * (try-with-resources does that).
 */
public final class CollectorGate {

    /** Fair, so that waiters are served in arrival order. */
    private static final ReentrantLock LOCK = new ReentrantLock(true);

    /** The engine collector open while {@link #depth} > 0; guarded by {@link #LOCK}. */
    private static GradientCollector current;

    /** How many gated collectors the holding thread has open; guarded by {@link #LOCK}. */
    private static int depth;

    private CollectorGate() {}

    /**
     * Opens a gradient collector through the gate, waiting while another thread holds it.
     *
     * @param engine the engine to collect on, normally {@code manager.getEngine()}
     * @return a collector that releases the gate when closed
     * @throws IllegalStateException if a collector opened outside the gate is already open
     */
    public static GradientCollector open(Engine engine) {
        Objects.requireNonNull(engine, "engine");
        LOCK.lock();
        try {
            if (depth == 0) {
                current = newEngineCollector(engine);
            }
            depth++;
            return new GatedCollector(current);
        } catch (RuntimeException | Error e) {
            LOCK.unlock();
            throw e;
        }
    }

    /**
     * Runs {@code body} with a collector opened through the gate, and closes it afterwards.
     *
     * @param engine the engine to collect on
     * @param body the forward and backward passes
     * @param <T> what the body computes
     * @return what the body returned
     * @throws IllegalStateException if a collector opened outside the gate is already open
     */
    public static <T> T collect(Engine engine, Function<GradientCollector, T> body) {
        try (GradientCollector collector = open(engine)) {
            return body.apply(collector);
        }
    }

    /**
     * Runs {@code action} holding the gate: no gated collector is open on another thread meanwhile,
     * no gated trainer steps, and no library call reads its snapshot of a block's parameters.
     *
     * <p>Run in-place updates of parameters that the library may be reading from other threads
     * through here (a gated trainer's {@code step()} already does). On a thread that holds the gate
     * it simply runs.
     *
     * @param action what to run, for example an optimizer's update
     * @param <T> what the action computes
     * @return what the action returned
     */
    public static <T> T exclusive(Supplier<T> action) {
        Objects.requireNonNull(action, "action");
        LOCK.lock();
        try {
            return action.get();
        } finally {
            LOCK.unlock();
        }
    }

    /**
     * Makes a DJL {@link Trainer} whose gradient collectors go through this gate and whose
     * {@code step()} runs {@link #exclusive exclusively}: use it in place of
     * {@code model.newTrainer(config)}.
     *
     * <p>With it, {@code EasyTrain.trainBatch(trainer, batch)} and {@code trainer.step()} on one
     * thread and {@code PerSample} or {@code GradCheck} calls on others run side by side: the
     * collectors take turns, and each library call works on a snapshot of the parameters taken
     * between two steps, so it neither fails because the optimizer updated a parameter in place
     * nor mixes two versions of the parameters. Otherwise the trainer is DJL's own.
     *
     * @param model the model to train; its block must be set
     * @param config the training configuration
     * @return a new trainer, the caller's to close
     */
    public static Trainer newTrainer(Model model, TrainingConfig config) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(config, "config");
        return new GatedTrainer(model, config);
    }

    /**
     * Whether the calling thread holds the gate, that is, has a gated collector open.
     *
     * @return true inside a collector opened by {@link #open} on this thread
     */
    public static boolean isHeldByCurrentThread() {
        return LOCK.isHeldByCurrentThread();
    }

    private static GradientCollector newEngineCollector(Engine engine) {
        try {
            return engine.newGradientCollector();
        } catch (IllegalStateException e) {
            throw new IllegalStateException("a GradientCollector opened outside sgd-lab's gate is "
                    + "already open, and the PyTorch engine allows one at a time. If it is a DJL "
                    + "Trainer's (EasyTrain.trainBatch opens trainer.newGradientCollector()), make "
                    + "the trainer with CollectorGate.newTrainer(model, config) instead of "
                    + "model.newTrainer(config); if you open collectors yourself, open them with "
                    + "CollectorGate.open(engine) (" + e.getMessage() + ")", e);
        }
    }

    /** DJL's trainer, with its collectors opened through the gate and its steps exclusive. */
    private static final class GatedTrainer extends Trainer {

        GatedTrainer(Model model, TrainingConfig config) {
            super(model, config);
        }

        @Override
        public GradientCollector newGradientCollector() {
            return open(getManager().getEngine());
        }

        @Override
        public void step() {
            exclusive(() -> {
                super.step();
                return null;
            });
        }
    }

    /** A view of the open engine collector; closing the outermost view closes the collector. */
    private static final class GatedCollector implements GradientCollector {

        private final GradientCollector collector;
        /** Volatile: a second close, or a use, from another thread must see the first close. */
        private volatile boolean closed;

        GatedCollector(GradientCollector collector) {
            this.collector = collector;
        }

        @Override
        public void backward(NDArray target) {
            checkOpen();
            collector.backward(target);
        }

        @Override
        public void zeroGradients() {
            checkOpen();
            collector.zeroGradients();
        }

        @Override
        public void close() {
            if (closed) {
                return;
            }
            if (!LOCK.isHeldByCurrentThread()) {
                throw new IllegalStateException(
                        "a gated GradientCollector must be closed on the thread that opened it");
            }
            closed = true;
            try {
                if (--depth == 0) {
                    GradientCollector engineCollector = current;
                    current = null;
                    engineCollector.close();
                }
            } finally {
                LOCK.unlock();
            }
        }

        private void checkOpen() {
            if (closed) {
                throw new IllegalStateException("this GradientCollector is closed");
            }
        }
    }
}
