package io.github.sgdlab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** BlockCast: the advice GradCheck gives for a float32 block works, and DJL still needs it. */
class BlockCastTest extends EngineTest {

    private static SequentialBlock float32Mlp(NDManager m) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(5).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(3).build());
        block.initialize(m, DataType.FLOAT32, new Shape(6, 4));
        return block;
    }

    /** Six samples of four features ~ N(0, 1), float32, from a Java seed. */
    private static NDArray inputs(NDManager m) {
        java.util.Random random = new java.util.Random(42);
        float[] values = new float[24];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        return m.create(values, new Shape(6, 4));
    }

    private static List<float[]> values(SequentialBlock block) {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    @Test
    @DisplayName("DJL 0.36's Block.cast still throws, which is why BlockCast exists")
    void djlBlockCastIsUnsupported() {
        try (NDManager m = manager.newSubManager()) {
            SequentialBlock block = float32Mlp(m);
            assertThrows(UnsupportedOperationException.class,
                    () -> block.cast(DataType.FLOAT64),
                    "DJL now implements Block.cast: point GradCheck's float32 advice "
                            + "(Float64.requireParameter) at it and retire BlockCast");
        }
    }

    @Test
    @DisplayName("the float32 refusal names BlockCast, and following it makes the check pass")
    void followingTheAdviceWorks() {
        try (NDManager m = manager.newSubManager()) {
            SequentialBlock block = float32Mlp(m);
            NDArray x = inputs(m);
            NDArray labels = m.create(new long[] {0, 1, 2, 2, 1, 0});
            PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();
            GradCheck check = GradCheck.builder().build();
            IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class,
                    () -> check.check(block, loss, new NDList(x), labels));
            assertTrue(refusal.getMessage().contains("BlockCast.cast(block, DataType.FLOAT64)"),
                    refusal.getMessage());
            List<float[]> before = values(block);
            int arrays = m.getManagedArrays().size();

            BlockCast.cast(block, DataType.FLOAT64);
            GradCheckResult result = check.check(block, loss,
                    new NDList(x.toType(DataType.FLOAT64, false)), labels);
            assertTrue(result.passed(), result.report());
            assertEquals(4, result.checks().size(), result.report());
            int j = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                assertEquals(DataType.FLOAT64, array.getDataType(), p.getKey());
                assertTrue(array.hasGradient(), p.getKey());
                float[] original = before.get(j++);
                double[] widened = new double[original.length];
                for (int k = 0; k < original.length; k++) {
                    widened[k] = original[k];
                }
                assertArrayEquals(widened, array.toDoubleArray(), 0.0, p.getKey());
            }

            BlockCast.cast(block, DataType.FLOAT32);
            j = 0;
            for (float[] restored : values(block)) {
                assertArrayEquals(before.get(j++), restored);
            }
            // The old arrays were closed as the new ones came: one per parameter, no more.
            assertEquals(arrays + 1, m.getManagedArrays().size(),
                    "only the float64 copy of x is new");
        }
    }

    @Test
    @DisplayName("a frozen parameter stays frozen and unchecked")
    void frozenStaysFrozen() {
        try (NDManager m = manager.newSubManager()) {
            SequentialBlock block = float32Mlp(m);
            block.getChildren().get(0).getValue().freezeParameters(true);
            BlockCast.cast(block, DataType.FLOAT64);
            List<String> trainable = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                assertEquals(p.getValue().requiresGradient(), p.getValue().getArray().hasGradient(),
                        p.getKey());
                if (p.getValue().requiresGradient()) {
                    trainable.add(p.getKey());
                }
            }
            assertEquals(List.of("03Linear_weight", "03Linear_bias"), trainable);
            GradCheckResult result = GradCheck.builder().build().check(block,
                    PerSampleLoss.softmaxCrossEntropy(),
                    new NDList(inputs(m).toType(DataType.FLOAT64, false)),
                    m.create(new long[] {0, 1, 2, 2, 1, 0}));
            assertTrue(result.passed(), result.report());
            assertEquals(2, result.checks().size(), result.report());
        }
    }

    @Test
    @DisplayName("refuses a block that is not initialized")
    void refusesUninitialized() {
        assertFalse(new SequentialBlock().add(Linear.builder().setUnits(2).build())
                .isInitialized());
        assertThrows(IllegalArgumentException.class, () -> BlockCast.cast(
                new SequentialBlock().add(Linear.builder().setUnits(2).build()),
                DataType.FLOAT64));
    }
}
