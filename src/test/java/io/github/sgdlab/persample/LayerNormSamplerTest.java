package io.github.sgdlab.persample;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.persample.Architectures.Case;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link LayerNormSampler}: VECTORIZED against LOOP and the mean against the batch gradient for
 * {@code LayerNorm} alone and between other layers, normalising all of a sample's axes or only the
 * last, with DJL's ε and a large one, with scale and centre off, in float32 and float64, for n = 1,
 * an odd n and a larger one; γ's and β's gradients against the formula worked by hand; the block
 * and memory left as found.
 */
class LayerNormSamplerTest extends EngineTest {

    @BeforeAll
    static void open() {
        Engine.getEngine("PyTorch").setRandomSeed(20241);
    }

    /** The block trees, each with its per-sample input shape and loss. */
    static List<Case> architectures() {
        return List.of(
                new Case("LayerNorm alone on [n, 6]",
                        t -> Architectures.init(manager, t, LayerNorm.builder().build(), 6),
                        new Shape(6), 0),
                new Case("LayerNorm alone on [n, 3, 4], both axes normalised",
                        t -> Architectures.init(manager, t, LayerNorm.builder().build(), 3, 4),
                        new Shape(3, 4), 0),
                new Case("Linear 8 -> LayerNorm -> ReLU -> Linear 3, cross-entropy",
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(Linear.builder().setUnits(8).build())
                                .add(LayerNorm.builder().build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(3).build()), 5),
                        new Shape(5), 3),
                // Normalises [n, 3, 6] over its last axis: γ's gradient sums over the middle one.
                new Case("Linear 6 on [n, 3, 5] -> LayerNorm of the last axis, epsilon 0.5 -> tanh"
                        + " -> flatten -> Linear 4, cross-entropy",
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(Linear.builder().setUnits(6).build())
                                .add(LayerNorm.builder().axis(2).optEpsilon(0.5f).build())
                                .add(Activation.tanhBlock())
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(4).build()), 3, 5),
                        new Shape(3, 5), 4),
                new Case("Linear 6 -> LayerNorm with scale and centre off -> sigmoid -> Linear 2",
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(Linear.builder().setUnits(6).build())
                                .add(LayerNorm.builder().optScale(false).optCenter(false).build())
                                .add(Activation.sigmoidBlock())
                                .add(Linear.builder().setUnits(2).build()), 4),
                        new Shape(4), 0));
    }

    static Stream<Arguments> cases() {
        return SamplerChecks.cases(architectures());
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("LayerNorm blocks: AUTO may vectorize; VECTORIZED equals the loop, mean = batch gradient")
    void agreesWithLoopAndBatch(Case architecture, DataType type, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = architecture.block().apply(type);
            SamplerChecks.agreesWithLoopAndBatch(block, architecture.loss(),
                    architecture.inputs(scope, type, n),
                    architecture.labels(scope, block, type, n));
        }
    }

    @Test
    @DisplayName("dgamma_i = g_i * xhat_i, dbeta_i = g_i, xhat with the layer's epsilon, by hand")
    void byHand() {
        int n = 3;
        int features = 4;
        float epsilon = 0.25f;
        try (NDManager scope = manager.newSubManager()) {
            LayerNorm layer = LayerNorm.builder().optEpsilon(epsilon).build();
            Architectures.init(scope, DataType.FLOAT64, layer, features);
            double[] x = {0.5, -1, 2, 0.25, 3, 3.5, -2, 1, -0.75, 0, 0.125, 4};
            double[] y = {1, 0, -1, 2, 0.5, 0.5, 0.5, 0.5, -3, 1, 0, 2};
            double[] gamma = layer.getParameters().get("gamma").getArray().toDoubleArray();
            double[] beta = layer.getParameters().get("beta").getArray().toDoubleArray();
            double[] expectedGamma = new double[n * features];
            double[] expectedBeta = new double[n * features];
            for (int i = 0; i < n; i++) {
                double mean = 0;
                for (int j = 0; j < features; j++) {
                    mean += x[i * features + j] / features;
                }
                double variance = 0;
                for (int j = 0; j < features; j++) {
                    double d = x[i * features + j] - mean;
                    variance += d * d / features;
                }
                for (int j = 0; j < features; j++) {
                    int k = i * features + j;
                    // The layer's epsilon, as a float, added to the population variance.
                    double normalised = (x[k] - mean) / Math.sqrt(variance + epsilon);
                    // squaredError: d/dz (z - y)^2 = 2 (z - y).
                    double g = 2 * (normalised * gamma[j] + beta[j] - y[k]);
                    expectedGamma[k] = g * normalised;
                    expectedBeta[k] = g;
                }
            }
            NDList inputs = new NDList(scope.create(x, new Shape(n, features)));
            NDArray labels = scope.create(y, new Shape(n, features));
            try (PerSampleResult result = PerSample.builder(layer, PerSampleLoss.squaredError())
                    .optStrategy(Strategy.VECTORIZED).build().compute(inputs, labels)) {
                Agreement.assertClose(scope.create(expectedGamma, new Shape(n, features)),
                        result.gradient("gamma"), "gamma");
                Agreement.assertClose(scope.create(expectedBeta, new Shape(n, features)),
                        result.gradient("beta"), "beta");
            }
        }
    }

    @Test
    @DisplayName("a LayerNorm call leaves parameters, their gradients and the managers as found")
    void leftAsFound() {
        try (NDManager blockManager = newManager()) {
            Block block = Architectures.init(blockManager, DataType.FLOAT32, new SequentialBlock()
                    .add(Linear.builder().setUnits(6).build())
                    .add(LayerNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build()), 4);
            NDManager caller = blockManager.newSubManager();
            SamplerChecks.leftAsFoundWithoutLeaks(block, PerSampleLoss.softmaxCrossEntropy(),
                    new NDList(caller.randomNormal(new Shape(5, 4))),
                    caller.randomInteger(0, 3, new Shape(5), DataType.INT64), blockManager);
            caller.close();
        }
    }
}
