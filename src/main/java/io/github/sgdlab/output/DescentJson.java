package io.github.sgdlab.output;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.RunResult;
import io.github.sgdlab.files.DoubleText;

import java.util.OptionalDouble;

/**
 * A descent's JSON, as {@code summary.json} holds it and {@code descend} prints it:
 * {@code dataset}, {@code method}, {@code lr}, {@code momentum}, {@code batch}, {@code eps},
 * {@code theta_star} [θ0, θ1, …, θd], {@code runs} [{@code shuffle_seed}, {@code outcome},
 * {@code iterations}, {@code epochs}, {@code final_theta}, {@code final_loss}],
 * {@code converged_runs}, {@code mean_iterations}, {@code mean_epochs},
 * {@code max_reference_deviation}; for a user's data file also {@code data} (its path),
 * {@code target} and {@code features} (the column names, in θ's order), as the gradient's JSON
 * writes them.
 *
 * <p>Every double is the shortest text that parses back to the same bits ({@link DoubleText}).
 * JSON has no NaN or infinity: a diverged run's non-finite θ or loss is written as
 * {@code null} (its {@code outcome} says why), as are the means when no run converged.
 */
public final class DescentJson {

    private static final Gson GSON = new GsonBuilder().serializeNulls().create();

    private DescentJson() {}

    /**
     * The result as a JSON tree.
     *
     * @param result the descent
     * @return the object
     */
    public static JsonObject toJson(DescentResult result) {
        DescentConfig config = result.config();
        JsonObject json = new JsonObject();
        json.addProperty("dataset", config.datasetName());
        json.addProperty("method", config.method().id());
        json.add("lr", number(config.learningRate()));
        json.add("momentum", number(config.momentum()));
        json.addProperty("batch", config.batch());
        json.add("eps", number(config.eps()));
        json.add("theta_star", numbers(result.thetaStar()));
        JsonArray runs = new JsonArray();
        for (RunResult run : result.runs()) {
            JsonObject item = new JsonObject();
            item.addProperty("shuffle_seed", run.shuffleSeed());
            item.addProperty("outcome", run.outcome().id());
            item.addProperty("iterations", run.iterations());
            item.addProperty("epochs", run.epochs());
            item.add("final_theta", numbers(run.finalTheta()));
            item.add("final_loss", number(run.finalLoss()));
            runs.add(item);
        }
        json.add("runs", runs);
        json.addProperty("converged_runs", result.convergedRuns());
        json.add("mean_iterations", number(result.meanIterations()));
        json.add("mean_epochs", number(result.meanEpochs()));
        json.add("max_reference_deviation", number(result.maxReferenceDeviation()));
        return json;
    }

    /**
     * The result of a descent on a user's data file as a JSON tree: {@link #toJson(DescentResult)}
     * and the keys {@code data}, {@code target} and {@code features}.
     *
     * @param result the descent
     * @param source the file's path as the user gave it, or {@code <stdin>}
     * @return the object
     */
    public static JsonObject toJson(DescentResult result, String source) {
        JsonObject json = toJson(result);
        FeatureData data = result.config().data();
        json.addProperty("data", source);
        json.addProperty("target", data.targetName());
        JsonArray features = new JsonArray();
        data.featureNames().forEach(features::add);
        json.add("features", features);
        return json;
    }

    /**
     * The result as one line of JSON.
     *
     * @param result the descent
     * @return the JSON text, without a line end
     */
    public static String toText(DescentResult result) {
        return GSON.toJson(toJson(result));
    }

    /**
     * A JSON tree as one line, the way {@link #toText(DescentResult)} writes it.
     *
     * @param json the object
     * @return the JSON text, without a line end
     */
    public static String toText(JsonObject json) {
        return GSON.toJson(json);
    }

    private static JsonArray numbers(double[] values) {
        JsonArray array = new JsonArray();
        for (double value : values) {
            array.add(number(value));
        }
        return array;
    }

    /**
     * A double as JSON: the shortest text that parses back to the same bits
     * ({@link DoubleText}), in {@link Double#toString}'s notation; {@code null} if not finite.
     *
     * @param value the value
     * @return the JSON number or null
     */
    public static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(DoubleText.number(value))
                : JsonNull.INSTANCE;
    }

    private static JsonElement number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : JsonNull.INSTANCE;
    }
}
