package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sgdlab.Resources;
import org.junit.jupiter.api.Test;

/**
 * {@link ScipyBinom#binom} equals scipy's {@code special.binom} bit for bit at the accountant's
 * orders (src/test/python/scipy_binom_golden.py → privacy/scipy_binom.json).
 */
class ScipyBinomTest {

    @Test
    void binomEqualsScipyBitForBit() {
        JsonObject golden = Resources.json("privacy/scipy_binom.json");
        JsonArray cases = golden.getAsJsonArray("cases");
        int mismatches = 0;
        StringBuilder first = new StringBuilder();
        for (JsonElement e : cases) {
            JsonArray c = e.getAsJsonArray();
            double alpha = c.get(0).getAsDouble();
            double k = c.get(1).getAsDouble();
            double expected = c.get(2).getAsDouble();
            double actual = ScipyBinom.binom(alpha, k);
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                if (mismatches++ < 10) {
                    first.append("\nbinom(").append(alpha).append(", ").append(k).append(") = ")
                            .append(actual).append(", scipy ").append(expected);
                }
            }
        }
        assertEquals(0, mismatches, mismatches + " of " + cases.size() + " differ:" + first);
    }
}
