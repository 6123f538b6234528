package io.github.sgdlab.output;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;

/**
 * A {@link GradientComparison} as JSON, as the {@code notebook} and {@code gradient} commands
 * print it, for generated data and for a data file; every double through {@link JsonNumbers}.
 */
public final class ComparisonJson {

    private static final Gson GSON = new Gson();

    private ComparisonJson() {}

    /**
     * Encodes the inputs, the four gradients and the cross-check: the data's own keys first
     * ({@code seed} for generated data, {@code data} for a file), then {@code samples}, θ as
     * {@code theta0}/{@code theta1} when there is one feature, {@code dtype}, the gradients,
     * {@code cross_check}, and the data's trailing keys.
     *
     * @param lead the keys before {@code samples}
     * @param samples n
     * @param result the comparison
     * @param trail the keys after {@code cross_check}
     * @return one line of JSON
     */
    public static String of(JsonObject lead, int samples, GradientComparison result,
            JsonObject trail) {
        JsonObject json = new JsonObject();
        lead.entrySet().forEach(entry -> json.add(entry.getKey(), entry.getValue()));
        json.addProperty("samples", samples);
        double[] theta = result.theta().values();
        if (theta.length == 2) {
            json.add("theta0", JsonNumbers.number(theta[0]));
            json.add("theta1", JsonNumbers.number(theta[1]));
        }
        json.addProperty("dtype", result.dataType().toString());
        json.add("batch", batch(result.batch()));
        json.add("per_sample_average", gradient(result.perSampleAverage()));
        json.add("per_sample_std", gradient(result.perSampleStd()));
        json.add("reference_batch", batch(result.referenceBatch()));
        json.add("reference_per_sample_average", gradient(result.referencePerSampleAverage()));
        json.add("cross_check", crossCheck(result.crossCheck()));
        trail.entrySet().forEach(entry -> json.add(entry.getKey(), entry.getValue()));
        return GSON.toJson(json);
    }

    /**
     * {@code max_abs_diff} and {@code tolerance} are the worst value's (largest ratio of
     * difference to tolerance), {@code ok} whether every value passed, {@code values} each one.
     *
     * @param check the cross-check
     * @return its JSON object
     */
    public static JsonObject crossCheck(CrossCheck check) {
        JsonObject json = new JsonObject();
        json.add("max_abs_diff", JsonNumbers.number(check.maxAbsDiff()));
        json.add("tolerance", JsonNumbers.number(check.tolerance()));
        json.addProperty("ok", check.ok());
        json.addProperty("worst", check.worst().name());
        json.add("worst_ratio", JsonNumbers.number(check.worst().ratio()));
        JsonObject values = new JsonObject();
        for (CrossCheck.ValueCheck value : check.values()) {
            JsonObject entry = new JsonObject();
            entry.add("abs_diff", JsonNumbers.number(value.absDiff()));
            entry.add("tolerance", JsonNumbers.number(value.tolerance()));
            entry.addProperty("ok", value.ok());
            values.add(value.name(), entry);
        }
        json.add("values", values);
        return json;
    }

    private static JsonObject batch(BatchGradient batch) {
        return batch(batch.gradient().values(), batch.loss());
    }

    private static JsonObject gradient(Gradient gradient) {
        return gradient(gradient.values());
    }

    /**
     * A gradient and its loss: {@link #gradient(double...)} with {@code loss} added.
     *
     * @param gradient the components, intercept first
     * @param loss the loss
     * @return the object
     */
    public static JsonObject batch(double[] gradient, double loss) {
        JsonObject json = gradient(gradient);
        json.add("loss", JsonNumbers.number(loss));
        return json;
    }

    /**
     * A gradient: {@code grad_theta0}/{@code grad_theta1} for one feature, as the notebook's
     * JSON has always had them, and {@code grad}, every component intercept first, for any d.
     *
     * @param values the components, intercept first
     * @return the object
     */
    public static JsonObject gradient(double... values) {
        JsonObject json = new JsonObject();
        if (values.length == 2) {
            json.add("grad_theta0", JsonNumbers.number(values[0]));
            json.add("grad_theta1", JsonNumbers.number(values[1]));
        }
        json.add("grad", JsonNumbers.numbers(values));
        return json;
    }
}
