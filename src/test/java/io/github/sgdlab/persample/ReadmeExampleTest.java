package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;

import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The README's example, as it is printed there, runs and gives what its comments say. */
class ReadmeExampleTest {

    @Test
    @DisplayName("the README's MLP example runs as printed")
    void readmeExample() {
        // --- README example, from here ---
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SequentialBlock mlp = new SequentialBlock()
                    .add(Linear.builder().setUnits(64).build())
                    .add(Activation::relu)
                    .add(Linear.builder().setUnits(10).build());
            mlp.initialize(manager, DataType.FLOAT32, new Shape(1, 20));

            NDArray x = manager.randomNormal(new Shape(1024, 20));                 // 1024 samples
            NDArray classes = manager.randomInteger(0, 10, new Shape(1024), DataType.INT64);

            PerSample perSample = PerSample.builder(mlp, PerSampleLoss.softmaxCrossEntropy())
                    .build();                              // AUTO: VECTORIZED for this block
            try (PerSampleResult result = perSample.compute(new NDList(x), classes)) {
                System.out.println(result.strategy());                     // VECTORIZED
                System.out.println(result.parameterNames());
                // [01Linear_weight, 01Linear_bias, 03Linear_weight, 03Linear_bias]
                NDArray dW = result.gradient("01Linear_weight");           // [1024, 64, 20]
                NDArray norms = result.norms();                           // [1024], for clipping
                NDArray noise = result.variance("01Linear_weight");       // [64, 20]

                // The notebook's claim, for any model: the mean per-sample gradient is the batch
                // gradient of the mean loss.
                Map<String, NDArray> batch = perSample.batchGradients(new NDList(x), classes);
                System.out.println(batch.get("01Linear_weight")
                        .allClose(result.mean("01Linear_weight"), 1e-4, 1e-6, false));  // true
        // --- to here ---
                assertEquals(Strategy.VECTORIZED, result.strategy());
                assertEquals(new Shape(1024, 64, 20), dW.getShape());
                assertEquals(new Shape(1024), norms.getShape());
                assertEquals(new Shape(64, 20), noise.getShape());
                assertEquals(true, batch.get("01Linear_weight")
                        .allClose(result.mean("01Linear_weight"), 1e-4, 1e-6, false));
            }
        }
    }
}
