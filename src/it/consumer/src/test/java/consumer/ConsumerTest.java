package consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.check.GradCheck;
import io.github.sgdlab.check.GradCheckResult;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A DJL project's own test of its model, with sgd-lab as its only dependency besides JUnit. */
class ConsumerTest {

    @Test
    @DisplayName("PerSample and GradCheck work on the consumer's own float64 MLP")
    void perSampleAndGradCheck() {
        Engine.getEngine("PyTorch").setRandomSeed(42);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            SequentialBlock mlp = new SequentialBlock()
                    .add(Linear.builder().setUnits(8).build())
                    .add(Activation::tanh)
                    .add(Linear.builder().setUnits(3).build());
            mlp.initialize(manager, DataType.FLOAT64, new Shape(1, 4));
            NDArray x = manager.randomNormal(0, 1, new Shape(16, 4), DataType.FLOAT64);
            NDArray labels = manager.randomInteger(0, 3, new Shape(16), DataType.INT64);
            NDList inputs = new NDList(x);
            PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();

            PerSample perSample = PerSample.builder(mlp, loss).build();
            try (PerSampleResult result = perSample.compute(inputs, labels)) {
                assertEquals(Strategy.VECTORIZED, result.strategy());
                assertEquals(List.of("01Linear_weight", "01Linear_bias", "03Linear_weight",
                        "03Linear_bias"), result.parameterNames());
                assertEquals(new Shape(16, 8, 4), result.gradient("01Linear_weight").getShape());
                assertEquals(new Shape(16), result.norms().getShape());
                // The mean of the per-sample gradients is the batch gradient.
                Map<String, NDArray> batch = perSample.batchGradients(inputs, labels);
                for (String name : result.parameterNames()) {
                    assertTrue(batch.get(name).allClose(result.mean(name), 1e-9, 1e-12, false),
                            name);
                }
            }

            GradCheckResult check = GradCheck.builder().build().check(mlp, loss, inputs, labels);
            assertTrue(check.passed(), check.report());
            assertEquals(4, check.checks().size(), check.report());   // one row per parameter
        }
    }

    @Test
    @DisplayName("none of the application's libraries is on the consumer's test class path")
    void applicationLibrariesAreAbsent() {
        for (String name : List.of("org.knowm.xchart.XYChart", "picocli.CommandLine",
                "org.apache.commons.csv.CSVFormat",
                "ch.randelshofer.fastdoubleparser.JavaDoubleParser",
                "com.madgag.gif.fmsware.AnimatedGifEncoder", "me.tongfei.progressbar.ProgressBar",
                "org.slf4j.simple.SimpleLogger")) {
            assertThrows(ClassNotFoundException.class, () -> Class.forName(name), name);
        }
    }
}
