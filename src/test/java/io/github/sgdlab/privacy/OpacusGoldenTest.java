package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.github.sgdlab.Resources;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The accountants against what Opacus's own accountant code computes here
 * (src/test/python/privacy_golden.py → src/test/resources/privacy/opacus_golden.json).
 *
 * <p>RDP: within 1e-12 relative per order and 1e-10 relative in ε — or, where Opacus's own value
 * is not determined that well, within its rounding floor. Opacus sums terms of size up to e^30 in
 * log space (its series stops at e^−30) and divides by α − 1; a one-ulp difference between the
 * JDK's and glibc's {@code log}/{@code expm1}, or scipy's {@code binom} (a beta function above
 * k = 20) and the exact recurrence, moves its result by up to {@link #floor} — 0.7% of the
 * per-order values (small q, α near 1) and 6 of the 600 ε (q = 0.5, 10⁶ steps, best order 1.1
 * or 1.2, at 1.4e-10) need it.
 */
class OpacusGoldenTest {

    private static final JsonObject GOLDEN = Resources.json("privacy/opacus_golden.json");

    static Stream<JsonObject> rdpOrders() {
        return Resources.objects(GOLDEN, "rdp_orders");
    }

    static Stream<JsonObject> rdpEpsilons() {
        return Resources.objects(GOLDEN, "rdp_epsilons");
    }

    static Stream<JsonObject> prvEpsilons() {
        return Resources.objects(GOLDEN, "prv_epsilons");
    }

    static Stream<JsonObject> noise() {
        return Resources.objects(GOLDEN, "noise");
    }

    @DisplayName("RDP at each order equals Opacus's compute_rdp within 1e-12 relative")
    @ParameterizedTest(name = "q={0}")
    @MethodSource("rdpOrders")
    void rdpPerOrder(JsonObject c) {
        double q = c.get("q").getAsDouble();
        double sigma = c.get("sigma").getAsDouble();
        double[] orders = Resources.doubles(c.getAsJsonArray("orders"));
        double[] expected = Resources.doubles(c.getAsJsonArray("rdp"));
        double[] actual = RdpAccountant.rdp(q, sigma, 1, orders);
        for (int k = 0; k < orders.length; k++) {
            assertClose(expected[k], actual[k], 1e-12, floor(orders[k]),
                    "q=" + q + " sigma=" + sigma + " order=" + orders[k]);
        }
    }

    @DisplayName("RDP epsilon and best order equal Opacus's within 1e-10 relative")
    @ParameterizedTest
    @MethodSource("rdpEpsilons")
    void rdpEpsilon(JsonObject c) {
        RdpAccountant accountant = new RdpAccountant();
        replay(accountant, c.getAsJsonArray("history"));
        PrivacySpent spent = accountant.getPrivacySpent(c.get("delta").getAsDouble());
        String what = c.toString();
        long steps = 0;
        for (JsonElement entry : c.getAsJsonArray("history")) {
            steps += entry.getAsJsonArray().get(2).getAsLong();
        }
        assertClose(c.get("epsilon").getAsDouble(), spent.epsilon(), 1e-10,
                steps * floor(spent.bestOrder()), what);
        assertEquals(c.get("best_order").getAsDouble(), spent.bestOrder(), what);
    }

    @DisplayName("PRV epsilon equals Opacus's within 1e-6 relative")
    @ParameterizedTest
    @MethodSource("prvEpsilons")
    void prvEpsilon(JsonObject c) {
        PrvAccountant accountant = new PrvAccountant();
        replay(accountant, c.getAsJsonArray("history"));
        double epsilon = accountant.getEpsilon(c.get("delta").getAsDouble());
        assertRelative(c.get("epsilon").getAsDouble(), epsilon, 1e-6, c.toString());
    }

    @DisplayName("NoiseMultiplier.find returns Opacus's sigma")
    @ParameterizedTest
    @MethodSource("noise")
    void noiseMultiplier(JsonObject c) {
        String mechanism = c.get("accountant").getAsString();
        double sigma = NoiseMultiplier.find(c.get("target_epsilon").getAsDouble(),
                c.get("delta").getAsDouble(), c.get("sample_rate").getAsDouble(),
                c.get("steps").getAsLong(), mechanism);
        double expected = c.get("noise_multiplier").getAsDouble();
        if (mechanism.equals("rdp")) {
            assertEquals(expected, sigma, c.toString());
        } else {
            // The bisection's steps are powers of two of 20/2^k: the PRV's last digits may
            // decide one step differently, never more than the search's own resolution.
            assertEquals(expected, sigma, 20.0 / (1 << 14), c.toString());
        }
    }

    private static void replay(PrivacyAccountant accountant, JsonArray history) {
        for (JsonElement element : history) {
            JsonArray entry = element.getAsJsonArray();
            accountant.step(entry.get(0).getAsDouble(), entry.get(1).getAsDouble(),
                    entry.get(2).getAsLong());
        }
    }

    /**
     * Opacus's rounding floor for one step's RDP at order α: 64 ulps of 1 on log-space terms
     * up to 30 in size, divided by α − 1.
     */
    static double floor(double alpha) {
        return 64 * 30 * Math.ulp(1.0) / (alpha - 1);
    }

    static void assertClose(double expected, double actual, double relative, double absolute,
            String what) {
        double difference = Math.abs(actual - expected);
        assertTrue(difference <= relative * Math.abs(expected) || difference <= absolute,
                () -> what + ": expected " + expected + ", got " + actual + " (difference "
                        + difference + " > " + relative + " relative and > " + absolute + ")");
    }

    static void assertRelative(double expected, double actual, double tolerance, String what) {
        if (expected == actual) {
            return;
        }
        double relative = Math.abs(actual - expected) / Math.abs(expected);
        assertTrue(relative <= tolerance, () -> what + ": expected " + expected + ", got "
                + actual + " (relative " + relative + " > " + tolerance + ")");
    }
}
