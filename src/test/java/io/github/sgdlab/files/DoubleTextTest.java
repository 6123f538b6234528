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

    @Test
    @DisplayName("two million random bit patterns parse back, never longer than Double.toString")
    void randomBitPatterns() {
        SplittableRandom random = new SplittableRandom(19);
        for (int i = 0; i < 2_000_000; i++) {
            // Every fourth a subnormal or small normal, where the scaling is tightest.
            long bits = i % 4 == 3 ? random.nextLong(1, 1L << 54) : random.nextLong();
            double x = Double.longBitsToDouble(bits);
            if (!Double.isFinite(x)) {
                continue;
            }
            String text = DoubleText.of(x);
            if (Double.doubleToRawLongBits(Double.parseDouble(text)) != bits) {
                throw new AssertionError(x + " written as " + text + " parses to another double");
            }
            if (digits(text) > digits(Double.toString(x))) {
                throw new AssertionError(x + " written as " + text + ", longer than toString");
            }
        }
    }

    @Test
    @DisplayName("a sample equals the BigDecimal brute force: shortest, then closest, ties even")
    void equalsBruteForce() {
        SplittableRandom random = new SplittableRandom(23);
        for (int i = 0; i < 20_000; i++) {
            double x = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
            if (Double.isFinite(x) && x != 0) {
                assertBruteForce(x);
            }
        }
    }

    @Test
    @DisplayName("the hard cases equal the brute force: powers of 2 and 10, ends, tiny subnormals")
    void hardCases() {
        for (int e = -1074; e <= 1023; e++) {
            // Powers of two: the rounding interval is asymmetric.
            double x = Math.scalb(1.0, e);
            assertBruteForce(x);
            assertBruteForce(Math.nextUp(x));
            assertBruteForce(Math.nextDown(x));
        }
        for (int e = -323; e <= 308; e++) {
            double x = Double.parseDouble("1E" + e);
            assertBruteForce(x);
            assertBruteForce(Math.nextUp(x));
            if (Math.nextDown(x) > 0) {
                assertBruteForce(Math.nextDown(x));
            }
        }
        for (long t = 1; t <= 2_000; t++) {
            assertBruteForce(Double.longBitsToDouble(t));
        }
        for (double x : new double[] {Double.MAX_VALUE, Double.MIN_NORMAL,
            Math.nextDown(Double.MIN_NORMAL), 9007199254740991.0, 9007199254740992.0,
            9007199254740993.0, 1.0E7, Math.nextDown(1.0E7), 0.001, Math.nextDown(0.001),
            1.0E16, 1.0E17, 5.0E-324, 2.0E-323, 1.7976931348623157E308}) {
            assertBruteForce(x);
        }
        for (double x : MIS_ROUNDED) {
            assertBruteForce(x);
        }
        assertEquals("4.9E-324", Double.toString(Double.MIN_VALUE), "JDK 17 writes two digits");
        assertEquals("1.0E-323", DoubleText.of(2 * Double.MIN_VALUE));
        assertEquals("1.7976931348623157E308", DoubleText.of(Double.MAX_VALUE));
        assertEquals("9.007199254740992E15", DoubleText.of(9007199254740992.0));
        assertEquals("-9.007199254740991E15", DoubleText.of(-9007199254740991.0));
        assertEquals("9999999.0", DoubleText.of(9999999.0));
        assertEquals("1234567.0", DoubleText.of(1234567.0));
        assertEquals("-0.00123", DoubleText.of(-0.00123));
        assertEquals("1.0E-4", DoubleText.of(1.0E-4));
    }

    /**
     * x's text is the brute force's pick: of the fewest digits p that parse back, the p-digit
     * rounding down or up of x that does, the closer (a tie: the even last digit).
     */
    private static void assertBruteForce(double x) {
        BigDecimal exact = new BigDecimal(Math.abs(x));
        BigDecimal best = null;
        for (int p = 1; p <= 17 && best == null; p++) {
            BigDecimal down = exact.round(new MathContext(p, RoundingMode.FLOOR));
            BigDecimal up = exact.round(new MathContext(p, RoundingMode.CEILING));
            boolean downOk = down.doubleValue() == Math.abs(x);
            boolean upOk = up.doubleValue() == Math.abs(x);
            if (downOk && upOk) {
                int order = exact.subtract(down).compareTo(up.subtract(exact));
                best = order < 0 ? down : order > 0 ? up
                        : down.unscaledValue().testBit(0) ? up : down;
            } else if (downOk || upOk) {
                best = downOk ? down : up;
            }
        }
        String text = DoubleText.of(x);
        BigDecimal pick = best;
        assertEquals(0, pick.compareTo(new BigDecimal(text).abs()),
                () -> x + " written as " + text + ", brute force " + pick);
        assertEquals(Double.doubleToRawLongBits(x),
                Double.doubleToRawLongBits(Double.parseDouble(text)), text);
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
