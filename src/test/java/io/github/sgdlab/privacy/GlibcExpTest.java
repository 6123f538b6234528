package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.github.sgdlab.Resources;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GlibcExp#exp} against glibc's exp as Python's {@code math.exp} returns it
 * (src/test/python/glibc_exp_golden.py → privacy/glibc_exp.json, 3049 arguments over the whole
 * range, subnormal results included): bit for bit on every one, where {@link Math#exp} differs on
 * a few (the message says how many, to show the port is what makes the difference).
 */
class GlibcExpTest {

    @DisplayName("exp equals glibc's bit for bit")
    @Test
    void expEqualsGlibcBitForBit() {
        JsonArray cases = Resources.json("privacy/glibc_exp.json").getAsJsonArray("cases");
        int mismatches = 0;
        int mathMismatches = 0;
        StringBuilder first = new StringBuilder();
        for (JsonElement e : cases) {
            JsonArray c = e.getAsJsonArray();
            double x = c.get(0).getAsDouble();
            long expected = Double.doubleToRawLongBits(c.get(1).getAsDouble());
            double actual = GlibcExp.exp(x);
            if (expected != Double.doubleToRawLongBits(Math.exp(x))) {
                mathMismatches++;
            }
            if (expected != Double.doubleToRawLongBits(actual) && mismatches++ == 0) {
                first.append("exp(").append(x).append(") = ").append(actual).append(", glibc ")
                        .append(c.get(1).getAsDouble());
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + cases.size() + " differ (Math.exp: "
                + mathMismatches + "): " + first);
    }

    @DisplayName("exp keeps IEEE's special values")
    @Test
    void specialValues() {
        assertEquals(1.0, GlibcExp.exp(0.0));
        assertEquals(0.0, GlibcExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, GlibcExp.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, GlibcExp.exp(710.0));
        assertEquals(0.0, GlibcExp.exp(-746.0));
        assertEquals(Double.NaN, GlibcExp.exp(Double.NaN));
    }
}
