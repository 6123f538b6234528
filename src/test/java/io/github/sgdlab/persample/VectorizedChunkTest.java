package io.github.sgdlab.persample;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Strategy#VECTORIZED} on a batch it splits into chunks ({@link PerSample.Plan#chunkSamples}
 * below n): issue 18's CNN, whose activations and unfolded inputs exceed the planner's budget;
 * processed in chunks, it gives the loop's gradients.
 */
class VectorizedChunkTest extends EngineTest {

    @Test
    @DisplayName("a batch split into chunks gives the loop's per-sample gradients")
    void chunkedMatchesLoop() {
        try (NDManager scope = manager.newSubManager()) {
            // Issue 18's CNN: 30 samples in chunks of 9, the last one of 3.
            Block block = StrategyModels.CNN.block(scope);
            NDList x = StrategyModels.CNN.inputs(scope, 30);
            NDArray y = StrategyModels.CNN.labels(scope, 30);
            PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();
            PerSample vectorized =
                    PerSample.builder(block, loss).optStrategy(Strategy.VECTORIZED).build();
            PerSample loop = PerSample.builder(block, loss).optStrategy(Strategy.LOOP).build();
            assertEquals(9, vectorized.plan(x, y).chunkSamples());
            try (PerSampleResult chunked = vectorized.compute(x, y);
                    PerSampleResult reference = loop.compute(x, y)) {
                assertEquals(Strategy.VECTORIZED, chunked.strategy());
                for (String name : reference.parameterNames()) {
                    NDArray expected = reference.gradient(name);
                    assertEquals(expected.getShape(), chunked.gradient(name).getShape());
                    Agreement.assertClose(expected, chunked.gradient(name), name);
                }
            }
        }
    }
}
