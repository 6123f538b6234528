package io.github.sgdlab.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import com.google.gson.stream.JsonWriter;
import io.github.sgdlab.files.DoubleText;

import java.io.IOException;
import java.math.BigDecimal;

/**
 * Doubles in the JSON of a gradient comparison and of a data set (what the {@code notebook},
 * {@code gradient} and {@code data} commands print as JSON): the text of {@link DoubleText} written as a {@link BigDecimal}, the
 * notation these outputs have always had ({@code 1.0E-5} as {@code 0.000010}); it parses back to
 * the same bits.
 */
public final class JsonNumbers {

    private JsonNumbers() {}

    /**
     * A finite double as a JSON number for Gson's tree model.
     *
     * @param x the value
     * @return a number whose text parses back to {@code x}
     */
    public static JsonElement number(double x) {
        // The decimal value of the round-trip text: Gson writes a BigDecimal as it stands.
        return new JsonPrimitive(new BigDecimal(DoubleText.of(x)));
    }

    /**
     * Finite doubles as a JSON array of numbers, each parsing back to the same bits.
     *
     * @param values the values
     * @return the array
     */
    public static JsonArray numbers(double... values) {
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
    public static void number(JsonWriter json, double x) throws IOException {
        json.jsonValue(DoubleText.of(x));
    }
}
