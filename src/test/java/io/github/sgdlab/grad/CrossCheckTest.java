package io.github.sgdlab.grad;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The cross-check's tolerance and verdict, on hand-made disagreements. */
class CrossCheckTest {

    private static final LinearData DATA = LinearData.notebook();
    private static final BatchGradient REFERENCE = ReferenceGradients.batch(DATA, Theta.ZERO);
    private static final Gradient REFERENCE_AVERAGE =
            ReferenceGradients.average(ReferenceGradients.perSample(DATA, Theta.ZERO));

    @Test
    @DisplayName("the tolerance is the float32 bound plus the float64 bound")
    void toleranceFollowsTypeAndSize() {
        double u32 = CrossCheck.bound(DATA, Theta.ZERO, 0x1p-24);
        double u64 = CrossCheck.bound(DATA, Theta.ZERO, 0x1p-53);
        CrossCheck check = CrossCheck.compare(DATA, Theta.ZERO, DataType.FLOAT32,
                REFERENCE, REFERENCE_AVERAGE, REFERENCE, REFERENCE_AVERAGE);
        assertAll(
                () -> assertEquals(u32 + u64, check.tolerance(), 0.0),
                () -> assertEquals(0.0, check.maxAbsDiff()),
                () -> assertTrue(check.ok()),
                // Larger data sets have longer sums and so a wider bound.
                () -> assertTrue(CrossCheck.bound(LinearData.generate(45, 4000), Theta.ZERO, 0x1p-24)
                        > u32));
    }

    @Test
    @DisplayName("the notebook's bound: gamma_48 times 3/n sum a_i^2, as worked by hand")
    void boundByHand() {
        double sumA2 = 0;
        for (double y : DATA.y()) {
            sumA2 += y * y; // at theta = 0, a_i = |y_i|
        }
        double gamma = 48 * 0x1p-24 / (1 - 48 * 0x1p-24);
        assertEquals(gamma * 3 * sumA2 / 40, CrossCheck.bound(DATA, Theta.ZERO, 0x1p-24),
                1e-12 * gamma * 3 * sumA2 / 40);
    }

    @Test
    @DisplayName("a gradient off by more than the bound fails, and the difference is reported")
    void wrongGradientFails() {
        double tolerance = CrossCheck.compare(DATA, Theta.ZERO, DataType.FLOAT32,
                REFERENCE, REFERENCE_AVERAGE, REFERENCE, REFERENCE_AVERAGE).tolerance();
        BatchGradient wrong = new BatchGradient(REFERENCE.gradTheta0(),
                REFERENCE.gradTheta1() + 2 * tolerance, REFERENCE.loss());
        CrossCheck check = CrossCheck.compare(DATA, Theta.ZERO, DataType.FLOAT32,
                wrong, REFERENCE_AVERAGE, REFERENCE, REFERENCE_AVERAGE);
        assertFalse(check.ok());
        assertEquals(2 * tolerance, check.maxAbsDiff(), 1e-12);
    }

    @Test
    @DisplayName("a per-sample average that forgot to zero the gradients fails")
    void accumulatedAverageFails() {
        // Without zeroing, sample i's recorded gradient is the running sum of samples 0..i.
        double[] g0 = ReferenceGradients.perSample(DATA, Theta.ZERO).gradTheta0();
        double[] g1 = ReferenceGradients.perSample(DATA, Theta.ZERO).gradTheta1();
        for (int i = 1; i < g0.length; i++) {
            g0[i] += g0[i - 1];
            g1[i] += g1[i - 1];
        }
        Gradient accumulated = new PerSampleGradients(g0, g1).average();
        assertFalse(CrossCheck.compare(DATA, Theta.ZERO, DataType.FLOAT32,
                REFERENCE, accumulated, REFERENCE, REFERENCE_AVERAGE).ok());
    }

    @Test
    @DisplayName("a NaN anywhere fails the check")
    void nanFails() {
        BatchGradient nan = new BatchGradient(Double.NaN, REFERENCE.gradTheta1(), REFERENCE.loss());
        CrossCheck check = CrossCheck.compare(DATA, Theta.ZERO, DataType.FLOAT64,
                nan, REFERENCE_AVERAGE, REFERENCE, REFERENCE_AVERAGE);
        assertFalse(check.ok());
    }
}
