package io.github.sgdlab.linear;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.grad.FeatureComparison;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradientVector;
import io.github.sgdlab.linear.GradientVector;
import io.github.sgdlab.linear.PerSampleGradientVectors;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.linear.ThetaVector;
import io.github.sgdlab.reference.FeatureRoundingBound;
import io.github.sgdlab.reference.Precision;
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

/** The d-feature paths: the d = 1 case against the notebook's paths, bit for bit, and d > 1. */
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
    @DisplayName("with d = 1 all four paths give the notebook's numbers bit for bit")
    void oneFeatureIsTheNotebook(ReferenceCase reference, DataType type) {
        LinearData linear = reference.data();
        FeatureData data = FeatureData.of(linear);
        Theta theta = reference.theta();
        ThetaVector vector = ThetaVector.of(theta);
        AutogradGradients autograd = autograd(type);
        assertAll(
                () -> assertEquals(autograd.batch(linear, theta),
                        autograd.batch(data, vector).toBatchGradient(), "autograd batch"),
                () -> assertEquals(autograd.perSample(linear, theta).average(),
                        autograd.perSampleAverage(data, vector).toGradient(),
                        "autograd per-sample average"),
                () -> assertEquals(ReferenceGradients.batch(linear, theta),
                        ReferenceGradients.batch(data, vector).toBatchGradient(),
                        "reference batch"),
                () -> assertEquals(
                        ReferenceGradients.average(ReferenceGradients.perSample(linear, theta)),
                        ReferenceGradients.perSampleAverage(data, vector).toGradient(),
                        "reference per-sample average"));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("with d = 1 every per-sample gradient equals the notebook's per-sample loop's")
    void chunkedPerSampleEqualsTheLoop(ReferenceCase reference, DataType type) {
        LinearData linear = reference.data();
        AutogradGradients autograd = autograd(type);
        PerSampleGradients loop = autograd.perSample(linear, reference.theta());
        PerSampleGradientVectors chunked =
                autograd.perSample(FeatureData.of(linear), ThetaVector.of(reference.theta()));
        assertArrayEquals(loop.gradTheta0(), chunked.gradient(0), 0.0);
        assertArrayEquals(loop.gradTheta1(), chunked.gradient(1), 0.0);
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
        int n = FeatureAutograd.CHUNK * 2 + 5;
        FeatureData data = threeFeatures(n);
        ThetaVector theta = ThetaVector.of(0.25, -1, 2, 0.5);
        AutogradGradients autograd = autograd(DataType.FLOAT64);
        PerSampleGradientVectors djl = autograd.perSample(data, theta);
        PerSampleGradientVectors reference = ReferenceGradients.perSample(data, theta);
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
        ThetaVector theta = ThetaVector.of(1, 1, -1, 0);
        BatchGradientVector djl = autograd(DataType.FLOAT64).batch(data, theta);
        BatchGradientVector reference = ReferenceGradients.batch(data, theta);
        for (int j = 0; j < 4; j++) {
            assertEquals(reference.gradient().get(j), djl.gradient().get(j), 1e-9, "theta_" + j);
        }
        assertEquals(reference.loss(), djl.loss(), 1e-9, "loss");
    }

    @Test
    @DisplayName("the per-sample average is the mean of the batch gradient's terms")
    void averageEqualsBatch() {
        FeatureData data = threeFeatures(301);
        ThetaVector theta = ThetaVector.of(-0.5, 0.5, 1, -2);
        GradientVector average = ReferenceGradients.perSampleAverage(data, theta);
        BatchGradientVector batch = ReferenceGradients.batch(data, theta);
        for (int j = 0; j < 4; j++) {
            assertEquals(batch.gradient().get(j), average.get(j), 1e-12, "theta_" + j);
        }
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("with d = 1 the comparison, tolerances included, is the notebook's bit for bit")
    void oneFeatureComparison(ReferenceCase reference, DataType type) {
        GradientComparison notebook =
                GradientComparison.compute(manager, reference.data(), reference.theta(), type);
        FeatureComparison features = FeatureComparison.compute(manager,
                FeatureData.of(reference.data()), ThetaVector.of(reference.theta()), type);
        assertEquals(notebook, features.toGradientComparison(notebook.perSample()));
        assertTrue(features.crossCheck().ok());
    }

    @Test
    @DisplayName("with d = 3 the cross-check passes, and fails for a gradient off by a tiny"
            + " fraction")
    void threeFeatureCrossCheck() {
        FeatureData data = threeFeatures(5000);
        ThetaVector theta = ThetaVector.of(0.5, 1, -1, 2);
        FeatureComparison result = FeatureComparison.compute(manager, data, theta,
                DataType.FLOAT32);
        assertTrue(result.crossCheck().ok(), result.crossCheck().toString());
        assertEquals(9, result.crossCheck().values().size());
        CrossCheck.ValueCheck theta3 = result.crossCheck().values().get(3);
        assertEquals("grad_theta3", theta3.name());
        // A real error of 1e-4 relative (float32's rounding is ~1e-7) must not pass.
        CrossCheck.ValueCheck wrong = new CrossCheck.ValueCheck(theta3.name(),
                theta3.autograd() * (1 + 1e-4), theta3.reference(), theta3.tolerance());
        assertTrue(!wrong.ok(), wrong.absDiff() + " > " + wrong.tolerance());
        FeatureRoundingBound.Tolerances d1 = FeatureRoundingBound.crossCheck(
                FeatureData.of(LinearData.notebook()), ThetaVector.of(Theta.ZERO),
                Precision.FLOAT32);
        RoundingBound.Tolerances notebook = RoundingBound.crossCheck(
                LinearData.notebook(), Theta.ZERO, Precision.FLOAT32);
        assertArrayEquals(new double[] {notebook.gradTheta0(), notebook.gradTheta1()},
                d1.gradient(), 0.0);
        assertEquals(notebook.loss(), d1.loss(), 0.0);
        assertArrayEquals(new double[] {notebook.averageGradTheta0(),
            notebook.averageGradTheta1()}, d1.average(), 0.0);
    }

    @Test
    @DisplayName("theta must have d + 1 values")
    void thetaMustFit() {
        FeatureData data = threeFeatures(10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ReferenceGradients.batch(data, ThetaVector.of(1, 2)));
        assertEquals("theta has 2 values but the data have 3 features; need 4 (the intercept"
                + " first)", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> autograd(DataType.FLOAT32).batch(data, ThetaVector.zeros(2)));
        assertThrows(IllegalArgumentException.class,
                () -> autograd(DataType.FLOAT32).perSampleAverage(data, ThetaVector.zeros(4)));
    }
}
