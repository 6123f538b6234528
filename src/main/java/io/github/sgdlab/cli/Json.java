package io.github.sgdlab.cli;

import java.util.Map;
import java.util.StringJoiner;

/**
 * The little JSON the command line writes: objects with fixed keys, numbers, booleans and arrays
 * of doubles. Keys are program constants, so no string escaping is needed.
 */
final class Json {

    private Json() {}

    /**
     * An object from already-encoded values, in the map's iteration order.
     *
     * @param fields key to encoded value
     * @return {@code {"key": value, ...}}
     */
    static String object(Map<String, String> fields) {
        StringJoiner out = new StringJoiner(", ", "{", "}");
        fields.forEach((key, value) -> out.add('"' + key + "\": " + value));
        return out.toString();
    }

    /**
     * A finite double, written so that it parses back to the same bits.
     *
     * @param x the value
     * @return the encoded number
     */
    static String number(double x) {
        return DoubleText.of(x);
    }

    /**
     * A string with no characters that need escaping.
     *
     * @param text the string
     * @return the quoted string
     */
    static String string(String text) {
        return '"' + text + '"';
    }

    /**
     * An array of doubles.
     *
     * @param values the values
     * @return {@code [v0, v1, ...]}
     */
    static String array(double[] values) {
        StringJoiner out = new StringJoiner(", ", "[", "]");
        for (double v : values) {
            out.add(number(v));
        }
        return out.toString();
    }
}
