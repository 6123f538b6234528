package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.loss.HingeLoss;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import io.github.sgdlab.EngineTest;

import java.util.function.BiFunction;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link PerSampleLoss#from}: for each of DJL's built-in losses and settings, the mean of the
 * per-sample losses is DJL's own loss of the batch, and each value is that sample's loss alone.
 */
class PerSampleLossFromTest extends EngineTest {

    /** Predictions and labels of n samples for one loss. */
    private interface Data extends BiFunction<NDManager, DataType, NDList[]> {}

    private static NDList[] normal(NDManager m, DataType t, Shape predictions, Shape labels) {
        return new NDList[] {new NDList(m.randomNormal(labels, t)),
            new NDList(m.randomNormal(predictions, t))};
    }

    private static NDList[] classes(NDManager m, DataType t, Shape predictions, Shape labels,
            int classes) {
        return new NDList[] {new NDList(m.randomInteger(0, classes, labels, DataType.INT64)),
            new NDList(m.randomNormal(predictions, t))};
    }

    private static Arguments loss(String name, Loss loss, Data data) {
        return Arguments.of(Named.of(name, loss), data);
    }

    static Stream<Arguments> losses() {
        return Stream.of(
                loss("L2Loss (weight 1/2), [n, 3]", new L2Loss(),
                        (m, t) -> normal(m, t, new Shape(5, 3), new Shape(5, 3))),
                loss("L2Loss weight 0.3, [n, 2, 3], labels [n, 6]", new L2Loss("l2", 0.3f),
                        (m, t) -> normal(m, t, new Shape(5, 2, 3), new Shape(5, 6))),
                loss("L1Loss, [n, 4]", new L1Loss(),
                        (m, t) -> normal(m, t, new Shape(5, 4), new Shape(5, 4))),
                loss("L1Loss, [n, 1], labels [n]", new L1Loss("l1", 1f),
                        (m, t) -> normal(m, t, new Shape(5, 1), new Shape(5))),
                loss("SoftmaxCrossEntropyLoss (sparse, from logits)", new SoftmaxCrossEntropyLoss(),
                        (m, t) -> classes(m, t, new Shape(6, 4), new Shape(6), 4)),
                loss("SoftmaxCrossEntropyLoss weight 0.7, labels [n, 1]",
                        new SoftmaxCrossEntropyLoss("sce", 0.7f, -1, true, true),
                        (m, t) -> classes(m, t, new Shape(6, 4), new Shape(6, 1), 4)),
                loss("SoftmaxCrossEntropyLoss, not fromLogit (log-probabilities given)",
                        new SoftmaxCrossEntropyLoss("sce", 1f, -1, true, false),
                        (m, t) -> {
                            NDList[] d = classes(m, t, new Shape(6, 4), new Shape(6), 4);
                            return new NDList[] {d[0],
                                new NDList(d[1].head().logSoftmax(1))};
                        }),
                loss("SoftmaxCrossEntropyLoss, dense labels (distributions)",
                        new SoftmaxCrossEntropyLoss("sce", 1f, -1, false, true),
                        (m, t) -> new NDList[] {
                            new NDList(m.randomNormal(new Shape(6, 4), t).softmax(1)),
                            new NDList(m.randomNormal(new Shape(6, 4), t))}),
                loss("SoftmaxCrossEntropyLoss, class axis 1 of [n, C, T], labels [n, 1, T]",
                        new SoftmaxCrossEntropyLoss("sce", 1f, 1, true, true),
                        (m, t) -> classes(m, t, new Shape(5, 4, 3), new Shape(5, 1, 3), 4)),
                loss("SigmoidBinaryCrossEntropyLoss (from logits)",
                        new SigmoidBinaryCrossEntropyLoss(),
                        (m, t) -> new NDList[] {
                            new NDList(m.randomInteger(0, 2, new Shape(7, 2), DataType.INT64)
                                    .toType(t, false)),
                            new NDList(m.randomNormal(new Shape(7, 2), t))}),
                loss("SigmoidBinaryCrossEntropyLoss weight 1.5, fromSigmoid",
                        new SigmoidBinaryCrossEntropyLoss("bce", 1.5f, true),
                        (m, t) -> new NDList[] {
                            new NDList(m.randomUniform(0, 1, new Shape(7, 1), t)),
                            new NDList(m.randomUniform(0.01f, 0.99f, new Shape(7, 1), t))}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("losses")
    @DisplayName("mean of the per-sample losses = DJL's loss of the batch; each = the sample's own")
    void meanIsDjlsLoss(Loss loss, Data data) {
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            double tolerance = type == DataType.FLOAT64 ? 1e-12 : 1e-5;
            try (NDManager scope = manager.newSubManager()) {
                NDList[] batch = data.apply(scope, type);
                NDList labels = batch[0];
                NDList predictions = batch[1];
                NDArray perSample = PerSampleLoss.from(loss).apply(labels, predictions);
                long n = predictions.head().getShape().get(0);
                assertEquals(new Shape(n), perSample.getShape());
                double djl = loss.evaluate(labels, predictions).toType(DataType.FLOAT64, false)
                        .getDouble();
                double mean = perSample.toType(DataType.FLOAT64, false).mean().getDouble();
                assertEquals(djl, mean, tolerance * Math.max(1, Math.abs(djl)), "mean");
                double[] values = perSample.toType(DataType.FLOAT64, false).toDoubleArray();
                for (int i = 0; i < n; i++) {
                    NDList label = new NDList(labels.head().get(i + ":" + (i + 1)));
                    NDList prediction = new NDList(predictions.head().get(i + ":" + (i + 1)));
                    double own = loss.evaluate(label, prediction).toType(DataType.FLOAT64, false)
                            .getDouble();
                    assertEquals(own, values[i], tolerance * Math.max(1, Math.abs(own)),
                            "sample " + i);
                }
            }
        }
    }

    @Test
    @DisplayName("any other Loss: refused, naming its class and how to write a PerSampleLoss")
    void otherLossesRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PerSampleLoss.from(new HingeLoss()));
        assertTrue(e.getMessage().contains("ai.djl.training.loss.HingeLoss"), e.getMessage());
        assertTrue(e.getMessage().contains("(labels, predictions) ->"), e.getMessage());
        assertTrue(e.getMessage().contains("one loss per sample"), e.getMessage());
        // A subclass may compute something else: refused too.
        Loss subclass = new L2Loss() { };
        assertThrows(IllegalArgumentException.class, () -> PerSampleLoss.from(subclass));
    }

    @Test
    @DisplayName("L1Loss with a weight: refused, since DJL 0.36 then weighs the label, not the loss")
    void weightedL1Refused() {
        try (NDManager scope = manager.newSubManager()) {
            // DJL's own value: weight times the mean label, whatever the predictions.
            NDList labels = new NDList(scope.create(new double[] {1, 2, 3}));
            NDList predictions = new NDList(scope.create(new double[] {0.5, 2.5, 1}, new Shape(3, 1)));
            assertEquals(5.0, new L1Loss("l1", 2.5f).evaluate(labels, predictions).getDouble());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerSampleLoss.from(new L1Loss("l1", 2.5f)));
            assertTrue(e.getMessage().contains("multiplies the label"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a class axis that is the sample axis: refused")
    void classAxisZeroRefused() {
        try (NDManager scope = manager.newSubManager()) {
            PerSampleLoss loss = PerSampleLoss.from(
                    new SoftmaxCrossEntropyLoss("sce", 1f, 0, true, true));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> loss.apply(new NDList(scope.zeros(new Shape(3), DataType.INT64)),
                            new NDList(scope.randomNormal(new Shape(3, 4)))));
            assertTrue(e.getMessage().contains("sample axis"), e.getMessage());
        }
    }

    @Test
    @DisplayName("a loss returning one value for the batch: the message says so and points at from")
    void oneValueForTheBatch() {
        try (NDManager scope = manager.newSubManager()) {
            Block block = Architectures.init(manager, DataType.FLOAT32,
                    Linear.builder().setUnits(2).build(), 3);
            NDList inputs = new NDList(scope.randomNormal(new Shape(4, 3)));
            NDArray labels = scope.randomNormal(new Shape(4, 2));
            Loss djl = Loss.l1Loss();
            for (Strategy strategy : new Strategy[] {Strategy.LOOP, Strategy.VECTORIZED}) {
                PerSample perSample = PerSample.builder(block, djl::evaluate)
                        .optStrategy(strategy).build();
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> perSample.compute(inputs, labels));
                assertTrue(e.getMessage().contains("returned one value"), e.getMessage());
                assertTrue(e.getMessage().contains("PerSampleLoss.from(loss)"), e.getMessage());
            }
            // Its per-sample form works.
            PerSample fixed = PerSample.builder(block, PerSampleLoss.from(djl)).build();
            try (PerSampleResult result = fixed.compute(inputs, labels)) {
                assertEquals(4, result.size());
            }
        }
    }
}
