package io.github.sgdlab.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.Theta;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The gate shared between the library and its users. */
class CollectorGateTest extends EngineTest {

    /** A user's own training step: d(sum(w^2))/dw = 2w, through the gate. */
    private static double userStep(NDManager manager) {
        try (NDManager scope = manager.newSubManager();
                GradientCollector collector = CollectorGate.open(manager.getEngine())) {
            NDArray w = scope.create(new double[] {1.5, -2.0});
            w.setRequiresGradient(true);
            collector.backward(w.square().sum());
            return w.getGradient().getDouble(0);
        }
    }

    @Test
    @DisplayName("a user's training steps on another thread all succeed while the library's per-sample loop runs")
    void userStepsBesideTheLibrary() throws Exception {
        try (NDManager manager = newManager()) {
            FeatureData data = LinearData.generate(7, 4000).features();
            AutogradGradients autograd = AutogradGradients.builder(manager).build();
            ExecutorService pool = Executors.newSingleThreadExecutor();
            AtomicBoolean stop = new AtomicBoolean();
            Future<Gradient> loop = pool.submit(() -> {
                try {
                    return autograd.perSample(data, Theta.zeros(1)).average();
                } finally {
                    stop.set(true);
                }
            });
            int succeeded = 0;
            for (int i = 0; i < 200; i++) {
                assertEquals(3.0, userStep(manager), "step " + i);
                succeeded++;
            }
            assertEquals(200, succeeded);
            loop.get(120, TimeUnit.SECONDS);
            pool.shutdown();
        }
    }

    @Test
    @DisplayName("a library call inside the user's gated collector works and gives the same result")
    void libraryInsideUserCollector() {
        try (NDManager manager = newManager()) {
            FeatureData data = LinearData.notebook().features();
            AutogradGradients autograd =
                    AutogradGradients.builder(manager).optDataType(DataType.FLOAT64).build();
            BatchGradient outside = autograd.batch(data, Theta.of(1, 2));
            Gradient outsideAverage = autograd.perSample(data, Theta.of(1, 2)).average();
            try (NDManager scope = manager.newSubManager();
                    GradientCollector collector = CollectorGate.open(manager.getEngine())) {
                assertTrue(CollectorGate.isHeldByCurrentThread());
                NDArray w = scope.create(new double[] {3.0});
                w.setRequiresGradient(true);
                NDArray userLoss = w.square().sum();
                assertEquals(outside, autograd.batch(data, Theta.of(1, 2)));
                assertEquals(outsideAverage, autograd.perSample(data, Theta.of(1, 2)).average());
                // The user's collector is still open and still works after the nested calls.
                collector.backward(userLoss);
                assertEquals(6.0, w.getGradient().getDouble(0));
            }
            assertFalse(CollectorGate.isHeldByCurrentThread());
        }
    }

    @Test
    @DisplayName("a library call inside a collector opened outside the gate fails with a message that says what to do")
    void libraryInsideRawCollector() {
        try (NDManager manager = newManager()) {
            AutogradGradients autograd = AutogradGradients.builder(manager).build();
            IllegalStateException e;
            try (GradientCollector raw = manager.getEngine().newGradientCollector()) {
                assertNotNull(raw);
                e = assertThrows(IllegalStateException.class,
                        () -> autograd.batch(LinearData.notebook().features(), Theta.zeros(1)));
            }
            assertTrue(e.getMessage().contains("CollectorGate.open(engine)"), e.getMessage());
            assertFalse(CollectorGate.isHeldByCurrentThread());
            // And the gate works again once the raw collector is closed.
            assertEquals(3.0, userStep(manager));
        }
    }
}
