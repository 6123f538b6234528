package io.github.sgdlab.cli;

import io.github.sgdlab.files.DoubleText;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Doubles in Gson's JSON, written so that they parse back to the same bits: Gson's own
 * {@code value(double)} uses {@link Double#toString}, which on JDK 17 does not always round-trip.
 */
final class Json {

    private Json() {}

    /**
     * A finite double as a JSON number for Gson's tree model.
     *
     * @param x the value
     * @return a number whose text parses back to {@code x}
     */
    static JsonElement number(double x) {
        // The decimal value of the round-trip text: Gson writes a BigDecimal as it stands.
        return new JsonPrimitive(new BigDecimal(DoubleText.of(x)));
    }

    /**
     * Finite doubles as a JSON array of numbers, each parsing back to the same bits.
     *
     * @param values the values
     * @return the array
     */
    static JsonArray numbers(double... values) {
        JsonArray array = new JsonArray();
        for (double v : values) {
            array.add(number(v));
        }
        return array;
    }

    /**
     * Writes a finite double to a streaming writer.
     *
     * @param json the writer
     * @param x the value
     * @throws IOException if writing fails
     */
    static void number(JsonWriter json, double x) throws IOException {
        json.jsonValue(DoubleText.of(x));
    }
}
