package io.github.sgdlab.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DoubleTextTest {

    /**
     * Values JDK 17's Double.toString writes longer than needed or not the closest: each text
     * here is what Python's repr and JDK 19+ give, in Java's notation.
     */
    static final double[] MIS_ROUNDED = {1.0E23, 2.0E23, 8.41E21, 4.6566128730773926E-10,
        3.7382926990482453E25};

    @Test
    @DisplayName("values Double.toString mis-rounds are written shortest (and closest)")
    void misRounded() {
        assertNotEquals("1.0E23", Double.toString(1.0E23), "this JDK's toString is fixed");
        assertEquals("1.0E23", DoubleText.of(1.0E23));
        assertEquals("2.0E23", DoubleText.of(2.0E23));
        assertEquals("8.41E21", DoubleText.of(8.41E21));
        assertEquals("4.656612873077393E-10", DoubleText.of(4.6566128730773926E-10));
        assertEquals("3.7382926990482453E25", DoubleText.of(3.7382926990482453E25));
        assertEquals("-1.0E23", DoubleText.of(-1.0E23));
        assertEquals("5.0E-324", DoubleText.of(Double.MIN_VALUE));
        assertEquals(DoubleText.of(2.0E23), DoubleText.number(2.0E23).toString());
    }

    @Test
    @DisplayName("ordinary values keep Double.toString's text, byte for byte")
    void ordinaryUnchanged() {
        for (double x : new double[] {0.1, 1.0, -0.0, 100.0, 1.0E7, 9999999.0, 0.001, 1.0E-4,
            123456.789, 0.30000000000000004, Double.MAX_VALUE, Double.MIN_NORMAL, 3.0E-5,
            Double.NaN, Double.NEGATIVE_INFINITY}) {
            assertEquals(Double.toString(x), DoubleText.of(x));
        }
    }

    @Test
    @DisplayName("every text parses back to the same bits and has the fewest digits that do")
    void shortestRoundTrip() {
        SplittableRandom random = new SplittableRandom(45);
        for (int i = 0; i < 30_000; i++) {
            double x = switch (i % 3) {
                case 0 -> Double.longBitsToDouble(random.nextLong());
                case 1 -> Double.parseDouble((random.nextInt(99_999) + 1) + "E"
                        + (random.nextInt(600) - 300));
                default -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            };
            if (!Double.isFinite(x)) {
                continue;
            }
            String text = DoubleText.of(x);
            assertEquals(Double.doubleToRawLongBits(x),
                    Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            assertEquals(fewestDigits(Math.abs(x)), digits(text), () -> x + " as " + text);
        }
    }

    /** The fewest significant digits of a decimal that parses to x, by brute force. */
    private static int fewestDigits(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p <= 17; p++) {
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN,
                RoundingMode.FLOOR, RoundingMode.CEILING}) {
                if (exact.round(new MathContext(p, mode)).doubleValue() == x) {
                    return p;
                }
            }
        }
        throw new AssertionError(x);
    }

    private static int digits(String text) {
        String mantissa = text.replace("-", "").split("E")[0].replace(".", "");
        return mantissa.replaceFirst("^0+", "").replaceFirst("0+$", "").length();
    }
}
