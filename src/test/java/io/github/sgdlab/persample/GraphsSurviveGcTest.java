package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.github.sgdlab.EngineTest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No graph this package builds depends on memory that the garbage collector may free before the
 * backward pass (DJL 0.36's {@code mul/div(Number)} wrap the number over a Java buffer that a GC
 * frees while autograd still reads it): every sampler's forward pass and every per-sample loss,
 * in both strategies and in the batch gradient, gives bit for bit the same gradients with a full
 * GC between the forward and the backward pass as without.
 */
class GraphsSurviveGcTest extends EngineTest {

    /** A loss that, once its graph is built, runs a full GC and lets the cleaners free. */
    private static PerSampleLoss collectingGarbage(PerSampleLoss loss) {
        return (labels, predictions) -> {
            NDArray losses = loss.apply(labels, predictions);
            for (int i = 0; i < 2; i++) {
                System.gc();
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            return losses;
        };
    }

    /** One graph: a block (its sampler), its inputs and labels, and a loss. */
    private record Graph(Function<DataType, Block> block, Function<DataType, NDList> inputs,
            Function<DataType, NDArray> labels, PerSampleLoss loss) {}

    private static Arguments graph(String name, Function<DataType, Block> block,
            Function<DataType, NDList> inputs, Function<DataType, NDArray> labels,
            PerSampleLoss loss) {
        return Arguments.of(name, new Graph(block, inputs, labels, loss));
    }

    private static NDList normal(DataType type, long... shape) {
        return new NDList(manager.randomNormal(new Shape(shape), type));
    }

    private static NDArray classes(int classes, long n) {
        return manager.randomInteger(0, classes, new Shape(n), DataType.INT64);
    }

    static Stream<Arguments> graphs() {
        Function<DataType, Block> mlp = t -> Architectures.init(manager, t, new SequentialBlock()
                .add(Linear.builder().setUnits(5).build()).add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(3).build()), 4);
        Function<DataType, Block> cnn = t -> Architectures.init(manager, t, new SequentialBlock()
                .add(Conv2d.builder().setFilters(2).setKernelShape(new Shape(2, 2)).build())
                .add(Activation.reluBlock()).add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build()), 1, 4, 4);
        Function<DataType, Block> conv1d = t -> Architectures.init(manager, t, new SequentialBlock()
                .add(Conv1d.builder().setFilters(2).setKernelShape(new Shape(2)).build())
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()), 2, 5);
        Function<DataType, Block> layerNorm = t -> Architectures.init(manager, t,
                new SequentialBlock().add(Linear.builder().setUnits(4).build())
                        .add(LayerNorm.builder().build()).add(Linear.builder().setUnits(3).build()),
                3);
        Function<DataType, Block> words = t -> Architectures.init(manager, t, new SequentialBlock()
                .add(EmbeddingSamplerTest.words(5, 3, SparseFormat.DENSE))
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()), 4);
        Function<DataType, Block> ids = t -> Architectures.init(manager, t, new SequentialBlock()
                .add(EmbeddingSamplerTest.ids(5, 3))
                .add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(3).build()), 4);
        Function<DataType, NDList> indices =
                t -> new NDList(manager.randomInteger(0, 5, new Shape(3, 4), DataType.INT64));
        return Stream.of(
                graph("Linear, squared error", mlp, t -> normal(t, 3, 4),
                        t -> manager.randomNormal(new Shape(3, 3), t), PerSampleLoss.squaredError()),
                graph("Linear, softmax cross-entropy", mlp, t -> normal(t, 3, 4),
                        t -> classes(3, 3), PerSampleLoss.softmaxCrossEntropy()),
                graph("Linear, from(L2Loss)", mlp, t -> normal(t, 3, 4),
                        t -> manager.randomNormal(new Shape(3, 3), t),
                        PerSampleLoss.from(new L2Loss())),
                graph("Linear, from(L1Loss)", mlp, t -> normal(t, 3, 4),
                        t -> manager.randomNormal(new Shape(3, 3), t),
                        PerSampleLoss.from(new L1Loss())),
                graph("Linear, from(L2Loss weight 0.3)", mlp, t -> normal(t, 3, 4),
                        t -> manager.randomNormal(new Shape(3, 3), t),
                        PerSampleLoss.from(new L2Loss("l2", 0.3f))),
                graph("Linear, from(SoftmaxCrossEntropyLoss weight 0.7)", mlp, t -> normal(t, 3, 4),
                        t -> classes(3, 3), PerSampleLoss.from(
                                new SoftmaxCrossEntropyLoss("sce", 0.7f, -1, true, true))),
                graph("Linear, from(SoftmaxCrossEntropyLoss dense)", mlp, t -> normal(t, 3, 4),
                        t -> manager.randomNormal(new Shape(3, 3), t).softmax(1),
                        PerSampleLoss.from(
                                new SoftmaxCrossEntropyLoss("sce", 1f, -1, false, true))),
                graph("Linear, from(SigmoidBinaryCrossEntropyLoss weight 1.5)", mlp,
                        t -> normal(t, 3, 4),
                        t -> manager.randomUniform(0, 1, new Shape(3, 3), t),
                        PerSampleLoss.from(new SigmoidBinaryCrossEntropyLoss("b", 1.5f, false))),
                graph("Linear, sigmoid, from(SigmoidBinaryCrossEntropyLoss fromSigmoid)",
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(Linear.builder().setUnits(3).build())
                                .add(Activation.sigmoidBlock()), 4),
                        t -> normal(t, 3, 4),
                        t -> manager.randomUniform(0, 1, new Shape(3, 3), t),
                        PerSampleLoss.from(new SigmoidBinaryCrossEntropyLoss("b", 1f, true))),
                graph("Conv2d, softmax cross-entropy", cnn, t -> normal(t, 3, 1, 4, 4),
                        t -> classes(3, 3), PerSampleLoss.softmaxCrossEntropy()),
                graph("Conv1d, from(L2Loss)", conv1d, t -> normal(t, 3, 2, 5),
                        t -> manager.randomNormal(new Shape(3, 3), t),
                        PerSampleLoss.from(new L2Loss())),
                graph("LayerNorm, squared error", layerNorm, t -> normal(t, 3, 3),
                        t -> manager.randomNormal(new Shape(3, 3), t), PerSampleLoss.squaredError()),
                graph("TrainableWordEmbedding, softmax cross-entropy", words, indices,
                        t -> classes(3, 3), PerSampleLoss.softmaxCrossEntropy()),
                graph("IdEmbedding, from(SoftmaxCrossEntropyLoss)", ids, indices,
                        t -> classes(3, 3), PerSampleLoss.from(new SoftmaxCrossEntropyLoss())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("graphs")
    @DisplayName("a full GC between forward and backward changes no bit of any gradient")
    void gcChangesNothing(String name, Graph graph) {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            Block block = graph.block().apply(type);
            NDList inputs = graph.inputs().apply(type);
            NDArray labels = graph.labels().apply(type);
            for (Strategy strategy : new Strategy[] {Strategy.LOOP, Strategy.VECTORIZED}) {
                Map<String, double[]> plain = perSample(block, graph.loss(), strategy, inputs,
                        labels);
                Map<String, double[]> collected = perSample(block,
                        collectingGarbage(graph.loss()), strategy, inputs, labels);
                assertSame(plain, collected, name + ", " + type + ", " + strategy);
            }
            assertSame(batch(block, graph.loss(), inputs, labels),
                    batch(block, collectingGarbage(graph.loss()), inputs, labels),
                    name + ", " + type + ", batch gradient");
        }
    }

    private static void assertSame(Map<String, double[]> expected, Map<String, double[]> actual,
            String what) {
        assertEquals(expected.keySet(), actual.keySet(), what);
        List<String> names = new ArrayList<>(expected.keySet());
        for (String name : names) {
            assertArrayEquals(expected.get(name), actual.get(name), what + ", " + name);
        }
    }

    private static Map<String, double[]> perSample(Block block, PerSampleLoss loss,
            Strategy strategy, NDList inputs, NDArray labels) {
        PerSample perSample = PerSample.builder(block, loss).optStrategy(strategy).build();
        Map<String, double[]> values = new LinkedHashMap<>();
        try (PerSampleResult result = perSample.compute(inputs, labels)) {
            for (String name : result.parameterNames()) {
                values.put(name, result.gradient(name).toType(DataType.FLOAT64, false)
                        .toDoubleArray());
            }
        }
        return values;
    }

    private static Map<String, double[]> batch(Block block, PerSampleLoss loss, NDList inputs,
            NDArray labels) {
        Map<String, double[]> values = new LinkedHashMap<>();
        PerSample.builder(block, loss).build().batchGradients(inputs, labels)
                .forEach((name, gradient) -> {
                    values.put(name, gradient.toType(DataType.FLOAT64, false).toDoubleArray());
                    gradient.close();
                });
        return values;
    }
}
