package io.github.sgdlab.linear;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.reference.Precision;
import io.github.sgdlab.persample.Strategy;
import io.github.sgdlab.reference.ReferenceGradients;
import io.github.sgdlab.reference.RoundingBound;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.ReferenceCase;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.data.RandomState;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The linear model with d features: at d = 1 the strategies and the streamed and held forms agree
 * bit for bit; for d > 1 against the reference.
 */
class FeatureGradientsTest extends EngineTest {

    @AfterEach
    void nothingLeaks() {
        assertTrue(manager.getManagedArrays().isEmpty(), "arrays left on the caller's manager");
    }

    static List<Arguments> casesAndTypes() {
        List<Arguments> arguments = new ArrayList<>();
        for (ReferenceCase reference : ReferenceCase.all()) {
            arguments.add(Arguments.of(reference, DataType.FLOAT32));
            arguments.add(Arguments.of(reference, DataType.FLOAT64));
        }
        return arguments;
    }

    private static AutogradGradients autograd(DataType type) {
        return AutogradGradients.builder(manager).optDataType(type).build();
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("with d = 1 the streamed averages equal the held per-sample gradients' bit for bit")
    void streamedEqualsHeld(ReferenceCase reference, DataType type) {
        FeatureData data = reference.data();
        Theta theta = reference.theta();
        AutogradGradients autograd = autograd(type);
        PerSampleGradients held = autograd.perSample(data, theta);
        assertAll(
                () -> assertEquals(held.average(), autograd.perSampleAverage(data, theta),
                        "autograd per-sample average"),
                () -> assertEquals(held.spread(),
                        autograd.perSampleSpread(data, theta, held.average()),
                        "autograd per-sample spread"),
                () -> assertEquals(
                        ReferenceGradients.average(ReferenceGradients.perSample(data, theta)),
                        ReferenceGradients.perSampleAverage(data, theta),
                        "reference per-sample average"));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("with d = 1 every per-sample gradient of the chunked copies equals the loop's")
    void chunkedPerSampleEqualsTheLoop(ReferenceCase reference, DataType type) {
        FeatureData data = reference.data();
        AutogradGradients autograd = autograd(type);
        double[][] loop = new double[2][data.samples()];
        autograd.perSample(data, reference.theta(), Strategy.LOOP, done -> { },
                (from, m, chunk) -> {
                    for (int j = 0; j < 2; j++) {
                        System.arraycopy(chunk[j], 0, loop[j], from, m);
                    }
                });
        PerSampleGradients chunked = autograd.perSample(data, reference.theta());
        assertArrayEquals(loop[0], chunked.gradient(0), 0.0);
        assertArrayEquals(loop[1], chunked.gradient(1), 0.0);
    }

    /** Three features drawn from a fixed seed; y = 1.5 + 2 x1 - 3 x2 + 0.5 x3 + noise. */
    static FeatureData threeFeatures(int n) {
        RandomState random = new RandomState(7);
        double[][] x = new double[n][3];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double[] u = random.uniform(-1, 1, 3);
            x[i] = u;
            y[i] = 1.5 + 2 * u[0] - 3 * u[1] + 0.5 * u[2] + random.randn(1)[0];
        }
        return FeatureData.of(x, y);
    }

    @Test
    @DisplayName("per-sample gradients across chunk boundaries match the reference, sample by"
            + " sample, and their averages match the streamed averages bit for bit")
    void acrossChunks() {
        int n = ChunkedAutograd.CHUNK * 2 + 5;
        FeatureData data = threeFeatures(n);
        Theta theta = Theta.of(0.25, -1, 2, 0.5);
        AutogradGradients autograd = autograd(DataType.FLOAT64);
        PerSampleGradients djl = autograd.perSample(data, theta);
        PerSampleGradients reference = ReferenceGradients.perSample(data, theta);
        for (int j = 0; j < 4; j++) {
            double[] a = djl.gradient(j);
            double[] b = reference.gradient(j);
            for (int i = 0; i < n; i++) {
                // float64 residual of 4 terms, times 2 and x: a few ulps of the largest term.
                double bound = 1e-14 * (1 + Math.abs(b[i]) + 8);
                assertTrue(Math.abs(a[i] - b[i]) <= bound,
                        "sample " + i + ", theta_" + j + ": " + a[i] + " vs " + b[i]);
            }
        }
        assertEquals(djl.average(), autograd.perSampleAverage(data, theta));
        assertEquals(ReferenceGradients.average(reference),
                ReferenceGradients.perSampleAverage(data, theta));
    }

    @Test
    @DisplayName("a batch larger than one upload piece is uploaded whole: float64 autograd"
            + " matches the reference")
    void largeBatch() {
        int n = TensorUpload.PIECE + 1234;
        FeatureData data = threeFeatures(n);
        Theta theta = Theta.of(1, 1, -1, 0);
        BatchGradient djl = autograd(DataType.FLOAT64).batch(data, theta);
        BatchGradient reference = ReferenceGradients.batch(data, theta);
        for (int j = 0; j < 4; j++) {
            assertEquals(reference.gradient().get(j), djl.gradient().get(j), 1e-9, "theta_" + j);
        }
        assertEquals(reference.loss(), djl.loss(), 1e-9, "loss");
    }

    @Test
    @DisplayName("the per-sample average is the mean of the batch gradient's terms")
    void averageEqualsBatch() {
        FeatureData data = threeFeatures(301);
        Theta theta = Theta.of(-0.5, 0.5, 1, -2);
        Gradient average = ReferenceGradients.perSampleAverage(data, theta);
        BatchGradient batch = ReferenceGradients.batch(data, theta);
        for (int j = 0; j < 4; j++) {
            assertEquals(batch.gradient().get(j), average.get(j), 1e-12, "theta_" + j);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("with d = 1 the comparison, tolerances included, is the same by either strategy, bit for bit")
    void oneFeatureComparison(ReferenceCase reference, DataType type) {
        GradientComparison vectorized =
                GradientComparison.compute(manager, reference.data(), reference.theta(), type);
        GradientComparison loop = GradientComparison.compute(manager, reference.data(),
                reference.theta(), type, Strategy.LOOP, done -> { }, PerSampleSink.NONE);
        assertEquals(loop, vectorized);
        assertTrue(vectorized.crossCheck().ok());
    }

    @Test
    @DisplayName("with d = 3 the cross-check passes, and fails for a gradient off by a tiny"
            + " fraction")
    void threeFeatureCrossCheck() {
        FeatureData data = threeFeatures(5000);
        Theta theta = Theta.of(0.5, 1, -1, 2);
        GradientComparison result = GradientComparison.compute(manager, data, theta,
                DataType.FLOAT32);
        assertTrue(result.crossCheck().ok(), result.crossCheck().toString());
        assertEquals(9, result.crossCheck().values().size());
        CrossCheck.ValueCheck theta3 = result.crossCheck().values().get(3);
        assertEquals("grad_theta3", theta3.name());
        // A real error of 1e-4 relative (float32's rounding is ~1e-7) must not pass.
        CrossCheck.ValueCheck wrong = new CrossCheck.ValueCheck(theta3.name(),
                theta3.autograd() * (1 + 1e-4), theta3.reference(), theta3.tolerance());
        assertTrue(!wrong.ok(), wrong.absDiff() + " > " + wrong.tolerance());
    }

    @Test
    @DisplayName("theta must have d + 1 values")
    void thetaMustFit() {
        FeatureData data = threeFeatures(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceGradients.batch(data, Theta.of(1, 2)));
        assertEquals("theta has 2 values but the data have 3 features; need 4 (the intercept"
                + " first)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> autograd(DataType.FLOAT32).batch(data, Theta.zeros(2)));
        assertThrows(IllegalArgumentException.class,
                () -> autograd(DataType.FLOAT32).perSampleAverage(data, Theta.zeros(4)));
    }
}
