package io.github.sgdlab.notebook;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * Python's fixed-point float formatting, {@code f"{x:.4f}"}: the exact binary value rounded half
 * to even, with the sign kept on values that round to zero ({@code -0.0000}).
 *
 * <p>{@link String#format} is not a substitute: it rounds the shortest decimal representation
 * half up, so {@code 0.125} becomes {@code 0.13} where Python prints {@code 0.12}.
 */
public final class PythonFormat {

    private PythonFormat() {}

    /**
     * Formats as Python's {@code f"{x:.Nf}"} does.
     *
     * @param x the value
     * @param decimals how many digits after the point
     * @return the text Python would print
     */
    public static String fixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String digits = new BigDecimal(x).abs().setScale(decimals, RoundingMode.HALF_EVEN)
                .toPlainString();
        // Python keeps the sign of negative values and of -0.0 even when the digits are all zero.
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        return negative ? "-" + digits : digits;
    }

    /**
     * The notebook's format, {@code f"{x:.4f}"}.
     *
     * @param x the value
     * @return the value with four decimals
     */
    public static String fourDecimals(double x) {
        return fixed(x, 4);
    }
}
