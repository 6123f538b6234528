package io.github.sgdlab.grad;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.reference.ReferenceGradients;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.Resources;
import io.github.sgdlab.data.FeatureData;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Three features against real numpy and real PyTorch 1.13
 * (golden/features-numpy-torch.json, written by src/test/python/make_features_golden.py).
 */
class FeatureGoldenTest extends EngineTest {

    private static final JsonObject GOLDEN = Resources.json("golden/features-numpy-torch.json");

    private static FeatureData data() {
        JsonArray rows = GOLDEN.getAsJsonArray("x");
        double[][] x = new double[rows.size()][];
        for (int i = 0; i < x.length; i++) {
            x[i] = Resources.doubles(rows.get(i).getAsJsonArray());
        }
        return FeatureData.of(x, Resources.doubles(GOLDEN.getAsJsonArray("y")));
    }

    static List<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (JsonElement c : GOLDEN.getAsJsonArray("cases")) {
            cases.add(Arguments.of(Theta.of(
                    Resources.doubles(c.getAsJsonObject().getAsJsonArray("theta"))),
                    c.getAsJsonObject()));
        }
        return cases;
    }

    private static double[] array(JsonObject values, String key) {
        return Resources.doubles(values.getAsJsonArray(key));
    }

    @ParameterizedTest(name = "theta {0}")
    @MethodSource("cases")
    @DisplayName("the reference equals numpy bit for bit with three features")
    void referenceIsNumpy(Theta theta, JsonObject golden) {
        FeatureData data = data();
        JsonObject numpy = golden.getAsJsonObject("numpy_float64");
        BatchGradient batch = ReferenceGradients.batch(data, theta);
        assertAll(
                () -> assertArrayEquals(array(numpy, "batch"), batch.gradient().values(), 0.0),
                () -> assertEquals(numpy.get("loss").getAsDouble(), batch.loss(), 0.0),
                () -> assertArrayEquals(array(numpy, "per_sample_average"),
                        ReferenceGradients.perSampleAverage(data, theta).values(), 0.0));
    }

    @ParameterizedTest(name = "theta {0}")
    @MethodSource("cases")
    @DisplayName("DJL autograd equals torch's batch and per-sample loop with three features,"
            + " float32 and float64")
    void autogradIsTorch(Theta theta, JsonObject golden) {
        FeatureData data = data();
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            JsonObject torch = golden.getAsJsonObject(
                    type == DataType.FLOAT32 ? "torch_float32" : "torch_float64");
            AutogradGradients autograd =
                    AutogradGradients.builder(manager).optDataType(type).build();
            BatchGradient batch = autograd.batch(data, theta);
            assertAll(type.toString(),
                    () -> assertArrayEquals(array(torch, "batch"), batch.gradient().values(),
                            0.0, "batch"),
                    () -> assertEquals(torch.get("loss").getAsDouble(), batch.loss(), 0.0),
                    () -> assertArrayEquals(array(torch, "per_sample_average"),
                            autograd.perSampleAverage(data, theta).values(), 0.0,
                            "per-sample average"));
        }
    }
}
