package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import com.google.gson.JsonObject;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.Resources;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.DisplayName;

/**
 * The notebook's model y = θ1·x + θ0 as a {@code Linear} with one unit: its per-sample gradients
 * from both strategies equal PyTorch 1.13's (golden file from
 * {@code src/test/python/make_persample_golden.py}) and each other, bit for bit.
 */
class NotebookModelTest extends EngineTest {

    private static final JsonObject GOLDEN = Resources.json("golden/persample-linear-torch.json");

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        Resources.objects(GOLDEN, "data").forEach(data -> Resources.objects(data, "cases")
                .forEach(c -> cases.add(Arguments.of(data.get("seed").getAsInt(),
                        c.get("dtype").getAsString(), c.get("theta0").getAsDouble(),
                        c.get("theta1").getAsDouble(), data, c))));
        return cases.stream();
    }

    @ParameterizedTest(name = "seed {0}, {1}, theta = ({2}, {3})")
    @MethodSource("cases")
    @DisplayName("both strategies give PyTorch's per-sample gradients of the notebook's model, bit for bit")
    void equalsPyTorch(int seed, String dtype, double theta0, double theta1, JsonObject data,
            JsonObject golden) {
        DataType type = DataType.fromNumpy(dtype.equals("float32") ? "<f4" : "<f8");
        try (NDManager manager = newManager()) {
            Block model = Models.notebook(manager, type, theta0, theta1);
            double[] x1 = Resources.doubles(data.getAsJsonArray("x1"));
            double[] y = Resources.doubles(data.getAsJsonArray("y"));
            int n = x1.length;
            // torch.tensor(x1, dtype): float64 values rounded once to the working type.
            NDList inputs = new NDList(
                    manager.create(x1, new Shape(n, 1)).toType(type, false));
            NDArray labels = manager.create(y).toType(type, false);
            NDArray weight = manager.create(Resources.doubles(golden.getAsJsonArray("weight")), new Shape(n, 1, 1))
                    .toType(type, false);
            NDArray bias = manager.create(Resources.doubles(golden.getAsJsonArray("bias")), new Shape(n, 1))
                    .toType(type, false);
            for (Strategy strategy : new Strategy[] {Strategy.VECTORIZED, Strategy.LOOP}) {
                try (PerSampleResult result = PerSample.builder(model, PerSampleLoss.squaredError())
                        .optStrategy(strategy).build().compute(inputs, labels)) {
                    assertEquals(strategy, result.strategy());
                    Agreement.assertBitwise(weight, result.gradient("weight"), strategy + " weight");
                    Agreement.assertBitwise(bias, result.gradient("bias"), strategy + " bias");
                }
            }
        }
    }
}
