package io.github.sgdlab.descent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.autograd.CollectorGate;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The descent's seeded backward pass against DJL's own. */
class SeededBackwardTest extends EngineTest {

    @Test
    @DisplayName("gives the gradient GradientCollector.backward gives, in both types, and leaves "
            + "no seed behind per pass")
    void sameGradientAsTheCollector() {
        for (DataType type : new DataType[] {DataType.FLOAT64, DataType.FLOAT32}) {
            try (NDManager manager = newManager()) {
                NDArray x = manager.create(new double[] {0.5, -1.25, 3.0}).toType(type, false);
                NDArray w = manager.create(new double[] {2.0, 0.75, -0.5}).toType(type, false);
                w.setRequiresGradient(true);
                        try (GradientCollector collector = CollectorGate.open(manager.getEngine())) {
                    collector.backward(x.mul(w).sum().square());
                }
                double[] byCollector;
                NDArray gradient = w.getGradient();
                byCollector = gradient.toType(DataType.FLOAT64, false).toDoubleArray();

                SeededBackward seeded = new SeededBackward(manager, type);
                int arrays = manager.getManagedArrays().size();
                for (int pass = 0; pass < 3; pass++) {
                    gradient.subi(gradient);
                    try (GradientCollector collector = CollectorGate.open(manager.getEngine());
                            NDArray products = x.mul(w);
                            NDArray sum = products.sum();
                            NDArray loss = sum.square()) {
                        seeded.backward(loss);
                    }
                }
                int after = manager.getManagedArrays().size();
                double[] bySeed = gradient.toType(DataType.FLOAT64, false).toDoubleArray();
                assertTrue(byCollector[0] != 0, "a gradient to compare");
                assertArrayEquals(byCollector, bySeed, 0.0, type.toString());
                // The collector's backward leaves a ones array on the manager per pass; this
                // leaves none.
                assertEquals(arrays, after, type.toString());
            }
        }
    }
}
