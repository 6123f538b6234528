package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.autograd.CollectorGate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The two per-sample losses, against values computed by hand in double precision. */
class PerSampleLossTest extends EngineTest {

    @Test
    @DisplayName("squaredError is (prediction - label)^2 per sample, with no factor 1/2")
    void squaredErrorOneOutput() {
        try (NDManager manager = newManager()) {
            NDArray predictions = manager.create(new double[] {1.0, -2.0, 0.5}, new Shape(3, 1));
            NDArray labels = manager.create(new double[] {4.0, 1.0, 0.5});
            NDArray loss = PerSampleLoss.squaredError()
                    .apply(new NDList(labels), new NDList(predictions));
            assertEquals(new Shape(3), loss.getShape());
            assertArrayEquals(new double[] {9.0, 9.0, 0.0}, loss.toDoubleArray());
        }
    }

    @Test
    @DisplayName("squaredError sums over output dimensions, each sample apart")
    void squaredErrorSeveralOutputs() {
        try (NDManager manager = newManager()) {
            NDArray predictions = manager.create(new double[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray labels = manager.create(new double[] {0, 0, 0, 4, 4, 4}, new Shape(2, 3));
            NDArray loss = PerSampleLoss.squaredError()
                    .apply(new NDList(labels), new NDList(predictions));
            assertArrayEquals(new double[] {1 + 4 + 9, 0 + 1 + 4}, loss.toDoubleArray());
        }
    }

    @Test
    @DisplayName("squaredError keeps a float32 model in float32 when the labels are float64")
    void squaredErrorKeepsTheType() {
        try (NDManager manager = newManager()) {
            NDArray predictions = manager.create(new float[] {0.1f, 0.2f}, new Shape(2, 1));
            NDArray labels = manager.create(new double[] {0.3, 0.4});
            NDArray loss = PerSampleLoss.squaredError()
                    .apply(new NDList(labels), new NDList(predictions));
            assertEquals(DataType.FLOAT32, loss.getDataType());
            float d0 = 0.1f - (float) 0.3;
            float d1 = 0.2f - (float) 0.4;
            assertArrayEquals(new float[] {d0 * d0, d1 * d1}, loss.toFloatArray());
        }
    }

    @Test
    @DisplayName("softmaxCrossEntropy is -log softmax at the label, and its gradient softmax - onehot")
    void softmaxCrossEntropy() {
        double[][] logits = {{1.0, 2.0, 3.0}, {-1.0, 0.5, 0.0}};
        int[] classes = {0, 2};
        try (NDManager manager = newManager();
                GradientCollector collector = CollectorGate.open(manager.getEngine())) {
            NDArray predictions = manager.create(
                    new double[] {1.0, 2.0, 3.0, -1.0, 0.5, 0.0}, new Shape(2, 3));
            predictions.setRequiresGradient(true);
            NDArray labels = manager.create(new int[] {0, 2});
            NDArray loss = PerSampleLoss.softmaxCrossEntropy()
                    .apply(new NDList(labels), new NDList(predictions));
            assertEquals(new Shape(2), loss.getShape());
            collector.backward(loss.sum());
            double[] gradient = predictions.getGradient().toDoubleArray();
            for (int i = 0; i < 2; i++) {
                double norm = 0;
                for (double z : logits[i]) {
                    norm += Math.exp(z);
                }
                double expected = Math.log(norm) - logits[i][classes[i]];
                assertEquals(expected, loss.getDouble(i), 1e-15, "loss of sample " + i);
                for (int c = 0; c < 3; c++) {
                    double softmax = Math.exp(logits[i][c]) / norm;
                    double want = softmax - (c == classes[i] ? 1 : 0);
                    assertEquals(want, gradient[i * 3 + c], 1e-15, "gradient " + i + "," + c);
                }
            }
        }
    }

    @Test
    @DisplayName("softmaxCrossEntropy names the problem when the shapes do not fit")
    void softmaxCrossEntropyShapes() {
        try (NDManager manager = newManager()) {
            NDArray predictions = manager.ones(new Shape(4, 3));
            NDArray labels = manager.create(new int[] {0, 1});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> PerSampleLoss.softmaxCrossEntropy()
                            .apply(new NDList(labels), new NDList(predictions)));
            assertTrue(e.getMessage().contains("one class index per sample"), e.getMessage());
        }
    }
}
