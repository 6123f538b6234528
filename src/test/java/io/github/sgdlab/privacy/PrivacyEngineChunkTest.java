package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The materialised path's own chunking ({@link PrivacyEngine#MATERIALISED_AT_MOST} per-sample
 * gradient elements at once): its size, and that a batch split by it gives the unchunked ghost
 * path's gradient within rounding.
 */
class PrivacyEngineChunkTest extends EngineTest {

    private static Block mlp(int hidden, int inputs, NDManager scope) {
        SequentialBlock block = new SequentialBlock().add(Linear.builder().setUnits(hidden).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(3).build());
        block.setInitializer(new NormalInitializer(0.05f), p -> true);
        block.initialize(scope, DataType.FLOAT64, new Shape(1, inputs));
        return block;
    }

    @Test
    @DisplayName("the chunk holds as many samples as 2^22 per-sample gradient elements allow")
    void chunkSize() {
        try (NDManager scope = manager.newSubManager()) {
            // 784·128 + 128 + 128·10 + 10 = 101,770 elements a sample: 41 samples a chunk.
            SequentialBlock mlp = new SequentialBlock().add(Linear.builder().setUnits(128).build())
                    .add(Activation.reluBlock()).add(Linear.builder().setUnits(10).build());
            mlp.initialize(scope, DataType.FLOAT32, new Shape(1, 784));
            List<Pair<String, Parameter>> parameters = mlp.getParameters().stream().toList();
            assertEquals(41, PrivacyEngine.materialisedChunk(parameters));
            // More than 2^22 elements a sample: one sample at a time.
            List<Pair<String, Parameter>> large =
                    mlp(2048, 2048, scope).getParameters().stream().toList();
            assertEquals(1, PrivacyEngine.materialisedChunk(large));
        }
    }

    @Test
    @DisplayName("a batch the materialised path splits gives the unchunked ghost gradient")
    void chunkedEqualsUnchunked() {
        try (NDManager scope = manager.newSubManager()) {
            // 2048·2048 + 2048 + 2048·3 + 3 elements a sample: five chunks of one sample.
            Block block = mlp(2048, 2048, scope);
            NDList x = new NDList(scope.randomNormal(0, 1, new Shape(5, 2048), DataType.FLOAT64));
            NDArray y = scope.randomInteger(0, 3, new Shape(5), DataType.INT64);
            GhostClippingTest.assertGhostEqualsPlain(block, x, y, Clipping.FLAT);
        }
    }
}
