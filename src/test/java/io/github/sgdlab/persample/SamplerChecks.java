package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.provider.Arguments;

/**
 * What every built-in sampler must satisfy on a block it serves, for the tests of one sampler
 * each: AUTO may take VECTORIZED, VECTORIZED equals LOOP parameter by parameter, the mean is the batch
 * gradient, and a call leaves the block and the caller's memory as it found them.
 */
final class SamplerChecks {

    private SamplerChecks() {}

    /** Each architecture in float32 and float64, for n = 1, an odd n and a larger one. */
    static Stream<Arguments> cases(List<?> architectures) {
        List<Arguments> cases = new ArrayList<>();
        for (Object architecture : architectures) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                for (int n : new int[] {1, 7, 64}) {
                    cases.add(Arguments.of(architecture, type, n));
                }
            }
        }
        return cases.stream();
    }

    /**
     * AUTO may take VECTORIZED (the tree is served; each call decides); VECTORIZED's per-sample
     * gradients equal LOOP's within
     * {@link Agreement}'s bound, with the same names, order and shapes; and their mean is the
     * batch gradient of the mean loss.
     */
    static void agreesWithLoopAndBatch(Block block, PerSampleLoss loss, NDList inputs,
            NDArray labels) {
        assertEquals(Strategy.AUTO, PerSample.builder(block, loss).build().strategy(), "AUTO");
        PerSample auto = PerSample.builder(block, loss).optStrategy(Strategy.VECTORIZED).build();
        PerSample loop = PerSample.builder(block, loss).optStrategy(Strategy.LOOP).build();
        try (PerSampleResult v = auto.compute(inputs, labels);
                PerSampleResult l = loop.compute(inputs, labels)) {
            assertEquals(Strategy.VECTORIZED, v.strategy());
            assertEquals(Strategy.LOOP, l.strategy());
            assertEquals(inputs.head().getShape().get(0), v.size());
            List<String> trainable = trainableNames(block);
            assertEquals(trainable, v.parameterNames());
            assertEquals(trainable, l.parameterNames());
            for (Pair<String, Parameter> parameter : block.getParameters()) {
                String name = parameter.getKey();
                if (!parameter.getValue().requiresGradient()) {
                    assertThrows(IllegalArgumentException.class, () -> v.gradient(name), name);
                    assertThrows(IllegalArgumentException.class, () -> l.gradient(name), name);
                    continue;
                }
                assertEquals(new Shape(v.size()).addAll(parameter.getValue().getArray().getShape()),
                        v.gradient(name).getShape(), name);
                Agreement.assertClose(l.gradient(name), v.gradient(name), name);
            }
            Map<String, NDArray> batchGradients = auto.batchGradients(inputs, labels);
            assertEquals(trainable, List.copyOf(batchGradients.keySet()));
            batchGradients.forEach((name, batch) ->
                    Agreement.assertClose(batch, v.mean(name), "mean of " + name));
        }
    }

    /**
     * The names a result must list: each trainable parameter once, under its first name, in the
     * block's order; frozen ones left out.
     */
    static List<String> trainableNames(Block block) {
        List<String> names = new ArrayList<>();
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (parameter.getValue().requiresGradient() && seen.add(parameter.getValue())) {
                names.add(parameter.getKey());
            }
        }
        return names;
    }

    /**
     * {@link #agreesWithLoopAndBatch(Block, PerSampleLoss, NDList, NDArray)} on an architecture
     * built afresh, with its inputs and labels on a sub-manager that is closed at the end.
     *
     * @param manager the manager to open the sub-manager on
     * @param architecture the block tree, inputs and loss
     * @param type float32 or float64
     * @param n the number of samples
     */
    static void agreesWithLoopAndBatch(NDManager manager, Architectures.Case architecture,
            DataType type, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = architecture.block().apply(type);
            agreesWithLoopAndBatch(block, architecture.loss(),
                    architecture.inputs(scope, type, n), architecture.labels(scope, block, type, n));
        }
    }

    /**
     * Runs VECTORIZED calls (with their summaries) and batch gradients on a block whose parameters
     * have gradients of their own: the parameters' values and gradients are unchanged bit for
     * bit, and the managers of the inputs and of the block hold as many arrays as before.
     *
     * @param block a block initialised on {@code blockManager}
     * @param inputs inputs living on a sub-manager of {@code blockManager}
     */
    static void leftAsFoundWithoutLeaks(Block block, PerSampleLoss loss, NDList inputs,
            NDArray labels, NDManager blockManager) {
        ParameterSnapshot before = ParameterSnapshot.withOwnGradients(block);
        NDManager caller = inputs.head().getManager();
        int callerArrays = caller.getManagedArrays().size();
        int blockArrays = blockManager.getManagedArrays().size();
        PerSample perSample = PerSample.builder(block, loss)
                .optStrategy(Strategy.VECTORIZED).build();
        for (int i = 0; i < 20; i++) {
            try (PerSampleResult result = perSample.compute(inputs, labels)) {
                result.norms();
                result.variance(result.parameterNames().get(0));
            }
            perSample.batchGradients(inputs, labels).values().forEach(NDArray::close);
        }
        assertEquals(callerArrays, caller.getManagedArrays().size(), "arrays on the inputs'");
        assertEquals(blockArrays, blockManager.getManagedArrays().size(), "arrays on the block's");
        before.assertUnchanged(block);
    }
}
