package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sgdlab.Resources;
import org.junit.jupiter.api.Test;

/**
 * {@link ScipyBinom#binom} against scipy's {@code special.binom} at the accountant's orders
 * (src/test/python/scipy_binom_golden.py → privacy/scipy_binom.json): bit for bit on all 6832
 * values (17 were 1 to 4 ulps off before {@link GlibcExp} and {@link GlibcPow} stood in for
 * {@link Math#exp} and {@link Math#pow}). The message names the first ten that are not.
 */
class ScipyBinomTest {

    @Test
    void binomEqualsScipyBitForBit() {
        JsonObject golden = Resources.json("privacy/scipy_binom.json");
        JsonArray cases = golden.getAsJsonArray("cases");
        int mismatches = 0;
        long maxUlps = 0;
        StringBuilder first = new StringBuilder();
        for (JsonElement e : cases) {
            JsonArray c = e.getAsJsonArray();
            double alpha = c.get(0).getAsDouble();
            double k = c.get(1).getAsDouble();
            double expected = c.get(2).getAsDouble();
            double actual = ScipyBinom.binom(alpha, k);
            if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
                maxUlps = Math.max(maxUlps, Resources.ulps(expected, actual));
                if (mismatches++ < 10) {
                    first.append("\nbinom(").append(alpha).append(", ").append(k).append(") = ")
                            .append(actual).append(", scipy ").append(expected);
                }
            }
        }
        String message = mismatches + " of " + cases.size() + " differ, by up to " + maxUlps
                + " ulps:" + first;
        assertTrue(mismatches == 0, message);
    }
}
