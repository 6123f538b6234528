package io.github.sgdlab.linear;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.grad.GradientComparison;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Several threads at once. Without the library's own serialisation, the second thread to open a
 * PyTorch gradient collector gets an IllegalStateException.
 */
class ConcurrencyTest extends EngineTest {

    private static final int THREADS = 8;
    private static final int ROUNDS = 5;

    @Test
    @DisplayName("eight threads computing batch and per-sample gradients all succeed, with the single-thread results")
    void concurrentCallsSucceed() throws Exception {
        try (NDManager manager = newManager()) {
            List<FeatureData> data = new ArrayList<>();
            List<GradientComparison> expected = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                data.add(LinearData.generate(t, 50 + t).features());
                expected.add(GradientComparison.compute(manager, data.get(t), Theta.of(t, -t),
                        t % 2 == 0 ? DataType.FLOAT32 : DataType.FLOAT64));
            }
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<List<GradientComparison>>> futures = new ArrayList<>();
                for (int t = 0; t < THREADS; t++) {
                    final int thread = t;
                    futures.add(pool.submit(() -> {
                        start.await();
                        List<GradientComparison> results = new ArrayList<>();
                        for (int round = 0; round < ROUNDS; round++) {
                            results.add(GradientComparison.compute(manager, data.get(thread),
                                    Theta.of(thread, -thread),
                                    thread % 2 == 0 ? DataType.FLOAT32 : DataType.FLOAT64));
                        }
                        return results;
                    }));
                }
                start.countDown();
                for (int t = 0; t < THREADS; t++) {
                    for (GradientComparison result : futures.get(t).get(120, TimeUnit.SECONDS)) {
                        // The engine is deterministic on CPU: equal, not merely close.
                        assertEquals(expected.get(t), result, "thread " + t);
                    }
                }
            } finally {
                // Also when an assertion fails or a thread hangs: no worker outlives the test,
                // and none is still computing on the manager when it closes.
                pool.shutdownNow();
                assertTrue(pool.awaitTermination(120, TimeUnit.SECONDS),
                        "the pool's threads did not end");
            }
            assertEquals(0, manager.getManagedArrays().size());
        }
    }
}
