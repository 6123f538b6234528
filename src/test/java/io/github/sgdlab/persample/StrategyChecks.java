package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * The two checks a layer type's sampler must pass on each architecture: VECTORIZED equals LOOP,
 * and with AUTO (which must pick VECTORIZED) the mean of the per-sample gradients is the batch
 * gradient of the mean loss. Each builds the block afresh and frees its arrays.
 */
final class StrategyChecks {

    private StrategyChecks() {}

    /**
     * VECTORIZED against LOOP: the same parameter names in the block's order, gradients of shape
     * {@code [n, ...parameter shape]}, equal within {@link Agreement}'s bounds.
     *
     * @param manager where the inputs go (a sub-manager, closed at the end)
     * @param architecture the block tree, inputs and loss
     * @param type float32 or float64
     * @param n the number of samples
     */
    static void vectorizedEqualsLoop(NDManager manager, Architectures.Case architecture,
            DataType type, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = architecture.block().apply(type);
            NDList inputs = architecture.inputs(scope, type, n);
            NDArray labels = architecture.labels(scope, block, type, n);
            PerSample vectorized = PerSample.builder(block, architecture.loss())
                    .optStrategy(Strategy.VECTORIZED).build();
            PerSample loop = PerSample.builder(block, architecture.loss())
                    .optStrategy(Strategy.LOOP).build();
            try (PerSampleResult v = vectorized.compute(inputs, labels);
                    PerSampleResult l = loop.compute(inputs, labels)) {
                assertEquals(Strategy.VECTORIZED, v.strategy());
                assertEquals(block.getParameters().keys(), v.parameterNames());
                for (Pair<String, Parameter> parameter : block.getParameters()) {
                    String name = parameter.getKey();
                    assertEquals(new Shape(n).addAll(parameter.getValue().getArray().getShape()),
                            v.gradient(name).getShape(), name);
                    Agreement.assertClose(l.gradient(name), v.gradient(name), name);
                }
            }
        }
    }

    /**
     * AUTO resolves to VECTORIZED, and the mean of its per-sample gradients is
     * {@link PerSample#batchGradients}.
     *
     * @param manager where the inputs go (a sub-manager, closed at the end)
     * @param architecture the block tree, inputs and loss
     * @param type float32 or float64
     * @param n the number of samples
     */
    static void autoIsVectorizedAndMeanIsBatchGradient(NDManager manager,
            Architectures.Case architecture, DataType type, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = architecture.block().apply(type);
            NDList inputs = architecture.inputs(scope, type, n);
            NDArray labels = architecture.labels(scope, block, type, n);
            PerSample perSample = PerSample.builder(block, architecture.loss()).build();
            assertEquals(Strategy.VECTORIZED, perSample.strategy());
            try (PerSampleResult result = perSample.compute(inputs, labels)) {
                assertEquals(Strategy.VECTORIZED, result.strategy());
                perSample.batchGradients(inputs, labels).forEach((name, batch) ->
                        Agreement.assertClose(batch, result.mean(name), "mean of " + name));
            }
        }
    }
}
