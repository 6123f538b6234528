package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Strategy#VECTORIZED} on a batch whose per-sample gradients exceed
 * {@link PerSampleVectorized#AT_MOST} elements: processed in chunks, it still gives the loop's
 * gradients.
 */
class VectorizedChunkTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager("PyTorch");
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    @Test
    @DisplayName("a batch split into chunks gives the loop's per-sample gradients")
    void chunkedMatchesLoop() {
        try (NDManager scope = manager.newSubManager()) {
            // 2048·1100 + 1100 + 1100·3 + 3 elements a sample (> 2^21): chunks of one sample.
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(1100).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build());
            block.setInitializer(new NormalInitializer(0.05f), p -> true);
            block.initialize(scope, DataType.FLOAT64, new Shape(1, 2048));
            NDList x = new NDList(scope.randomNormal(0, 1, new Shape(3, 2048), DataType.FLOAT64));
            NDArray y = scope.randomInteger(0, 3, new Shape(3), DataType.INT64);
            PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();
            PerSample vectorized =
                    PerSample.builder(block, loss).optStrategy(Strategy.VECTORIZED).build();
            PerSample loop = PerSample.builder(block, loss).optStrategy(Strategy.LOOP).build();
            try (PerSampleResult chunked = vectorized.compute(x, y);
                    PerSampleResult reference = loop.compute(x, y)) {
                for (String name : reference.parameterNames()) {
                    NDArray expected = reference.gradient(name);
                    assertEquals(expected.getShape(), chunked.gradient(name).getShape());
                    Agreement.assertClose(expected, chunked.gradient(name), name);
                }
            }
        }
    }
}
