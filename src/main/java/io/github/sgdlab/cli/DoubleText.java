package io.github.sgdlab.cli;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Doubles as text that parses back to the same bits, for JSON and CSV output.
 */
final class DoubleText {

    /** Seventeen significant digits identify every double uniquely. */
    private static final MathContext ROUND_TRIP = new MathContext(17);

    private DoubleText() {}

    /**
     * The shortest text Java offers for {@code x}, checked to parse back to {@code x}; JDK 17's
     * {@link Double#toString} is not always shortest, and where its text did not round-trip this
     * falls back to seventeen significant digits.
     *
     * @param x a finite double
     * @return text that {@code Double.parseDouble} (or Python's {@code float}) turns back into
     *     {@code x}
     */
    static String of(double x) {
        String text = Double.toString(x);
        if (Double.doubleToRawLongBits(Double.parseDouble(text)) == Double.doubleToRawLongBits(x)) {
            return text;
        }
        return new BigDecimal(x).round(ROUND_TRIP).toString();
    }
}
