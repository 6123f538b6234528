package io.github.sgdlab;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/** Reads the test resources: golden values from real numpy and PyTorch, and the seed notebook. */
public final class Resources {

    private Resources() {}

    /**
     * A resource as text.
     *
     * @param path the path under src/test/resources
     * @return its content
     */
    public static String text(String path) {
        try (InputStream in = Resources.class.getResourceAsStream("/" + path)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A JSON resource.
     *
     * @param path the path under src/test/resources
     * @return the parsed object
     */
    public static JsonObject json(String path) {
        return JsonParser.parseString(text(path)).getAsJsonObject();
    }

    /**
     * The objects of a JSON array.
     *
     * @param object the object holding the array
     * @param key the array's key
     * @return its elements as objects
     */
    public static Stream<JsonObject> objects(JsonObject object, String key) {
        return StreamSupport.stream(object.getAsJsonArray(key).spliterator(), false)
                .map(JsonElement::getAsJsonObject);
    }

    /**
     * A JSON array of numbers as doubles.
     *
     * @param array the array
     * @return its values
     */
    public static double[] doubles(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }

    /**
     * How many units in the last place two doubles of the same sign lie apart.
     *
     * @param a one value
     * @param b the other
     * @return the distance in ulps
     */
    public static long ulps(double a, double b) {
        return Math.abs(Double.doubleToLongBits(a) - Double.doubleToLongBits(b));
    }
}
