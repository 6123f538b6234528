package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.util.Pair;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.persample.Architectures.Case;

import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link EmbeddingSampler}: VECTORIZED against LOOP and the mean against the batch gradient for
 * {@code TrainableWordEmbedding} and {@code IdEmbedding}, alone and followed by other layers, with
 * one index a sample, a row of them, or a grid, in float32 and float64 tables (INT64 indices), for
 * n = 1, an odd n and a larger one; repeated indices against sums worked by hand; a sparse-gradient
 * table against its dense twin's loop; the block and memory left as found.
 */
class EmbeddingSamplerTest extends EngineTest {

    @BeforeAll
    static void open() {
        Engine.getEngine("PyTorch").setRandomSeed(20242);
    }

    /** A block tree whose input is indices into a table of {@code vocabulary} rows. */
    record Lookup(Case architecture, int vocabulary) {

        /** Uniform indices of the architecture's per-sample shape, n samples. */
        NDList indices(NDManager scope, int n) {
            return new NDList(scope.randomInteger(0, vocabulary,
                    new Shape(n).addAll(architecture.sample()), DataType.INT64));
        }

        @Override
        public String toString() {
            return architecture.name();
        }
    }

    static TrainableWordEmbedding words(int vocabulary, int size, SparseFormat format) {
        List<String> words = IntStream.range(0, vocabulary).mapToObj(i -> "word" + i).toList();
        return TrainableWordEmbedding.builder().setVocabulary(new DefaultVocabulary(words))
                .setEmbeddingSize(size).optSparseFormat(format).build();
    }

    static IdEmbedding ids(int vocabulary, int size) {
        return new IdEmbedding.Builder().setDictionarySize(vocabulary).setEmbeddingSize(size)
                .build();
    }

    private static Lookup lookup(String name, int vocabulary, Function<DataType, Block> block,
            Shape sample, int classes) {
        return new Lookup(new Case(name, block, sample, classes), vocabulary);
    }

    /** The block trees; with fewer rows than positions, every sample repeats an index. */
    static List<Lookup> lookups() {
        return List.of(
                lookup("TrainableWordEmbedding 5 x 3 alone on [n, 7]", 5,
                        t -> Architectures.init(manager, t, words(5, 3, SparseFormat.DENSE), 7),
                        new Shape(7), 0),
                lookup("TrainableWordEmbedding 6 x 4 on [n, 5] -> flatten -> Linear 3, "
                        + "cross-entropy", 6,
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(words(6, 4, SparseFormat.DENSE))
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(3).build()), 5),
                        new Shape(5), 3),
                lookup("TrainableWordEmbedding 4 x 3 on [n], one index a sample -> Linear 2, "
                        + "cross-entropy", 4,
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(words(4, 3, SparseFormat.DENSE))
                                .add(Linear.builder().setUnits(2).build())),
                        new Shape(), 2),
                lookup("IdEmbedding 5 x 3 alone on [n, 2, 4]", 5,
                        t -> Architectures.init(manager, t, ids(5, 3), 2, 4),
                        new Shape(2, 4), 0),
                lookup("IdEmbedding 7 x 2 on [n, 9] -> flatten -> Linear 4 -> ReLU -> Linear 3, "
                        + "cross-entropy", 7,
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(ids(7, 2))
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(4).build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(3).build()), 9),
                        new Shape(9), 3));
    }

    static Stream<Arguments> cases() {
        return SamplerChecks.cases(lookups());
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("embedding blocks: AUTO may vectorize; VECTORIZED equals the loop, mean = batch gradient")
    void agreesWithLoopAndBatch(Lookup lookup, DataType type, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = lookup.architecture().block().apply(type);
            SamplerChecks.agreesWithLoopAndBatch(block, lookup.architecture().loss(),
                    lookup.indices(scope, n), lookup.architecture().labels(scope, block, type, n));
        }
    }

    static Stream<Named<Block>> tables() {
        return Stream.of(Named.of("TrainableWordEmbedding 4 x 2", words(4, 2, SparseFormat.DENSE)),
                Named.of("IdEmbedding 4 x 2", ids(4, 2)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    @DisplayName("a repeated index gets the sum of its positions' gradients, rows not named get 0")
    void repeatedIndicesAdd(Block table) {
        long[][] indices = {{1, 3, 1, 1}, {0, 2, 0, 2}};
        int samples = indices.length;
        int positions = indices[0].length;
        int rows = 4;
        int size = 2;
        try (NDManager scope = manager.newSubManager()) {
            Architectures.init(scope, DataType.FLOAT64, table, positions);
            double[] weight = table.getParameters().get("embedding").getArray().toDoubleArray();
            double[] y = new double[samples * positions * size];
            for (int k = 0; k < y.length; k++) {
                y[k] = (k % 5) - 2.5;
            }
            double[] expected = new double[samples * rows * size];
            for (int i = 0; i < samples; i++) {
                for (int p = 0; p < positions; p++) {
                    int row = (int) indices[i][p];
                    for (int d = 0; d < size; d++) {
                        // squaredError: d/dz (z - y)^2 = 2 (z - y), z = the looked-up row.
                        double g = 2 * (weight[row * size + d] - y[(i * positions + p) * size + d]);
                        expected[(i * rows + row) * size + d] += g;
                    }
                }
            }
            NDList inputs = new NDList(scope.create(indices));
            NDArray labels = scope.create(y, new Shape(samples, positions, size));
            try (PerSampleResult result = PerSample.builder(table, PerSampleLoss.squaredError())
                    .optStrategy(Strategy.VECTORIZED).build().compute(inputs, labels)) {
                Agreement.assertClose(scope.create(expected, new Shape(samples, rows, size)),
                        result.gradient("embedding"), "embedding");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    @DisplayName("a table with COO sparse gradients gets its dense twin's per-sample gradients")
    void sparseGradientFormat(DataType type) {
        int n = 9;
        try (NDManager scope = manager.newSubManager()) {
            Block sparse = Architectures.init(scope, type, new SequentialBlock()
                    .add(words(5, 3, SparseFormat.COO))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(2).build()), 6);
            Block dense = Architectures.init(scope, type, new SequentialBlock()
                    .add(words(5, 3, SparseFormat.DENSE))
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(2).build()), 6);
            copyParameters(sparse, dense);
            NDList inputs = new NDList(
                    scope.randomInteger(0, 5, new Shape(n, 6), DataType.INT64));
            NDArray classes = scope.randomInteger(0, 2, new Shape(n), DataType.INT64);
            PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();
            // The loop cannot serve the sparse table itself (PyTorch will not copy its sparse
            // gradient into a dense row), so the reference is the loop on the dense twin.
            try (PerSampleResult v = PerSample.builder(sparse, loss).build()
                            .compute(inputs, classes);
                    PerSampleResult l = PerSample.builder(dense, loss)
                            .optStrategy(Strategy.LOOP).build().compute(inputs, classes)) {
                assertEquals(Strategy.VECTORIZED, v.strategy());
                for (String name : l.parameterNames()) {
                    Agreement.assertClose(l.gradient(name), v.gradient(name), name);
                }
            }
        }
    }

    static Stream<DataType> types() {
        return Stream.of(DataType.FLOAT32, DataType.FLOAT64);
    }

    /** Copies every parameter's values from one block to another of the same structure. */
    private static void copyParameters(Block from, Block to) {
        List<Parameter> target = to.getParameters().values();
        int i = 0;
        for (Pair<String, Parameter> source : from.getParameters()) {
            NDArray value = source.getValue().getArray();
            NDArray copy = target.get(i++).getArray();
            if (value.getDataType() == DataType.FLOAT64) {
                copy.set(value.toDoubleArray());
            } else {
                copy.set(value.toFloatArray());
            }
        }
    }

    @Test
    @DisplayName("an embedding call leaves parameters, their gradients and the managers as found")
    void leftAsFound() {
        for (Named<Block> table : tables().toList()) {
            try (NDManager blockManager = newManager()) {
                Block block = Architectures.init(blockManager, DataType.FLOAT32,
                        new SequentialBlock().add(table.getPayload())
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(3).build()), 5);
                NDManager caller = blockManager.newSubManager();
                SamplerChecks.leftAsFoundWithoutLeaks(block, PerSampleLoss.softmaxCrossEntropy(),
                        new NDList(caller.randomInteger(0, 4, new Shape(6, 5), DataType.INT64)),
                        caller.randomInteger(0, 3, new Shape(6), DataType.INT64), blockManager);
                caller.close();
            }
        }
    }
}
