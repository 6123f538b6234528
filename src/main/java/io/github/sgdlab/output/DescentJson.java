package io.github.sgdlab.output;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.RunResult;

import java.util.OptionalDouble;

/**
 * A descent's JSON, as {@code descend --json} prints it and {@code summary.json} holds it:
 * {@code dataset}, {@code method}, {@code lr}, {@code momentum}, {@code batch}, {@code eps},
 * {@code theta_star} [θ0, θ1], {@code runs} [{@code shuffle_seed}, {@code outcome},
 * {@code iterations}, {@code epochs}, {@code final_theta}, {@code final_loss}],
 * {@code converged_runs}, {@code mean_iterations}, {@code mean_epochs},
 * {@code max_reference_deviation}.
 *
 * <p>JSON has no NaN or infinity: a diverged run's non-finite θ or loss is written as
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
        json.addProperty("lr", config.learningRate());
        json.addProperty("momentum", config.momentum());
        json.addProperty("batch", config.batch());
        json.addProperty("eps", config.eps());
        json.add("theta_star", pair(result.thetaStar().theta0(), result.thetaStar().theta1()));
        JsonArray runs = new JsonArray();
        for (RunResult run : result.runs()) {
            JsonObject item = new JsonObject();
            item.addProperty("shuffle_seed", run.shuffleSeed());
            item.addProperty("outcome", run.outcome().id());
            item.addProperty("iterations", run.iterations());
            item.addProperty("epochs", run.epochs());
            item.add("final_theta", pair(run.finalTheta0(), run.finalTheta1()));
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
     * The result as one line of JSON.
     *
     * @param result the descent
     * @return the JSON text, without a line end
     */
    public static String toText(DescentResult result) {
        return GSON.toJson(toJson(result));
    }

    private static JsonArray pair(double a, double b) {
        JsonArray array = new JsonArray();
        array.add(number(a));
        array.add(number(b));
        return array;
    }

    private static JsonElement number(double value) {
        return Double.isFinite(value) ? new JsonPrimitive(value) : JsonNull.INSTANCE;
    }

    private static JsonElement number(OptionalDouble value) {
        return value.isPresent() ? number(value.getAsDouble()) : JsonNull.INSTANCE;
    }
}
