package io.github.sgdlab.linear;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.grad.GradientComparison;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.persample.Strategy;

import io.github.sgdlab.data.LinearData;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The d-feature per-sample strategies against each other: the general engine's loop (a DJL
 * Linear with d inputs, one sample at a time) and the chunked one-backward-pass path.
 */
class FeatureStrategiesTest extends EngineTest {

    @AfterEach
    void nothingLeaks() {
        assertTrue(manager.getManagedArrays().isEmpty(), "arrays left on the caller's manager");
    }

    /** n samples of d features in [-2, 2), y = 1 + Σ (j + 1)·x_j + N(0, 1). */
    static FeatureData data(int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[n][d];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1 + random.nextGaussian();
            for (int j = 0; j < d; j++) {
                x[i][j] = random.nextDouble() * 4 - 2;
                y[i] += (j + 1) * x[i][j];
            }
        }
        return FeatureData.of(x, y);
    }

    private static Theta theta(int d) {
        double[] t = new double[d + 1];
        for (int j = 0; j <= d; j++) {
            t[j] = 0.3 * j - 0.7;
        }
        return Theta.of(t);
    }

    private static DataType type(String name) {
        return name.equals("float32") ? DataType.FLOAT32 : DataType.FLOAT64;
    }

    /** Every per-sample gradient of the strategy, streamed into whole columns. */
    private static double[][] perSample(DataType type, FeatureData data, Theta theta,
            Strategy strategy) {
        double[][] all = new double[data.features() + 1][data.samples()];
        int[] next = {0};
        AutogradGradients.builder(manager).optDataType(type).build()
                .perSample(data, theta, strategy, done -> { }, (from, m, chunk) -> {
                    assertEquals(next[0], from, "chunks come in sample order");
                    for (int j = 0; j < all.length; j++) {
                        System.arraycopy(chunk[j], 0, all[j], from, m);
                    }
                    next[0] = from + m;
                });
        assertEquals(data.samples(), next[0]);
        return all;
    }

    @ParameterizedTest(name = "d = {0}, {1}")
    @CsvSource({"1, float32", "1, float64", "3, float32", "3, float64", "8, float32",
        "8, float64"})
    @DisplayName("up to 8 features the loop's per-sample gradients, average and spread equal the"
            + " chunked pass's, bit for bit")
    void loopEqualsChunkedBitForBit(int d, String name) {
        DataType type = type(name);
        FeatureData data = data(3001, d, 11 + d);
        Theta theta = theta(d);
        double[][] loop = perSample(type, data, theta, Strategy.LOOP);
        double[][] vectorized = perSample(type, data, theta, Strategy.VECTORIZED);
        for (int j = 0; j <= d; j++) {
            assertArrayEquals(vectorized[j], loop[j], "theta_" + j);
        }
        PerSampleGradients kept = AutogradGradients.builder(manager).optDataType(type)
                .build().perSample(data, theta);
        for (int j = 0; j <= d; j++) {
            assertArrayEquals(kept.gradient(j), vectorized[j], "theta_" + j);
        }
        GradientComparison a = GradientComparison.compute(manager, data, theta, type,
                Strategy.LOOP, done -> { }, PerSampleSink.NONE);
        GradientComparison b = GradientComparison.compute(manager, data, theta, type);
        assertEquals(b, a);
    }

    @Test
    @DisplayName("with d = 1 the streamed loop gives the held gradients' pairs, average and"
            + " spread, bit for bit")
    void oneFeatureStreamedIsHeld() {
        FeatureData generated = LinearData.generate(2024, 999).features();
        Theta pair = Theta.of(1.5, -2);
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            PerSampleGradients expected = AutogradGradients.builder(manager).optDataType(type)
                    .build().perSample(generated, pair);
            List<double[]> rows = new ArrayList<>();
            GradientComparison actual = GradientComparison.compute(manager, generated, pair,
                    type, Strategy.LOOP, done -> { }, (from, m, chunk) -> {
                        for (int i = 0; i < m; i++) {
                            rows.add(new double[] {chunk[0][i], chunk[1][i]});
                        }
                    });
            double[] g0 = rows.stream().mapToDouble(r -> r[0]).toArray();
            double[] g1 = rows.stream().mapToDouble(r -> r[1]).toArray();
            assertEquals(expected, new PerSampleGradients(new double[][] {g0, g1}));
            assertEquals(expected.average(), actual.perSampleAverage());
            assertEquals(expected.spread(), actual.perSampleStd());
        }
    }

    /**
     * With 16 features libtorch's matrix product for one sample may sum the prediction in another
     * order than the chunked pass's left-to-right sum, so the two may differ in the last bits
     * (whether they do depends on the libtorch build and the CPU, so the test does not ask). Both
     * predictions are within γ_(d+1)·S_i of the exact sum, S_i = |θ0| + Σ|θj·x_ij| (a sum of
     * d + 1 terms in any order), so they differ by at most 2γ_(d+1)·S_i; the residual's and the
     * gradient's own roundings (u each, on values at most |y_i| + S_i larger) add the rest:
     * |Δg_ij| ≤ 2|x_ij|·(2γ_(d+1)·S_i + 2u·(S_i + |y_i|)) + 2u·|g_ij|, x_i0 = 1.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"float32", "float64"})
    @DisplayName("with 16 features loop and chunked pass agree within the rounding bound of the"
            + " prediction's summation order")
    void manyFeaturesWithinRoundingBound(String name) {
        DataType type = type(name);
        int d = 16;
        FeatureData data = data(2000, d, 5);
        Theta theta = theta(d);
        double[][] loop = perSample(type, data, theta, Strategy.LOOP);
        double[][] vectorized = perSample(type, data, theta, Strategy.VECTORIZED);
        double u = type == DataType.FLOAT32 ? 0x1p-24 : 0x1p-53;
        double gamma = (d + 1) * u / (1 - (d + 1) * u);
        double[][] bound = new double[d + 1][data.samples()];
        for (int i = 0; i < data.samples(); i++) {
            double s = Math.abs(theta.get(0));
            for (int j = 1; j <= d; j++) {
                s += Math.abs(theta.get(j) * data.x(i, j - 1));
            }
            double residual = 2 * gamma * s + 2 * u * (s + Math.abs(data.y(i)));
            for (int j = 0; j <= d; j++) {
                double x = j == 0 ? 1 : Math.abs(data.x(i, j - 1));
                bound[j][i] = 2 * x * residual + 2 * u * Math.abs(vectorized[j][i]);
                double diff = Math.abs(loop[j][i] - vectorized[j][i]);
                assertTrue(diff <= bound[j][i], "sample " + i + ", theta_" + j + ": |diff| "
                        + diff + " > bound " + bound[j][i]);
            }
        }
        // Not vacuous, whatever this machine's libtorch happens to round: the bound is tight
        // enough to tell samples apart. Had the chunked pass given sample i the gradient of
        // sample i + 1, every sample would fail on some component.
        for (int i = 0; i + 1 < data.samples(); i++) {
            boolean caught = false;
            for (int j = 0; j <= d && !caught; j++) {
                caught = Math.abs(loop[j][i] - vectorized[j][i + 1]) > bound[j][i];
            }
            assertTrue(caught, "the bound cannot tell sample " + i + " from sample " + (i + 1));
        }
    }
}
