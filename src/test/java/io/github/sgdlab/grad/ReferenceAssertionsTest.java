package io.github.sgdlab.grad;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.Theta;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** assertMatchesReference passes on the notebook and fails, listing every value, on a mismatch. */
class ReferenceAssertionsTest extends EngineTest {

    @Test
    @DisplayName("assertMatchesReference passes for the notebook in both dtypes")
    void matchesReferencePasses() {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            assertDoesNotThrow(() -> ReferenceAssertions.assertMatchesReference(manager,
                    LinearData.notebook().features(), Theta.zeros(1), type));
        }
        assertEquals(0, manager.getManagedArrays().size());
    }

    @Test
    @DisplayName("assertMatchesReference fails on a crafted mismatch, listing every value")
    void matchesReferenceFails() {
        FeatureData data = LinearData.notebook().features();
        GradientComparison good = GradientComparison.compute(manager, data, Theta.zeros(1),
                DataType.FLOAT64);
        // DJL's batch gradient of theta_1 off by 1e-3, far beyond the rounding-error bound.
        BatchGradient wrong = new BatchGradient(Gradient.of(good.batch().gradient().get(0),
                good.batch().gradient().get(1) + 1e-3), good.batch().loss());
        CrossCheck check = CrossCheck.compare(data, Theta.zeros(1), DataType.FLOAT64, wrong,
                good.perSampleAverage(), good.referenceBatch(), good.referencePerSampleAverage());
        GradientComparison crafted = new GradientComparison(DataType.FLOAT64, Theta.zeros(1),
                wrong, good.perSampleAverage(), good.referenceBatch(),
                good.referencePerSampleAverage(), check, good.perSampleStd());
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> ReferenceAssertions.assertMatchesReference(crafted, data));
        String message = e.getMessage();
        CrossCheck.ValueCheck theta1 = check.values().get(1);
        assertAll(
                () -> assertTrue(message.startsWith("DJL autograd (float64) does not match the "
                        + "plain-Java reference at theta = (0.0, 0.0), 40 samples: grad_theta1 "
                        + "beyond its rounding-error tolerance\n"), message),
                () -> assertTrue(message.contains(String.format(java.util.Locale.ROOT,
                        "  grad_theta1          DJL %-24s reference %-24s |diff| %.3e >  "
                                + "tolerance %.3e\n", wrong.gradient().get(1),
                        good.referenceBatch().gradient().get(1), theta1.absDiff(),
                        theta1.tolerance())), message),
                () -> assertEquals(1, message.lines().filter(l -> l.contains(" >  tolerance"))
                        .count(), message),
                () -> assertEquals(6, message.lines().count(), message),
                () -> assertTrue(message.contains("  average_grad_theta0  DJL "), message),
                () -> assertTrue(e.getExpected().getStringRepresentation().contains(
                        "grad_theta1 " + good.referenceBatch().gradient().get(1)), message));
    }
}
