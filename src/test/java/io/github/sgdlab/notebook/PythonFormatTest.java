package io.github.sgdlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonObject;
import io.github.sgdlab.Resources;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code f"{x:.4f}"} against what real Python printed (format-python.json). */
class PythonFormatTest {

    static Stream<JsonObject> cases() {
        return Resources.objects(Resources.json("golden/format-python.json"), "cases");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("four decimals exactly as Python prints them")
    void matchesPython(JsonObject golden) {
        double x = golden.get("x").getAsDouble();
        assertEquals(golden.get("text").getAsString(), PythonFormat.fourDecimals(x), "x = " + x);
    }

    @Test
    @DisplayName("non-finite values print as Python prints them")
    void nonFinite() {
        assertEquals("nan", PythonFormat.fourDecimals(Double.NaN));
        assertEquals("inf", PythonFormat.fourDecimals(Double.POSITIVE_INFINITY));
        assertEquals("-inf", PythonFormat.fourDecimals(Double.NEGATIVE_INFINITY));
    }
}
