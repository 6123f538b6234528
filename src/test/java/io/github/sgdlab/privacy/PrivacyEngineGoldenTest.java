package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.persample.PerSampleLoss;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

/**
 * At noise 0 the private gradient equals Opacus 1.4.0's (float64, flat and per-layer clipping,
 * divided by the expected batch size) within 1e-10 relative: values from
 * src/test/python/dp_sgd_golden.py.
 */
class PrivacyEngineGoldenTest extends EngineTest {

    private static final double RELATIVE = 1e-10;

    static PrivacyEngine engine(GoldenModels.Case c, String clipping, PerSampleLoss loss) {
        return PrivacyEngine.builder()
                .setLoss(loss)
                .setMaxGradNorm(c.maxGradNorm(clipping))
                .setNoiseMultiplier(0)
                .setSampleRate(0.01)
                .setExpectedBatchSize(c.expectedBatchSize())
                .optClipping(clipping.equals("flat") ? Clipping.FLAT : Clipping.PER_LAYER)
                .optAccountant("rdp")
                .build();
    }

    static void assertGolden(GoldenModels.Case c, String clipping) {
        List<Parameter> parameters = c.parameters();
        for (int p = 0; p < parameters.size(); p++) {
            double[] expected = c.expected(clipping, p);
            double[] actual;
            try (NDArray gradient = parameters.get(p).getArray().getGradient()) {
                actual = gradient.toDoubleArray();
            }
            double scale = 0;
            for (double e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            assertTrue(scale > 0, "a golden gradient is zero: the test would prove nothing");
            int parameter = p;
            for (int i = 0; i < expected.length; i++) {
                double error = Math.abs(actual[i] - expected[i]);
                int index = i;
                assertTrue(error <= RELATIVE * scale, () -> c.name() + " " + clipping + " parameter "
                        + parameter + " #" + index + ": " + actual[index] + " vs Opacus "
                        + expected[index]);
            }
        }
    }

    static List<double[]> values(GoldenModels.Case c) {
        List<double[]> values = new ArrayList<>();
        for (Parameter parameter : c.parameters()) {
            values.add(parameter.getArray().toDoubleArray());
        }
        return values;
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp, flat", "mlp, per_layer", "cnn, flat", "cnn, per_layer"})
    @DisplayName("a fresh block's first step (no backward pass before) writes Opacus's gradient")
    void matchesOpacusBeforeAnyBackward(String model, String clipping) {
        try (NDManager scope = manager.newSubManager()) {
            GoldenModels.Case c = GoldenModels.load(model, scope);
            List<double[]> before = values(c);
            engine(c, clipping, PerSampleLoss.softmaxCrossEntropy())
                    .step(c.block(), c.inputs(), c.labels());
            assertGolden(c, clipping);
            List<double[]> after = values(c);
            for (int p = 0; p < before.size(); p++) {
                assertArrayEquals(before.get(p), after.get(p), 0.0, "parameter values changed");
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"mlp, flat", "cnn, per_layer"})
    @DisplayName("the step replaces a gradient that a backward pass left, instead of adding to it")
    void replacesExistingGradient(String model, String clipping) {
        try (NDManager scope = manager.newSubManager()) {
            GoldenModels.Case c = GoldenModels.load(model, scope);
            try (GradientCollector collector = CollectorGate.open(scope.getEngine());
                    NDManager graph = scope.newSubManager()) {
                NDArray total = null;
                for (Parameter parameter : c.parameters()) {
                    NDArray square = parameter.getArray().square().sum();
                    square.attach(graph);
                    total = total == null ? square : total.add(square);
                }
                collector.backward(total);
            }
            engine(c, clipping, PerSampleLoss.softmaxCrossEntropy())
                    .step(c.block(), c.inputs(), c.labels());
            assertGolden(c, clipping);
        }
    }

    @ParameterizedTest(name = "{0} {1} chunks of {2}")
    @CsvSource({"mlp, flat, 3", "mlp, per_layer, 1", "cnn, flat, 2", "cnn, per_layer, 4"})
    @DisplayName("chunks of at most k samples give the unchunked gradient within rounding")
    void chunked(String model, String clipping, int chunk) {
        try (NDManager scope = manager.newSubManager()) {
            GoldenModels.Case c = GoldenModels.load(model, scope);
            PrivacyEngine engine = PrivacyEngine.builder()
                    .setLoss(PerSampleLoss.softmaxCrossEntropy())
                    .setMaxGradNorm(c.maxGradNorm(clipping))
                    .setNoiseMultiplier(0)
                    .setSampleRate(0.01)
                    .setExpectedBatchSize(c.expectedBatchSize())
                    .optClipping(clipping.equals("flat") ? Clipping.FLAT : Clipping.PER_LAYER)
                    .optAccountant("rdp")
                    .optMaxPhysicalBatchSize(chunk)
                    .build();
            engine.step(c.block(), c.inputs(), c.labels());
            assertGolden(c, clipping);
        }
    }

    @ParameterizedTest(name = "{0} {1}, ghost {2}")
    @CsvSource({"mlp, flat, false", "cnn, per_layer, false", "mlp, per_layer, true",
        "cnn, flat, true"})
    @DisplayName("a garbage collection between the forward and the backward pass changes nothing")
    void garbageCollectionBetweenForwardAndBackward(String model, String clipping, boolean ghost) {
        PerSampleLoss crossEntropy = PerSampleLoss.softmaxCrossEntropy();
        PerSampleLoss collecting = (NDList labels, NDList predictions) -> {
            NDArray losses = crossEntropy.apply(labels, predictions);
            System.gc(); // frees any direct buffer the graph borrowed without keeping it
            System.runFinalization();
            System.gc();
            return losses;
        };
        try (NDManager scope = manager.newSubManager()) {
            GoldenModels.Case c = GoldenModels.load(model, scope);
            PrivacyEngine engine = ghost
                    ? GhostClippingTest.engine(c.maxGradNorm(clipping),
                            clipping.equals("flat") ? Clipping.FLAT : Clipping.PER_LAYER,
                            c.expectedBatchSize(), true, collecting)
                    : engine(c, clipping, collecting);
            engine.step(c.block(), c.inputs(), c.labels());
            assertGolden(c, clipping);
        }
    }
}
