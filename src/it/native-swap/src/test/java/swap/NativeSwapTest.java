package swap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;

import org.junit.jupiter.api.Test;

/** The engine loads from the native library the consumer declared, and sgd-lab runs on it. */
class NativeSwapTest {

    @Test
    void perSampleRunsOnTheDeclaredNativeLibrary() {
        assertEquals("2.7.1", Engine.getEngine("PyTorch").getVersion());
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear linear = Linear.builder().setUnits(2).build();
            linear.initialize(manager, DataType.FLOAT32, new Shape(1, 3));
            NDArray x = manager.ones(new Shape(5, 3));
            NDArray y = manager.zeros(new Shape(5, 2));
            try (PerSampleResult result = PerSample.builder(linear, PerSampleLoss.squaredError())
                    .build().compute(new NDList(x), y)) {
                String weight = result.parameterNames().get(0);   // the weight, then the bias
                assertEquals(new Shape(5, 2, 3), result.gradient(weight).getShape());
            }
        }
    }
}
