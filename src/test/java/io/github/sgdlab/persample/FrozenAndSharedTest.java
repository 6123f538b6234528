package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.github.sgdlab.EngineTest;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Frozen parameters ({@code freezeParameters(true)}) get no gradient and are not reported; a
 * parameter shared by two blocks is reported once with the gradient of both uses. For every
 * sampler, with a frozen layer before and after the sampled one, in both strategies and in the
 * batch gradient.
 */
class FrozenAndSharedTest extends EngineTest {

    /**
     * A block tree whose children at the given indices are frozen, its inputs and its loss.
     *
     * @param block builds the tree (not yet initialised)
     * @param frozen the indices of the children to freeze
     * @param sample one sample's input shape
     * @param integerInputs whether the inputs are indices into a vocabulary of this many rows
     */
    record Frozen(Supplier<SequentialBlock> block, int[] frozen, Shape sample, int integerInputs) {

        SequentialBlock build(DataType type) {
            SequentialBlock built = block.get();
            Architectures.init(manager, type, built, sample.getShape());
            for (int index : frozen) {
                built.getChildren().valueAt(index).freezeParameters(true);
            }
            return built;
        }

        NDList inputs(NDManager scope, DataType type, int n) {
            Shape shape = new Shape(n).addAll(sample);
            return new NDList(integerInputs > 0
                    ? scope.randomInteger(0, integerInputs, shape, DataType.INT64)
                    : scope.randomNormal(shape, type));
        }
    }

    static Stream<Arguments> trees() {
        return Stream.of(
                Arguments.of(Named.of("Linear: frozen Linear, ReLU, Linear, ReLU, frozen Linear",
                        new Frozen(() -> new SequentialBlock()
                                .add(Linear.builder().setUnits(5).build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(4).build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(3).build()),
                                new int[] {0, 4}, new Shape(6), 0))),
                Arguments.of(Named.of("Conv2d: frozen Conv2d, ReLU, Conv2d, flatten, frozen Linear",
                        new Frozen(() -> new SequentialBlock()
                                .add(Conv2d.builder().setFilters(3).setKernelShape(new Shape(2, 2))
                                        .build())
                                .add(Activation.reluBlock())
                                .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(2, 2))
                                        .build())
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(3).build()),
                                new int[] {0, 4}, new Shape(2, 5, 5), 0))),
                Arguments.of(Named.of("LayerNorm: frozen Linear, LayerNorm, frozen Linear",
                        new Frozen(() -> new SequentialBlock()
                                .add(Linear.builder().setUnits(6).build())
                                .add(LayerNorm.builder().build())
                                .add(Linear.builder().setUnits(3).build()),
                                new int[] {0, 2}, new Shape(4), 0))),
                Arguments.of(Named.of("Embedding: frozen embedding, flatten, Linear, frozen Linear",
                        new Frozen(() -> new SequentialBlock()
                                .add(EmbeddingSamplerTest.words(6, 3, SparseFormat.DENSE))
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(4).build())
                                .add(Linear.builder().setUnits(3).build()),
                                new int[] {0, 3}, new Shape(5), 6))),
                Arguments.of(Named.of("Embedding: embedding, flatten, frozen Linear, Linear",
                        new Frozen(() -> new SequentialBlock()
                                .add(EmbeddingSamplerTest.words(6, 3, SparseFormat.DENSE))
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(4).build())
                                .add(Linear.builder().setUnits(3).build()),
                                new int[] {2}, new Shape(5), 6))),
                Arguments.of(Named.of("Embedding: frozen IdEmbedding, frozen Linear, Linear",
                        new Frozen(() -> new SequentialBlock()
                                .add(EmbeddingSamplerTest.ids(6, 3))
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(4).build())
                                .add(Linear.builder().setUnits(3).build()),
                                new int[] {0, 2}, new Shape(5), 6))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("trees")
    @DisplayName("frozen layers: not computed, not listed, refused by name, left out of norms")
    void frozenLayers(Frozen tree) {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager scope = manager.newSubManager()) {
                SequentialBlock block = tree.build(type);
                NDList inputs = tree.inputs(scope, type, 5);
                NDArray labels = scope.randomInteger(0, 3, new Shape(5), DataType.INT64);
                PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();
                // Equal to the loop, names are the trainable ones, frozen names refused.
                SamplerChecks.agreesWithLoopAndBatch(block, loss, inputs, labels);
                List<String> trainable = SamplerChecks.trainableNames(block);
                List<String> frozen = block.getParameters().keys().stream()
                        .filter(name -> !trainable.contains(name)).toList();
                assertTrue(!frozen.isEmpty() && !trainable.isEmpty(), trainable + " " + frozen);

                Map<String, double[]> frozenGradients;
                double[] frozenNorms;
                PerSample vectorized =
                        PerSample.builder(block, loss).optStrategy(Strategy.VECTORIZED).build();
                assertEquals(Strategy.AUTO, PerSample.builder(block, loss).build().strategy());
                try (PerSampleResult result = vectorized.compute(inputs, labels)) {
                    for (String name : frozen) {
                        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                                () -> result.gradient(name));
                        assertTrue(e.getMessage().contains("frozen"), e.getMessage());
                        assertThrows(IllegalArgumentException.class, () -> result.mean(name));
                        assertThrows(IllegalArgumentException.class, () -> result.variance(name));
                    }
                    frozenGradients = gradients(result);
                    frozenNorms = result.norms().toType(DataType.FLOAT64, false).toDoubleArray();
                    assertArrayEquals(normsOf(result), frozenNorms, 1e-5, "norms over trainable");
                }
                // The same block unfrozen: the trainable parameters' gradients are the same (a
                // frozen parameter changes no other's gradient), its norms are larger.
                block.freezeParameters(false);
                try (PerSampleResult all = vectorized.compute(inputs, labels)) {
                    assertEquals(block.getParameters().size(), all.parameterNames().size());
                    for (String name : trainable) {
                        assertArrayEquals(gradients(all).get(name), frozenGradients.get(name),
                                1e-5, name);
                    }
                    double[] allNorms = all.norms().toType(DataType.FLOAT64, false).toDoubleArray();
                    for (int i = 0; i < allNorms.length; i++) {
                        assertTrue(allNorms[i] > frozenNorms[i], "sample " + i);
                    }
                }
            }
        }
    }

    @Test
    @DisplayName("every parameter frozen: a clear refusal")
    void everythingFrozen() {
        try (NDManager scope = manager.newSubManager()) {
            Block block = Architectures.init(manager, DataType.FLOAT64,
                    Linear.builder().setUnits(2).build(), 3);
            block.freezeParameters(true);
            NDList inputs = new NDList(scope.randomNormal(new Shape(4, 3), DataType.FLOAT64));
            NDArray labels = scope.randomInteger(0, 2, new Shape(4), DataType.INT64);
            for (Strategy strategy : new Strategy[] {Strategy.LOOP, Strategy.VECTORIZED}) {
                PerSample perSample = PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy())
                        .optStrategy(strategy).build();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> perSample.compute(inputs, labels));
                assertTrue(e.getMessage().contains("no trainable parameters"), e.getMessage());
            }
        }
    }

    @Test
    @DisplayName("a Linear used twice: one parameter, once in the names and in the norms, with "
            + "the gradient of both uses, in LOOP, VECTORIZED and the batch gradient")
    void sharedWeights() {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            try (NDManager scope = manager.newSubManager()) {
                Linear shared = Linear.builder().setUnits(4).build();
                SequentialBlock block = new SequentialBlock().add(shared)
                        .add(Activation.tanhBlock()).add(shared);
                Architectures.init(manager, type, block, 4);
                assertEquals(4, block.getParameters().size());
                assertSame(block.getParameters().valueAt(0), block.getParameters().valueAt(2));
                NDList inputs = new NDList(scope.randomNormal(new Shape(6, 4), type));
                NDArray labels = scope.randomNormal(new Shape(6, 4), type);
                PerSampleLoss loss = PerSampleLoss.squaredError();
                SamplerChecks.agreesWithLoopAndBatch(block, loss, inputs, labels);
                List<String> names = List.of("01Linear_weight", "01Linear_bias");
                for (Strategy strategy : new Strategy[] {Strategy.LOOP, Strategy.VECTORIZED}) {
                    PerSample perSample = PerSample.builder(block, loss)
                            .optStrategy(strategy).build();
                    try (PerSampleResult result = perSample.compute(inputs, labels)) {
                        assertAll(strategy.toString(),
                                () -> assertEquals(names, result.parameterNames()),
                                // The second name is the same parameter.
                                () -> assertSame(result.gradient("01Linear_weight"),
                                        result.gradient("03Linear_weight")),
                                () -> assertArrayEquals(normsOf(result),
                                        result.norms().toType(DataType.FLOAT64, false)
                                                .toDoubleArray(), 1e-5, "norms counted once"));
                    }
                    assertEquals(names, List.copyOf(perSample.batchGradients(inputs, labels)
                            .keySet()));
                }
            }
        }
    }

    /** Each sample's norm over the result's listed parameters, in double. */
    private static double[] normsOf(PerSampleResult result) {
        double[] squares = new double[result.size()];
        for (String name : result.parameterNames()) {
            NDArray g = result.gradient(name).toType(DataType.FLOAT64, false)
                    .reshape(result.size(), -1);
            for (int i = 0; i < result.size(); i++) {
                for (double v : g.get(i).toDoubleArray()) {
                    squares[i] += v * v;
                }
            }
        }
        for (int i = 0; i < squares.length; i++) {
            squares[i] = Math.sqrt(squares[i]);
        }
        return squares;
    }

    private static Map<String, double[]> gradients(PerSampleResult result) {
        Map<String, double[]> gradients = new java.util.LinkedHashMap<>();
        for (String name : result.parameterNames()) {
            gradients.put(name, result.gradient(name).toType(DataType.FLOAT64, false)
                    .toDoubleArray());
        }
        return gradients;
    }
}
