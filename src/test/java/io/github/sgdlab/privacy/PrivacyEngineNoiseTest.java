package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
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
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.util.Pair;

import io.github.sgdlab.persample.PerSampleLoss;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

/**
 * The noise: {@code N(0, (σC)²)/B} on every coordinate (σ·C·√P for per-layer clipping), from the
 * seeded, unseeded and secure generators; seeds reproduce bit for bit; the accountant is stepped
 * once per step; bad settings are refused.
 */
class PrivacyEngineNoiseTest extends EngineTest {

    private static final double SIGMA = 1.3;
    private static final double C = 0.7;
    private static final int B = 32;

    /** MLP 784-128-10 in the given type: 101,770 coordinates of noise per step. */
    static Block mlp(NDManager manager, DataType type) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(10).build());
        block.setInitializer(new NormalInitializer(0.05f), p -> true);
        block.initialize(manager, type, new Shape(1, 784));
        return block;
    }

    static PrivacyEngine.Builder builder(double sigma) {
        return PrivacyEngine.builder()
                .setLoss(PerSampleLoss.softmaxCrossEntropy())
                .setMaxGradNorm(C)
                .setNoiseMultiplier(sigma)
                .setSampleRate(B / 1000.0)
                .setExpectedBatchSize(B)
                .optAccountant("rdp");
    }

    /** The trainable parameters' gradients, concatenated in the block's order. */
    static double[] gradients(Block block) {
        List<double[]> parts = new ArrayList<>();
        int total = 0;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (!parameter.getValue().requiresGradient()) {
                continue; // frozen: no gradient
            }
            try (NDArray gradient = parameter.getValue().getArray().getGradient()) {
                double[] values = gradient.toType(DataType.FLOAT64, false).toDoubleArray();
                parts.add(values);
                total += values.length;
            }
        }
        double[] all = new double[total];
        int at = 0;
        for (double[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    static NDList emptyInputs(NDManager manager, DataType type) {
        return new NDList(manager.zeros(new Shape(0, 784), type));
    }

    /** Asserts the values are independent draws of N(0, std²): mean, variance, two quantiles. */
    static void assertNormal(double[] values, double std) {
        int n = values.length;
        double mean = 0;
        for (double v : values) {
            mean += v;
        }
        mean /= n;
        double variance = 0;
        int within1 = 0;
        int within2 = 0;
        for (double v : values) {
            variance += v * v;
            within1 += Math.abs(v) < std ? 1 : 0;
            within2 += Math.abs(v) < 2 * std ? 1 : 0;
        }
        variance /= n;
        // Five standard errors each: a correct generator fails one of these about once in 10^5.
        assertTrue(Math.abs(mean) < 5 * std / Math.sqrt(n), "mean " + mean + " for std " + std);
        assertEquals(1.0, variance / (std * std), 5 * Math.sqrt(2.0 / n),
                "variance ratio, std " + std);
        double p1 = 0.6826894921370859;
        double p2 = 0.9544997361036416;
        assertEquals(p1, within1 / (double) n, 5 * Math.sqrt(p1 * (1 - p1) / n), "P(|z| < 1)");
        assertEquals(p2, within2 / (double) n, 5 * Math.sqrt(p2 * (1 - p2) / n), "P(|z| < 2)");
    }

    @ParameterizedTest(name = "{0}, {1}, {2}")
    @CsvSource({"FLAT, seeded, FLOAT32", "PER_LAYER, seeded, FLOAT64", "FLAT, secure, FLOAT64",
        "FLAT, unseeded, FLOAT32"})
    @DisplayName("an empty batch's gradient is the noise alone, N(0, (σC)²)/B per coordinate")
    void emptyBatchIsNoise(Clipping clipping, String generator, DataType type) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = mlp(scope, type);
            PrivacyEngine.Builder builder = builder(SIGMA).optClipping(clipping);
            if (generator.equals("seeded")) {
                builder.optSeed(7);
            } else if (generator.equals("secure")) {
                builder.optSecureMode(true);
            }
            PrivacyEngine engine = builder.build();
            engine.step(block, emptyInputs(scope, type), scope.zeros(new Shape(0), DataType.INT64));
            double std = SIGMA * C / B * (clipping == Clipping.PER_LAYER ? 2 : 1); // √4 parameters
            assertEquals(SIGMA * C * (clipping == Clipping.PER_LAYER ? 2 : 1),
                    engine.noiseStd(block), 1e-15);
            assertNormal(gradients(block), std);
        }
    }

    @Test
    @DisplayName("with data, the noise is added to the clipped sum and divided by the expected B")
    void noiseAddedToClippedSum() {
        try (NDManager scope = manager.newSubManager()) {
            Block block = mlp(scope, DataType.FLOAT64);
            NDList x = new NDList(scope.randomNormal(new Shape(12, 784), DataType.FLOAT64));
            NDArray y = scope.randomInteger(0, 10, new Shape(12), DataType.INT64);
            builder(0).build().step(block, x, y);
            double[] clean = gradients(block);
            builder(SIGMA).optSeed(3).build().step(block, x, y);
            double[] noisy = gradients(block);
            double[] difference = new double[clean.length];
            for (int i = 0; i < clean.length; i++) {
                difference[i] = noisy[i] - clean[i];
            }
            assertNormal(difference, SIGMA * C / B);
        }
    }

    @Test
    @DisplayName("the same seed gives the same gradient bit for bit, another seed another")
    void seededIsReproducible() {
        try (NDManager scope = manager.newSubManager()) {
            Block block = mlp(scope, DataType.FLOAT32);
            NDList x = new NDList(scope.randomNormal(new Shape(5, 784)));
            NDArray y = scope.randomInteger(0, 10, new Shape(5), DataType.INT64);
            double[][] runs = new double[3][];
            long[] seeds = {11, 11, 12};
            for (int r = 0; r < 3; r++) {
                PrivacyEngine engine = builder(SIGMA).optSeed(seeds[r]).build();
                engine.step(block, x, y);
                engine.step(block, x, y); // the second step's noise continues the stream
                runs[r] = gradients(block);
            }
            assertArrayEquals(runs[0], runs[1], 0.0);
            assertFalse(java.util.Arrays.equals(runs[0], runs[2]));
        }
    }

    @Test
    @DisplayName("each step, empty or not, is one accountant step (σ, q); ε is the accountant's")
    void accountsEveryStep() {
        List<double[]> history = new ArrayList<>();
        PrivacyAccountant recording = new PrivacyAccountant() {
            @Override
            public void step(double noiseMultiplier, double sampleRate) {
                history.add(new double[] {noiseMultiplier, sampleRate, 1});
            }

            @Override
            public void step(double noiseMultiplier, double sampleRate, long steps) {
                history.add(new double[] {noiseMultiplier, sampleRate, steps});
            }

            @Override
            public String mechanism() {
                return "recording";
            }

            @Override
            public double getEpsilon(double delta) {
                return history.size() + delta;
            }
        };
        try (NDManager scope = manager.newSubManager()) {
            Block block = mlp(scope, DataType.FLOAT32);
            PrivacyEngine engine = builder(SIGMA).optAccountant(recording).optSeed(1).build();
            NDList x = new NDList(scope.randomNormal(new Shape(3, 784)));
            NDArray y = scope.randomInteger(0, 10, new Shape(3), DataType.INT64);
            for (int k = 0; k < 4; k++) {
                engine.step(block, x, y);
            }
            engine.step(block, emptyInputs(scope, DataType.FLOAT32),
                    scope.zeros(new Shape(0), DataType.INT64));
            assertEquals(5, history.size());
            for (double[] entry : history) {
                assertArrayEquals(new double[] {SIGMA, B / 1000.0, 1}, entry, 0.0);
            }
            assertEquals(5 + 1e-5, engine.getEpsilon(1e-5), 0.0);
            assertEquals(recording, engine.getAccountant());
        }
    }

    @Test
    @DisplayName("missing or invalid settings are refused, naming the setting")
    void refusesBadSettings() {
        assertThrows(IllegalArgumentException.class, () -> PrivacyEngine.builder().build());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder(1).setMaxGradNorm(0)
                .build()).getMessage().contains("setMaxGradNorm"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder(1).setSampleRate(1.5)
                .build()).getMessage().contains("setSampleRate"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder(-1).build())
                .getMessage().contains("setNoiseMultiplier"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder(1)
                .setTargetEpsilon(3, 1e-5, 2).build()).getMessage().contains("not both"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> builder(1).optSeed(1)
                .optSecureMode(true).build()).getMessage().contains("optSecureMode"));
        assertThrows(IllegalArgumentException.class, () -> builder(1).optAccountant("gdp").build());
        assertThrows(IllegalArgumentException.class,
                () -> builder(1).optMaxPhysicalBatchSize(0));
    }
}
