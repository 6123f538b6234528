package io.github.sgdlab.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.descent.PrivateDescentResult;
import io.github.sgdlab.descent.PrivateSettings;

/**
 * A private (DP-SGD) descent's JSON, as its {@code summary.json} holds it and {@code descend}
 * prints it: {@link DescentJson}'s keys with {@code method}
 * {@code dp-sgd}, without {@code max_reference_deviation} (a private run has no plain-Java twin),
 * and the privacy keys: {@code clip}, {@code noise}, {@code sample_rate},
 * {@code iterations_per_epoch}, {@code accountant}, {@code delta}, {@code epsilon} (the largest
 * over the runs) and each run's {@code epsilon}.
 */
public final class PrivateDescentJson {

    private PrivateDescentJson() {}

    /**
     * The result as a JSON tree.
     *
     * @param result the private descent
     * @param source the data file's name, or null for a built-in data set
     * @return the object
     */
    public static JsonObject toJson(PrivateDescentResult result, String source) {
        JsonObject json = source == null ? DescentJson.toJson(result.descent())
                : DescentJson.toJson(result.descent(), source);
        PrivateSettings settings = result.settings();
        json.addProperty("method", "dp-sgd");
        json.remove("max_reference_deviation");
        json.add("clip", DescentJson.number(settings.clip()));
        json.add("noise", DescentJson.number(settings.noise()));
        json.add("sample_rate", DescentJson.number(result.sampleRate()));
        json.addProperty("iterations_per_epoch", result.iterationsPerEpoch());
        json.addProperty("accountant", settings.accountant());
        json.add("delta", DescentJson.number(settings.delta()));
        double[] epsilons = result.epsilons();
        double worst = 0;
        JsonArray runs = json.getAsJsonArray("runs");
        for (int r = 0; r < epsilons.length; r++) {
            runs.get(r).getAsJsonObject().add("epsilon", DescentJson.number(epsilons[r]));
            worst = Math.max(worst, epsilons[r]);
        }
        json.add("epsilon", DescentJson.number(worst));
        return json;
    }

    /**
     * The result as one line of JSON.
     *
     * @param result the private descent
     * @param source the data file's name, or null for a built-in data set
     * @return the JSON text, without a line end
     */
    public static String toText(PrivateDescentResult result, String source) {
        return DescentJson.toText(toJson(result, source));
    }
}
