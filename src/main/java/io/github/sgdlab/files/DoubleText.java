package io.github.sgdlab.files;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * The project's one policy for doubles in text: every double any output writes (CSV, JSON,
 * golden snapshots, the console) is the shortest decimal that parses back to the same bits, in
 * {@link Double#toString}'s notation ({@code 0.1}, {@code 1.0E23}, {@code 4.9E-324}).
 *
 * <p>JDK 17's {@link Double#toString} always parses back to the same double, but is not always
 * the shortest such text nor the closest among equally short ones (JDK-4511638, fixed in JDK 19):
 * {@code 1.0E23} prints as {@code 9.999999999999999E22} and {@code 2.0E23} as
 * {@code 1.9999999999999998E23}. This class starts from that text and shortens it: if no decimal
 * one digit shorter parses back to the same double, none of any shorter length does either (a
 * shorter decimal is also one of n − 1 digits), and the two (n − 1)-digit candidates around the
 * text are the only ones that can (the set of decimals that parse to one double is an interval).
 * Among the candidates of the shortest length, the one closest to the exact value wins, so the
 * text is what Python's {@code repr} and JDK 19's {@code Double.toString} give.
 */
public final class DoubleText {

    private DoubleText() {}

    /**
     * The shortest text that parses back to {@code x}.
     *
     * @param x any double; NaN and the infinities are written as {@link Double#toString} does
     * @return e.g. {@code 1.0E23} for {@code 1e23}, {@code 0.1} for {@code 0.1}
     */
    public static String of(double x) {
        if (!Double.isFinite(x) || x == 0) {
            return Double.toString(x);
        }
        Decimal decimal = Decimal.parse(Double.toString(x));
        if (settled(decimal, x)) {
            return decimal.text;
        }
        long bits = Double.doubleToRawLongBits(x);
        Decimal best = closest(decimal, x, bits);
        while (best.digits.length() > 1) {
            Decimal shorter = shorter(best, x, bits);
            if (shorter == null) {
                break;
            }
            best = shorter;
        }
        return best.text == null ? best.format(x < 0) : best.text;
    }

    /**
     * {@code x} as a {@link Number} whose {@link Object#toString} is {@link #of(double)}: for JSON
     * libraries that write a number's text as it stands (Gson writes {@code toString()}).
     *
     * @param x a finite double
     * @return the number
     */
    public static Number number(double x) {
        return new RoundTrip(x);
    }

    /**
     * A cheap test that spares the parses: every other candidate (a neighbour of the same length,
     * a truncation or its successor one digit shorter) lies at least one unit of the text's last
     * digit away from it, and a decimal that parses back lies within half a gap of x, as the text
     * does, so within one gap (ulp) of the text. A last-digit unit wider than the gap (with 1 %
     * to spare for this arithmetic) leaves Double.toString's text the only candidate. Only for
     * normal values away from the ends of the range, where the double arithmetic here is exact
     * enough.
     */
    private static boolean settled(Decimal decimal, double x) {
        int unitExponent = decimal.exponent - decimal.digits.length() + 1;
        if (Math.abs(decimal.exponent) > 280 || Math.abs(unitExponent) > 280) {
            return false;
        }
        double unit = Math.pow(10, unitExponent);
        double lastDigit = decimal.digits.charAt(decimal.digits.length() - 1) - '0';
        double reach = 1.01 * Math.ulp(x);
        return unit > reach && Math.min(lastDigit, 10 - lastDigit) * unit > reach;
    }

    /** Whether {@code text} parses to exactly {@code bits}. */
    private static boolean parsesTo(String text, long bits) {
        return Double.doubleToRawLongBits(Double.parseDouble(text)) == bits;
    }

    /** The (n − 1)-digit decimal that parses back to {@code x}, or null if none does. */
    private static Decimal shorter(Decimal decimal, double x, long bits) {
        Decimal down = decimal.truncate();
        Decimal up = down.nextUp();
        boolean downOk = parsesTo(down.format(x < 0), bits);
        boolean upOk = parsesTo(up.format(x < 0), bits);
        if (downOk && upOk) {
            return nearer(down, up, x);
        }
        return downOk ? down : upOk ? up : null;
    }

    /** Among the text and its two same-length neighbours that parse back, the closest to x. */
    private static Decimal closest(Decimal decimal, double x, long bits) {
        Decimal best = decimal;
        Decimal below = decimal.nextDown();
        if (below != null && parsesTo(below.format(x < 0), bits)) {
            best = nearer(best, below, x);
        }
        Decimal above = decimal.nextUp();
        if (parsesTo(above.format(x < 0), bits)) {
            best = nearer(best, above, x);
        }
        return best;
    }

    private static Decimal nearer(Decimal a, Decimal b, double x) {
        BigDecimal exact = new BigDecimal(Math.abs(x));
        int order = a.value().subtract(exact).abs().compareTo(b.value().subtract(exact).abs());
        if (order != 0) {
            return order < 0 ? a : b;
        }
        // A tie: the even last digit, as correct rounding picks.
        return (a.digits.charAt(a.digits.length() - 1) - '0') % 2 == 0 ? a : b;
    }

    /**
     * A positive decimal d1.d2…dn × 10^exponent, its digits without leading or trailing zeros
     * (but at least one digit).
     */
    private static final class Decimal {

        final String digits;
        final int exponent;
        /** Double.toString's own text where this is it, to keep its exact spelling. */
        final String text;

        Decimal(String digits, int exponent, String text) {
            this.digits = digits;
            this.exponent = exponent;
            this.text = text;
        }

        static Decimal parse(String javaText) {
            String text = javaText.startsWith("-") ? javaText.substring(1) : javaText;
            int e = text.indexOf('E');
            int exponent = e < 0 ? 0 : Integer.parseInt(text.substring(e + 1));
            String mantissa = e < 0 ? text : text.substring(0, e);
            int dot = mantissa.indexOf('.');
            String all = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            // Position of the first digit relative to the point.
            int lead = 0;
            while (lead < all.length() - 1 && all.charAt(lead) == '0') {
                lead++;
            }
            exponent += dot - 1 - lead;
            String digits = strip(all.substring(lead));
            return new Decimal(digits, exponent, javaText);
        }

        private static String strip(String digits) {
            int end = digits.length();
            while (end > 1 && digits.charAt(end - 1) == '0') {
                end--;
            }
            return digits.substring(0, end);
        }

        /** The first n − 1 digits. */
        Decimal truncate() {
            return new Decimal(strip(digits.substring(0, digits.length() - 1)), exponent, null)
                    .padded(digits.length() - 1);
        }

        /** Remembers the length the digits stand for, for nextUp/nextDown at that length. */
        private int length = -1;

        private Decimal padded(int n) {
            this.length = n;
            return this;
        }

        private int length() {
            return length < 0 ? digits.length() : length;
        }

        /** The next decimal of the same length up. */
        Decimal nextUp() {
            int n = length();
            BigInteger unscaled = new BigInteger(pad(n)).add(BigInteger.ONE);
            String s = unscaled.toString();
            int exp = exponent + (s.length() - n);
            return new Decimal(strip(s), exp, null).padded(n);
        }

        /** The next decimal of the same length down, or null when that drops a digit. */
        Decimal nextDown() {
            int n = length();
            BigInteger unscaled = new BigInteger(pad(n)).subtract(BigInteger.ONE);
            String s = unscaled.toString();
            if (s.length() < n || unscaled.signum() == 0) {
                return null;
            }
            return new Decimal(strip(s), exponent, null).padded(n);
        }

        private String pad(int n) {
            StringBuilder s = new StringBuilder(digits);
            while (s.length() < n) {
                s.append('0');
            }
            return s.toString();
        }

        BigDecimal value() {
            return new BigDecimal(new BigInteger(digits), digits.length() - 1 - exponent);
        }

        /** Double.toString's notation: plain for 1e-3 ≤ |x| < 1e7, else d.ddd E exponent. */
        String format(boolean negative) {
            StringBuilder s = new StringBuilder(digits.length() + 8);
            if (negative) {
                s.append('-');
            }
            if (exponent >= -3 && exponent < 7) {
                if (exponent < 0) {
                    s.append("0.");
                    for (int i = -1; i > exponent; i--) {
                        s.append('0');
                    }
                    s.append(digits);
                } else {
                    int point = exponent + 1;
                    if (digits.length() <= point) {
                        s.append(digits);
                        for (int i = digits.length(); i < point; i++) {
                            s.append('0');
                        }
                        s.append(".0");
                    } else {
                        s.append(digits, 0, point).append('.').append(digits, point,
                                digits.length());
                    }
                }
            } else {
                s.append(digits.charAt(0)).append('.');
                s.append(digits.length() > 1 ? digits.substring(1) : "0");
                s.append('E').append(exponent);
            }
            return s.toString();
        }
    }

    /** A double whose text is {@link DoubleText#of}. */
    private static final class RoundTrip extends Number {

        private static final long serialVersionUID = 1L;

        private final double value;

        RoundTrip(double value) {
            this.value = value;
        }

        @Override
        public int intValue() {
            return (int) value;
        }

        @Override
        public long longValue() {
            return (long) value;
        }

        @Override
        public float floatValue() {
            return (float) value;
        }

        @Override
        public double doubleValue() {
            return value;
        }

        @Override
        public String toString() {
            return of(value);
        }
    }
}
