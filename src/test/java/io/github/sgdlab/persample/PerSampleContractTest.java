package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1dTranspose;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import io.github.sgdlab.EngineTest;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What a caller relies on besides the values: messages, the block left as found, memory, threads. */
class PerSampleContractTest extends EngineTest {

    private static Block mlp(NDManager manager) {
        return Architectures.mlp(manager, DataType.FLOAT64, new int[] {6, 5, 3}, true,
                Activation::relu);
    }

    private static NDList inputs(NDManager manager, int n) {
        return new NDList(manager.randomNormal(new Shape(n, 6), DataType.FLOAT64));
    }

    private static NDArray classes(NDManager manager, int n) {
        return manager.randomInteger(0, 3, new Shape(n), DataType.INT64);
    }

    @Test
    @DisplayName("VECTORIZED names the block it has no sampler for; AUTO falls back to LOOP and says so")
    void unsupportedBlock() {
        try (NDManager manager = newManager()) {
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(4).build())
                    .add(new CustomSamplerTest.Scale(4))
                    .add(Linear.builder().setUnits(2).build());
            Architectures.init(manager, DataType.FLOAT64, block, 3);
            UnsupportedBlockException e = assertThrows(UnsupportedBlockException.class,
                    () -> PerSample.builder(block, PerSampleLoss.squaredError())
                            .optStrategy(Strategy.VECTORIZED).build());
            assertTrue(e.getMessage().contains("'02Scale'")
                    && e.getMessage().contains(CustomSamplerTest.Scale.class.getName())
                    && e.getMessage().contains("Strategy.LOOP"), e.getMessage());

            PerSample auto = PerSample.builder(block, PerSampleLoss.squaredError()).build();
            assertEquals(Strategy.LOOP, auto.strategy());
            NDList x = new NDList(manager.randomNormal(new Shape(5, 3), DataType.FLOAT64));
            NDArray y = manager.randomNormal(new Shape(5, 2), DataType.FLOAT64);
            try (PerSampleResult result = auto.compute(x, y)) {
                assertEquals(Strategy.LOOP, result.strategy());
                assertEquals(new Shape(5, 4), result.gradient("02Scale_scale").getShape());
                // The fallback is the real thing: its mean is the batch gradient.
                auto.batchGradients(x, y).forEach((name, batch) ->
                        Agreement.assertClose(batch, result.mean(name), name));
            }
            // A root block with no sampler (convolutions have one; transposed ones do not).
            Conv1dTranspose conv =
                    Conv1dTranspose.builder().setKernelShape(new Shape(2)).setFilters(2).build();
            Exception convError = assertThrows(UnsupportedBlockException.class,
                    () -> PerSample.builder(conv, PerSampleLoss.squaredError())
                            .optStrategy(Strategy.VECTORIZED).build());
            assertTrue(convError.getMessage().contains(
                    "the block (" + Conv1dTranspose.class.getName()), convError.getMessage());
        }
    }

    @Test
    @DisplayName("batch normalisation is refused by every strategy, with the reason")
    void sampleMixingRefused() {
        Block block = new SequentialBlock()
                .add(Linear.builder().setUnits(4).build())
                .add(new SequentialBlock().add(BatchNorm.builder().build()));
        for (Strategy strategy : Strategy.values()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerSample.builder(block, PerSampleLoss.squaredError())
                            .optStrategy(strategy).build(), strategy.name());
            assertTrue(e.getMessage().contains("'01BatchNorm'")
                    && e.getMessage().contains("mixes samples"), e.getMessage());
        }
    }

    @Test
    @DisplayName("bad calls get messages that say what does not fit")
    void badCalls() {
        try (NDManager manager = newManager()) {
            Block block = mlp(manager);
            PerSample perSample = PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy())
                    .build();
            assertAll(
                    () -> assertMessage("first axis",
                            () -> perSample.compute(inputs(manager, 4), classes(manager, 5))),
                    () -> assertMessage("the inputs are float32 but parameter 01Linear_weight "
                            + "is float64", () -> perSample.compute(new NDList(manager.ones(
                                    new Shape(2, 6))), classes(manager, 2))),
                    () -> assertMessage("one value per sample", () -> PerSample.builder(block,
                            (labels, predictions) -> predictions.head().sum()).build()
                            .compute(inputs(manager, 3), classes(manager, 3))),
                    () -> assertThrows(IllegalStateException.class, () -> PerSample.builder(
                            Linear.builder().setUnits(2).build(), PerSampleLoss.squaredError())
                            .build().compute(inputs(manager, 2), classes(manager, 2))));
            try (PerSampleResult result = perSample.compute(inputs(manager, 2), classes(manager, 2))) {
                assertMessage("the block's trainable parameters are [01Linear_weight",
                        () -> result.gradient("weight"));
            }
            PerSampleResult closed = perSample.compute(inputs(manager, 2), classes(manager, 2));
            closed.close();
            assertThrows(IllegalStateException.class, () -> closed.gradient("01Linear_weight"));
        }
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    @DisplayName("a call leaves the parameters and their own gradients exactly as it found them")
    void blockLeftAsFound() {
        try (NDManager manager = newManager()) {
            Block block = mlp(manager);
            ParameterSnapshot found = ParameterSnapshot.withOwnGradients(block);
            NDList x = inputs(manager, 9);
            NDArray y = classes(manager, 9);
            for (Strategy strategy : new Strategy[] {Strategy.LOOP, Strategy.VECTORIZED}) {
                PerSample perSample = PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy())
                        .optStrategy(strategy).build();
                perSample.compute(x, y).close();
                perSample.batchGradients(x, y).values().forEach(NDArray::close);
            }
            found.assertUnchanged(block);
        }
    }

    @Test
    @DisplayName("no NDArray is left behind over 1000 calls of each strategy")
    void noLeaks() {
        try (NDManager manager = newManager()) {
            Block block = mlp(manager);
            NDManager caller = manager.newSubManager();
            NDList x = inputs(caller, 3);
            NDArray y = classes(caller, 3);
            int before = caller.getManagedArrays().size();
            int parameters = manager.getManagedArrays().size();
            for (Strategy strategy : new Strategy[] {Strategy.VECTORIZED, Strategy.LOOP}) {
                PerSample perSample = PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy())
                        .optStrategy(strategy).build();
                for (int i = 0; i < 1000; i++) {
                    try (PerSampleResult result = perSample.compute(x, y)) {
                        result.norms();
                        result.variance("01Linear_weight");
                    }
                }
            }
            assertEquals(before, caller.getManagedArrays().size(), "arrays on the caller's manager");
            assertEquals(parameters, manager.getManagedArrays().size(), "arrays on the block's");
            caller.close();
        }
    }

    @Test
    @DisplayName("calls from eight threads at once on one block all get the single-threaded answer")
    void threads() throws Exception {
        try (NDManager manager = newManager()) {
            Block block = mlp(manager);
            NDList x = inputs(manager, 17);
            NDArray y = classes(manager, 17);
            Map<String, double[]> expected = new HashMap<>();
            for (Strategy strategy : new Strategy[] {Strategy.VECTORIZED, Strategy.LOOP}) {
                try (PerSampleResult result = PerSample.builder(block,
                        PerSampleLoss.softmaxCrossEntropy()).optStrategy(strategy).build()
                        .compute(x, y)) {
                    for (String name : result.parameterNames()) {
                        expected.put(strategy + name, result.gradient(name).toDoubleArray());
                    }
                }
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                Strategy strategy = t % 2 == 0 ? Strategy.VECTORIZED : Strategy.LOOP;
                futures.add(pool.submit(() -> {
                    PerSample perSample = PerSample.builder(block,
                            PerSampleLoss.softmaxCrossEntropy()).optStrategy(strategy).build();
                    for (int i = 0; i < 20; i++) {
                        try (PerSampleResult result = perSample.compute(x, y)) {
                            for (String name : result.parameterNames()) {
                                assertArrayEquals(expected.get(strategy + name),
                                        result.gradient(name).toDoubleArray(), strategy + name);
                            }
                        }
                    }
                    return null;
                }));
            }
            pool.shutdown();
            assertTrue(pool.awaitTermination(2, TimeUnit.MINUTES));
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    @Test
    @DisplayName("mean, variance and norms are the per-sample gradients' mean, population variance and L2 norms")
    void summaries() {
        try (NDManager manager = newManager()) {
            Block block = mlp(manager);
            int n = 11;
            try (PerSampleResult result = PerSample.builder(block,
                    PerSampleLoss.softmaxCrossEntropy()).build()
                    .compute(inputs(manager, n), classes(manager, n))) {
                double[] squaredNorms = new double[n];
                for (String name : result.parameterNames()) {
                    double[] g = result.gradient(name).toDoubleArray();
                    int size = g.length / n;
                    double[] mean = result.mean(name).toDoubleArray();
                    double[] variance = result.variance(name).toDoubleArray();
                    for (int j = 0; j < size; j++) {
                        double sum = 0;
                        for (int i = 0; i < n; i++) {
                            sum += g[i * size + j];
                        }
                        double m = sum / n;
                        double squares = 0;
                        for (int i = 0; i < n; i++) {
                            squares += (g[i * size + j] - m) * (g[i * size + j] - m);
                        }
                        assertEquals(m, mean[j], 1e-14, name + " mean " + j);
                        assertEquals(squares / n, variance[j], 1e-14, name + " variance " + j);
                    }
                    for (int i = 0; i < n; i++) {
                        for (int j = 0; j < size; j++) {
                            squaredNorms[i] += g[i * size + j] * g[i * size + j];
                        }
                    }
                }
                double[] norms = result.norms().toDoubleArray();
                for (int i = 0; i < n; i++) {
                    assertEquals(Math.sqrt(squaredNorms[i]), norms[i], 1e-13, "norm " + i);
                }
            }
        }
    }
}
