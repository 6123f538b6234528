package io.github.sgdlab;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.Theta;

import java.util.ArrayList;
import java.util.List;

/**
 * One θ of one reference file from ../shared/reference (copied to src/test/resources): the data
 * real numpy drew and the gradients real numpy and real PyTorch computed there.
 *
 * @param file the reference file's name
 * @param seed the seed
 * @param x1 numpy's x1
 * @param eps numpy's eps
 * @param y numpy's y
 * @param theta the θ of this case
 * @param values the gradients, keyed by "torch_float32", "torch_float64" or "numpy_float64"
 */
public record ReferenceCase(
        String file, long seed, double[] x1, double[] eps, double[] y, Theta theta,
        JsonObject values) {

    /** The reference files. */
    public static final List<String> FILES =
            List.of("reference/seed45-n40.json", "reference/seed2024-n999.json");

    /**
     * Every θ of every reference file.
     *
     * @return the cases
     */
    public static List<ReferenceCase> all() {
        List<ReferenceCase> cases = new ArrayList<>();
        for (String file : FILES) {
            JsonObject json = Resources.json(file);
            for (JsonElement element : json.getAsJsonArray("thetas")) {
                JsonObject t = element.getAsJsonObject();
                cases.add(new ReferenceCase(file, json.get("seed").getAsLong(),
                        Resources.doubles(json.getAsJsonArray("x1")),
                        Resources.doubles(json.getAsJsonArray("eps")),
                        Resources.doubles(json.getAsJsonArray("y")),
                        Theta.of(t.get("theta0").getAsDouble(), t.get("theta1").getAsDouble()),
                        t));
            }
        }
        return cases;
    }

    /**
     * The data set exactly as numpy drew it.
     *
     * @return the data
     */
    public FeatureData data() {
        return new LinearData(seed, x1, eps, y).features();
    }

    /**
     * The batch gradient and loss one engine computed.
     *
     * @param engine "torch_float32", "torch_float64" or "numpy_float64"
     * @return its batch result
     */
    public BatchGradient batch(String engine) {
        JsonObject b = values.getAsJsonObject(engine).getAsJsonObject("batch");
        return new BatchGradient(Gradient.of(b.get("grad_theta0").getAsDouble(),
                b.get("grad_theta1").getAsDouble()), b.get("loss").getAsDouble());
    }

    /**
     * The average per-sample gradient one engine computed.
     *
     * @param engine "torch_float32", "torch_float64" or "numpy_float64"
     * @return its average
     */
    public Gradient perSampleAverage(String engine) {
        JsonObject g = values.getAsJsonObject(engine).getAsJsonObject("per_sample_average");
        return Gradient.of(g.get("grad_theta0").getAsDouble(), g.get("grad_theta1").getAsDouble());
    }

    @Override
    public String toString() {
        return file.replace("reference/", "") + " at theta (" + theta.get(0) + ", "
                + theta.get(1) + ")";
    }
}
