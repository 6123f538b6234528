package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.initializer.NormalInitializer;

import io.github.sgdlab.persample.PerSampleLoss;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.stream.IntStream;

/** Ghost clipping gives the materialised path's gradient (and so Opacus's) within rounding. */
class GhostClippingTest extends EngineTest {

    static PrivacyEngine engine(double clip, Clipping clipping, int expected, boolean ghost) {
        return engine(clip, clipping, expected, ghost, PerSampleLoss.softmaxCrossEntropy());
    }

    static PrivacyEngine engine(double clip, Clipping clipping, int expected, boolean ghost,
            PerSampleLoss loss) {
        return PrivacyEngine.builder()
                .setLoss(loss)
                .setMaxGradNorm(clip).setNoiseMultiplier(0).setSampleRate(0.01)
                .setExpectedBatchSize(expected).optClipping(clipping)
                .optAccountant(PoissonSamplerTest.counting(new java.util.ArrayList<>()))
                .optGhostClipping(ghost).build();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp, flat", "mlp, per_layer", "cnn, flat", "cnn, per_layer"})
    @DisplayName("ghost clipping writes Opacus 1.4.0's gradient within 1e-10")
    void matchesOpacus(String model, String clipping) {
        try (NDManager scope = manager.newSubManager()) {
            GoldenModels.Case c = GoldenModels.load(model, scope);
            engine(c.maxGradNorm(clipping),
                    clipping.equals("flat") ? Clipping.FLAT : Clipping.PER_LAYER,
                    c.expectedBatchSize(), true).step(c.block(), c.inputs(), c.labels());
            PrivacyEngineGoldenTest.assertGolden(c, clipping);
        }
    }

    static Block embeddingModel(boolean ids) {
        SequentialBlock block = new SequentialBlock();
        if (ids) {
            block.add(new IdEmbedding.Builder().setDictionarySize(7).setEmbeddingSize(2).build());
        } else {
            List<String> words = IntStream.range(0, 6).mapToObj(i -> "word" + i).toList();
            block.add(TrainableWordEmbedding.builder().setVocabulary(new DefaultVocabulary(words))
                    .setEmbeddingSize(4).build());
        }
        return block.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(4).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(3).build());
    }

    @ParameterizedTest(name = "{0}, ids {1}")
    @CsvSource({"FLAT, false", "PER_LAYER, false", "FLAT, true", "PER_LAYER, true"})
    @DisplayName("embeddings (repeated indices): ghost equals materialised within 1e-10")
    void embeddings(Clipping clipping, boolean ids) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = embeddingModel(ids);
            block.setInitializer(new NormalInitializer(0.5f), p -> true);
            int positions = ids ? 9 : 5;
            block.initialize(scope, DataType.FLOAT64, new Shape(1, positions));
            NDList x = new NDList(scope.randomInteger(0, ids ? 7 : 6, new Shape(8, positions),
                    DataType.INT64));
            NDArray y = scope.randomInteger(0, 3, new Shape(8), DataType.INT64);
            assertGhostEqualsPlain(block, x, y, clipping);
        }
    }

    static void assertGhostEqualsPlain(Block block, NDList x, NDArray y, Clipping clipping) {
        engine(0.5, clipping, 10, false).step(block, x, y);
        double[] plain = PrivacyEngineNoiseTest.gradients(block);
        engine(0.5, clipping, 10, true).step(block, x, y);
        double[] ghost = PrivacyEngineNoiseTest.gradients(block);
        double scale = 0;
        for (double v : plain) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0);
        for (int i = 0; i < plain.length; i++) {
            int at = i;
            assertTrue(Math.abs(ghost[i] - plain[i]) <= 1e-10 * scale,
                    () -> "coordinate " + at + ": ghost " + ghost[at] + ", plain " + plain[at]);
        }
    }

    /** Sequences (Gram form), a frozen layer and a parameterless flatten, against the plain path. */
    @ParameterizedTest(name = "{0}, frozen first layer {1}")
    @CsvSource({"FLAT, false", "PER_LAYER, false", "FLAT, true", "PER_LAYER, true"})
    @DisplayName("sequence inputs and frozen layers: ghost equals materialised within 1e-10")
    void sequencesAndFrozenLayers(Clipping clipping, boolean frozen) {
        try (NDManager scope = manager.newSubManager()) {
            SequentialBlock block = new SequentialBlock()
                    .add(Linear.builder().setUnits(6).build()).add(Activation.tanhBlock())
                    .add(Linear.builder().setUnits(4).build()).add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(3).build());
            block.setInitializer(new NormalInitializer(0.5f), p -> true);
            block.initialize(scope, DataType.FLOAT64, new Shape(1, 5, 7));
            if (frozen) {
                block.getChildren().get(0).getValue().freezeParameters(true);
            }
            NDList x = new NDList(scope.randomNormal(new Shape(9, 5, 7), DataType.FLOAT64));
            NDArray y = scope.randomInteger(0, 3, new Shape(9), DataType.INT64);
            assertGhostEqualsPlain(block, x, y, clipping);
        }
    }
}
