package io.github.sgdlab.grad;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.reference.Precision;
import io.github.sgdlab.reference.ReferenceGradients;
import io.github.sgdlab.reference.RoundingBound;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cross-check's per-value tolerances, and mutation tests: a wrong gradient must fail the
 * verdict at every size, which one shared worst-case tolerance could not guarantee (a sign error
 * passed it from a few million samples on).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossCheckTest extends EngineTest {

    private static final FeatureData NOTEBOOK = LinearData.notebook().features();

    @Test
    @DisplayName("libtorch's and numpy's summation depths, as worked by hand")
    void summationDepths() {
        assertAll(
                () -> assertEquals(0, RoundingBound.torchSumDepth(1)),
                () -> assertEquals(39, RoundingBound.torchSumDepth(40)),
                // n = 10^5: 6250 per accumulator, ceil(log2) = 13, step 16; 4 grains.
                () -> assertEquals(11 * 16 + 41 + 4, RoundingBound.torchSumDepth(100_000)),
                // n = 10^7: 625 000 per accumulator, ceil(log2) = 20, step 32; 64 threads counted.
                () -> assertEquals(11 * 32 + 41 + 64, RoundingBound.torchSumDepth(10_000_000)),
                () -> assertEquals(26, RoundingBound.numpySumDepth(40)),
                () -> assertEquals(26 + 17, RoundingBound.numpySumDepth(10_000_000)));
    }

    @Test
    @DisplayName("the notebook's tolerance for grad_theta0 at theta = 0, as worked by hand")
    void notebookBoundByHand() {
        // At theta = 0, a_i = |r_i| = |y_i|: 2/n sum|y| (gamma_8 + gamma_(39+4) (1 + gamma_8)) in
        // float32, plus the same with gamma_(26+4) in float64 for numpy's pairwise sum.
        double sumY = Arrays.stream(NOTEBOOK.y()).map(Math::abs).sum();
        double factor32 = gamma(8, 0x1p-24) + gamma(43, 0x1p-24) * (1 + gamma(8, 0x1p-24));
        double factor64 = gamma(8, 0x1p-53) + gamma(30, 0x1p-53) * (1 + gamma(8, 0x1p-53));
        double expected = (factor32 + factor64) * 2 * sumY / 40;
        assertEquals(expected,
                RoundingBound.crossCheck(NOTEBOOK, Theta.zeros(1), Precision.FLOAT32).gradient()[0],
                1e-9 * expected);
    }

    private static double gamma(int k, double u) {
        return k * u / (1 - k * u);
    }

    @Test
    @DisplayName("each value has its own tolerance, and the summary is the worst value's")
    void perValueTolerances() {
        BatchGradient reference = ReferenceGradients.batch(NOTEBOOK, Theta.zeros(1));
        Gradient average = ReferenceGradients.average(ReferenceGradients.perSample(NOTEBOOK, Theta.zeros(1)));
        RoundingBound.Tolerances tolerance =
                RoundingBound.crossCheck(NOTEBOOK, Theta.zeros(1), Precision.FLOAT32);
        // Off by 90 % of the loss's tolerance: more than grad_theta1's whole tolerance.
        BatchGradient off = new BatchGradient(Gradient.of(reference.gradient().get(0), reference.gradient().get(1)),
                reference.loss() + 0.9 * tolerance.loss());
        CrossCheck check = CrossCheck.compare(NOTEBOOK, Theta.zeros(1), DataType.FLOAT32,
                off, average, reference, average);
        assertAll(
                () -> assertTrue(tolerance.loss() > 2 * tolerance.gradient()[1]),
                () -> assertTrue(check.ok()),
                () -> assertEquals("loss", check.worst().name()),
                () -> assertEquals(0.9 * tolerance.loss(), check.maxAbsDiff(), 1e-12),
                () -> assertEquals(tolerance.loss(), check.tolerance()),
                () -> assertEquals(5, check.values().size()));
        // The same difference on grad_theta1 fails: its own tolerance is smaller.
        BatchGradient wrong = new BatchGradient(Gradient.of(reference.gradient().get(0), reference.gradient().get(1) + 0.9 * tolerance.loss()), reference.loss());
        CrossCheck failed = CrossCheck.compare(NOTEBOOK, Theta.zeros(1), DataType.FLOAT32,
                wrong, average, reference, average);
        assertFalse(failed.ok());
        assertEquals("grad_theta1", failed.worst().name());
        assertTrue(failed.maxAbsDiff() > failed.tolerance());
    }

    @Test
    @DisplayName("a NaN anywhere fails the check and is the worst value")
    void nanFails() {
        BatchGradient reference = ReferenceGradients.batch(NOTEBOOK, Theta.zeros(1));
        Gradient average = ReferenceGradients.average(ReferenceGradients.perSample(NOTEBOOK, Theta.zeros(1)));
        BatchGradient nan = new BatchGradient(Gradient.of(reference.gradient().get(0), Double.NaN), reference.loss());
        CrossCheck check = CrossCheck.compare(NOTEBOOK, Theta.zeros(1), DataType.FLOAT64,
                nan, average, reference, average);
        assertFalse(check.ok());
        assertEquals("grad_theta1", check.worst().name());
    }

    @Test
    @DisplayName("a per-sample average that forgot to zero the gradients fails")
    void accumulatedAverageFails() {
        // Without zeroing, sample i's recorded gradient is the running sum of samples 0..i.
        PerSampleGradients perSample = ReferenceGradients.perSample(NOTEBOOK, Theta.zeros(1));
        double[] g0 = perSample.gradient(0);
        double[] g1 = perSample.gradient(1);
        for (int i = 1; i < g0.length; i++) {
            g0[i] += g0[i - 1];
            g1[i] += g1[i - 1];
        }
        BatchGradient reference = ReferenceGradients.batch(NOTEBOOK, Theta.zeros(1));
        assertFalse(CrossCheck.compare(NOTEBOOK, Theta.zeros(1), DataType.FLOAT32,
                reference, new PerSampleGradients(new double[][] {g0, g1}).average(),
                reference, ReferenceGradients.average(perSample)).ok());
    }

    static List<Arguments> sizesAndTypes() {
        return List.of(
                Arguments.of(40, DataType.FLOAT32), Arguments.of(40, DataType.FLOAT64),
                Arguments.of(100_000, DataType.FLOAT32), Arguments.of(100_000, DataType.FLOAT64));
    }

    @ParameterizedTest(name = "n = {0}, {1}")
    @MethodSource("sizesAndTypes")
    @DisplayName("real autograd passes; its batch gradient negated, halved, doubled or taken at theta + 1e-3 fails")
    void mutationsFail(int n, DataType dataType) {
        FeatureData data = LinearData.generate(2026, n).features();
        Theta theta = Theta.of(0.5, -1.5);
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        BatchGradient batch = autograd.batch(data, theta);
        Gradient average = autograd.perSample(data, theta).average();
        BatchGradient reference = ReferenceGradients.batch(data, theta);
        Gradient referenceAverage =
                ReferenceGradients.average(ReferenceGradients.perSample(data, theta));
        assertTrue(CrossCheck.compare(data, theta, dataType, batch, average, reference,
                referenceAverage).ok(), "the real gradient passes");
        BatchGradient shifted = autograd.batch(data, Theta.of(theta.get(0) + 1e-3,
                theta.get(1) + 1e-3));
        List<BatchGradient> mutants = List.of(
                scaled(batch, -1), scaled(batch, 0.5), scaled(batch, 2),
                new BatchGradient(Gradient.of(shifted.gradient().get(0), shifted.gradient().get(1)), batch.loss()));
        for (BatchGradient mutant : mutants) {
            CrossCheck verdict = CrossCheck.compare(data, theta, dataType,
                    mutant, average, reference, referenceAverage);
            assertFalse(verdict.ok(), "mutant " + mutant + " passed: " + verdict);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    @DisplayName("at n = 40, a batch gradient computed on n - 1 samples fails")
    void oneSampleShortFails(DataType dataType) {
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        LinearData notebook = LinearData.notebook();
        double[] x1 = Arrays.copyOf(notebook.x1(), 39);
        double[] eps = Arrays.copyOf(notebook.eps(), 39);
        double[] y = Arrays.copyOf(notebook.y(), 39);
        BatchGradient short39 =
                autograd.batch(new LinearData(45, x1, eps, y).features(), Theta.zeros(1));
        CrossCheck verdict = CrossCheck.compare(NOTEBOOK, Theta.zeros(1), dataType,
                new BatchGradient(Gradient.of(short39.gradient().get(0), short39.gradient().get(1)),
                        autograd.batch(NOTEBOOK, Theta.zeros(1)).loss()),
                autograd.perSample(NOTEBOOK, Theta.zeros(1)).average(),
                ReferenceGradients.batch(NOTEBOOK, Theta.zeros(1)),
                ReferenceGradients.average(ReferenceGradients.perSample(NOTEBOOK, Theta.zeros(1))));
        assertFalse(verdict.ok(), verdict.toString());
    }

    static List<DataType> types() {
        return List.of(DataType.FLOAT32, DataType.FLOAT64);
    }

    @Test
    @DisplayName("every tolerance stays below 1e-4 of its value plus 1e-6, for n up to 10^7")
    void tolerancesStaySmall() {
        for (int n : new int[] {40, 1000, 100_000, 1_000_000, 10_000_000}) {
            FeatureData data = LinearData.generate(45, n).features();
            for (Theta theta : List.of(Theta.zeros(1), Theta.of(1, -2))) {
                BatchGradient value = ReferenceGradients.batch(data, theta);
                for (DataType dataType : types()) {
                    RoundingBound.Tolerances tolerance =
                            RoundingBound.crossCheck(data, theta, CrossCheck.precision(dataType));
                    String where = "n = " + n + ", " + theta + ", " + dataType;
                    assertAll(where,
                            () -> assertTrue(tolerance.gradient()[0]
                                    < 1e-4 * Math.abs(value.gradient().get(0)) + 1e-6, where),
                            () -> assertTrue(tolerance.gradient()[1]
                                    < 1e-4 * Math.abs(value.gradient().get(1)) + 1e-6, where),
                            () -> assertTrue(tolerance.loss()
                                    < 1e-4 * Math.abs(value.loss()) + 1e-6, where),
                            () -> assertTrue(tolerance.average()[0]
                                    < 1e-4 * Math.abs(value.gradient().get(0)) + 1e-6, where),
                            () -> assertTrue(tolerance.average()[1]
                                    < 1e-4 * Math.abs(value.gradient().get(1)) + 1e-6, where));
                }
            }
        }
    }

    @Test
    @DisplayName("at n = 5 * 10^6 a negated gradient fails (it passed the old single worst-case tolerance)")
    void signErrorFailsAtMillions() {
        FeatureData data = LinearData.generate(45, 5_000_000).features();
        BatchGradient reference = ReferenceGradients.batch(data, Theta.zeros(1));
        Gradient average = ReferenceGradients.average(ReferenceGradients.perSample(data, Theta.zeros(1)));
        assertFalse(CrossCheck.compare(data, Theta.zeros(1), DataType.FLOAT32,
                scaled(reference, -1), average, reference, average).ok());
    }

    private static BatchGradient scaled(BatchGradient batch, double factor) {
        return new BatchGradient(Gradient.of(factor * batch.gradient().get(0), factor * batch.gradient().get(1)),
                batch.loss());
    }
}
