package io.github.sgdlab.check;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.cli.SmallMlp;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.persample.PerSampleLoss;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** Each assertion passes on a match and fails, with its documented message, on a crafted mismatch. */
class GradientAssertionsTest extends EngineTest {

    @Test
    @DisplayName("assertAllClose passes within atol + rtol * |expected|, NaN against NaN included")
    void allClosePasses() {
        try (NDManager m = manager.newSubManager()) {
            NDArray expected = m.create(new double[] {1, 2, Double.NaN, Double.POSITIVE_INFINITY});
            // 2 + 2e-7 is inside 1e-7 + 1e-7 * 2 = 3e-7; float32 actuals are compared as doubles.
            NDArray actual = m.create(new double[] {1, 2 + 2e-7, Double.NaN,
                Double.POSITIVE_INFINITY});
            assertDoesNotThrow(() -> GradientAssertions.assertAllClose(expected, actual, 1e-7,
                    1e-7));
            assertDoesNotThrow(() -> GradientAssertions.assertAllClose(
                    m.create(new double[] {0.5, 0.25}), m.create(new float[] {0.5f, 0.25f}), 0, 0));
        }
    }

    @Test
    @DisplayName("assertAllClose fails like numpy: shape, count and share, max differences, indices")
    void allCloseFails() {
        try (NDManager m = manager.newSubManager()) {
            NDArray expected = m.create(new double[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray actual = m.create(new double[] {1, 2, 3.5, 4, 5, 5}, new Shape(2, 3));
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> GradientAssertions.assertAllClose(expected, actual, 1e-3, 0));
            assertEquals("Not equal to tolerance rtol=0.001, atol=0.0\n\n"
                    + "Shape: (2, 3)\n"
                    + "Mismatched elements: 2 / 6 (33.3%)\n"
                    + "Max absolute difference among violations: 1.0\n"
                    + "Max relative difference among violations: 0.16666666666666666\n"
                    + "Mismatches:\n"
                    + " [0, 2]: actual 3.5, expected 3.0\n"
                    + " [1, 2]: actual 5.0, expected 6.0\n", e.getMessage());
            assertAll(
                    () -> assertTrue(e.isExpectedDefined() && e.isActualDefined()),
                    () -> assertTrue(e.getExpected().getStringRepresentation()
                            .contains("[0, 2] 3.0\n")),
                    () -> assertTrue(e.getActual().getStringRepresentation()
                            .contains("[0, 2] 3.5\n")));
        }
    }

    @Test
    @DisplayName("assertAllClose fails on a shape mismatch, a NaN and an infinity of the other sign")
    void allCloseFailsOnShapeAndSpecialValues() {
        try (NDManager m = manager.newSubManager()) {
            AssertionError shape = assertThrows(AssertionError.class,
                    () -> GradientAssertions.assertAllClose(m.create(new double[] {1, 2, 3}),
                            m.create(new double[] {1, 2, 3}, new Shape(3, 1)), 1, 1));
            assertTrue(shape.getMessage().contains("(shapes (3, 1), (3) mismatch)"),
                    shape.getMessage());
            AssertionError special = assertThrows(AssertionError.class,
                    () -> GradientAssertions.assertAllClose(
                            m.create(new double[] {Double.POSITIVE_INFINITY, 1}),
                            m.create(new double[] {Double.NEGATIVE_INFINITY, Double.NaN}), 1, 1));
            assertTrue(special.getMessage().contains("Mismatched elements: 2 / 2 (100%)"),
                    special.getMessage());
        }
    }

    @Test
    @DisplayName("assertAllClose lists only the first 10 of many mismatches")
    void allCloseListsTen() {
        try (NDManager m = manager.newSubManager()) {
            AssertionError e = assertThrows(AssertionError.class,
                    () -> GradientAssertions.assertAllClose(m.zeros(new Shape(30), DataType.FLOAT64),
                            m.ones(new Shape(30), DataType.FLOAT64), 0, 0.5));
            assertTrue(e.getMessage().contains("Mismatched elements: 30 / 30 (100%)\n"));
            assertTrue(e.getMessage().contains("First 10 mismatches:\n"));
            assertTrue(e.getMessage().contains(" [9]: actual 1.0"));
            assertTrue(!e.getMessage().contains(" [10]: "), e.getMessage());
        }
    }

    @Test
    @DisplayName("assertGradCheck passes on tanh and fails with the report on ReLU at 0")
    void assertGradCheck() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new double[] {-1, 0, 2});
            x.setRequiresGradient(true);
            assertDoesNotThrow(() -> GradientAssertions.assertGradCheck(i -> i.head().tanh(),
                    new NDList(x)));
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> GradientAssertions.assertGradCheck(i -> Activation.relu(i.head()),
                            new NDList(x)));
            assertTrue(e.getMessage().startsWith("Gradient check (full Jacobian; eps 1.0E-6, "
                    + "atol 1.0E-5, rtol 0.001): FAILED, 1 of 1 inputs\n"), e.getMessage());
            assertTrue(e.getMessage().contains(
                    "Jacobian mismatch for output 1 with respect to input 0 (input 0), element 1"),
                    e.getMessage());
            assertEquals("input 0 element 1 output 1 0.5\n",
                    e.getExpected().getStringRepresentation());
            assertEquals("input 0 element 1 output 1 0.0\n",
                    e.getActual().getStringRepresentation());
        }
    }

    @Test
    @DisplayName("assertGradCheck on a block passes for the MLP and fails for a wrong loss")
    void assertGradCheckBlock() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = new SmallMlp(3, 4, 2, 5);
            Block block = mlp.block(m, 11);
            NDList x = mlp.inputs(m, 12);
            NDArray labels = mlp.labels(m, 13);
            assertDoesNotThrow(() -> GradientAssertions.assertGradCheck(block,
                    PerSampleLoss.softmaxCrossEntropy(), x, labels));
            PerSampleLoss wrong = (l, p) -> WrongGradient.squareMissingFactorTwo(
                    p.singletonOrThrow()).sum(new int[] {1});
            AssertionError e = assertThrows(AssertionError.class,
                    () -> GradientAssertions.assertGradCheck(block, wrong, x, labels));
            assertTrue(e.getMessage().contains("FAILED"), e.getMessage());
        }
    }

    @Test
    @DisplayName("assertPerSampleMeanEqualsBatch passes on the MLP (float64) and the notebook's "
            + "linear model (float32)")
    void perSampleMeanPasses() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = SmallMlp.DEFAULT;
            Block block = mlp.block(m, 21);
            assertDoesNotThrow(() -> GradientAssertions.assertPerSampleMeanEqualsBatch(block,
                    PerSampleLoss.softmaxCrossEntropy(), mlp.inputs(m, 22), mlp.labels(m, 23)));

            LinearData data = LinearData.notebook();
            Block linear = Linear.builder().setUnits(1).build();
            linear.initialize(m, DataType.FLOAT32, new Shape(data.samples(), 1));
            NDArray x1 = m.create(data.x1(), new Shape(data.samples(), 1))
                    .toType(DataType.FLOAT32, false);
            NDArray y = m.create(data.y()).toType(DataType.FLOAT32, false);
            assertDoesNotThrow(() -> GradientAssertions.assertPerSampleMeanEqualsBatch(linear,
                    PerSampleLoss.squaredError(), new NDList(x1), y));
        }
    }

    @Test
    @DisplayName("assertPerSampleMeanEqualsBatch fails on a loss that mixes samples, naming the "
            + "parameter and the worst element")
    void perSampleMeanFails() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = new SmallMlp(3, 4, 2, 6);
            Block block = mlp.block(m, 31);
            // Each sample's loss depends on the whole batch's mean prediction: alone, a sample's
            // loss is 0; in the batch it is not. The mean of per-sample gradients is then wrong.
            PerSampleLoss mixing = (labels, predictions) -> {
                NDArray p = predictions.singletonOrThrow();
                return p.sub(p.mean(new int[] {0}, true)).square().sum(new int[] {1});
            };
            AssertionError e = assertThrows(AssertionError.class,
                    () -> GradientAssertions.assertPerSampleMeanEqualsBatch(block, mixing,
                            mlp.inputs(m, 32), mlp.labels(m, 33)));
            String message = e.getMessage();
            assertTrue(message.startsWith("the mean of the per-sample gradients differs from "
                    + "the batch gradient (float64, n = 6, "), message);
            assertTrue(message.contains("gamma_38 = 4.219e-15"), message);
            assertTrue(message.contains("\n03Linear_bias: "), message);
            assertTrue(message.contains("elements beyond tolerance; worst ["), message);
        }
    }
}
