package io.github.sgdlab.data;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;

import java.util.Locale;

/**
 * One numeric CSV cell as a double, with the reason when it is not one.
 *
 * <p>Accepted, as Python's {@code float()} and pandas accept them: an optional sign, decimal
 * digits with an optional point ({@code 3}, {@code -0}, {@code +1.5}, {@code .5}, {@code 5.}),
 * an optional exponent ({@code 1e3}, {@code 2.5E-7}), and spaces or tabs around it. Refused:
 * empty cells, NaN and infinities (a gradient over them means nothing), numbers too large for a
 * double, and anything else — hexadecimal, digit separators ({@code 1_000}, {@code 1,000}),
 * Java's {@code d}/{@code f} suffixes, decimal commas, units. Numbers too small for a double
 * become 0 or a subnormal, as in Python.
 */
final class NumberCell {

    /** Characters of the user's input a message repeats at most. */
    static final int ECHO_LIMIT = 80;


    private NumberCell() {}

    /**
     * Parses a cell.
     *
     * @param text the cell's text, quotes already removed
     * @return the value
     * @throws IllegalArgumentException with a message that says what is wrong with the cell,
     *     without naming the column or line
     */
    static double parse(String text) {
        int from = 0;
        int to = text.length();
        while (from < to && isBlank(text.charAt(from))) {
            from++;
        }
        while (to > from && isBlank(text.charAt(to - 1))) {
            to--;
        }
        if (from == to) {
            throw new IllegalArgumentException("empty cell");
        }
        if (!isDecimal(text, from, to)) {
            throw new IllegalArgumentException(notANumber(text.substring(from, to)));
        }
        // The grammar above is a subset of Java's, so this is the correctly rounded value.
        double value = JavaDoubleParser.parseDouble(text, from, to - from);
        if (Double.isInfinite(value)) {
            throw new IllegalArgumentException(
                    "'" + echo(text.substring(from, to)) + "' is too large for a double");
        }
        return value;
    }

    private static String notANumber(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        String bare = lower.startsWith("+") || lower.startsWith("-") ? lower.substring(1) : lower;
        if (bare.equals("nan") || bare.equals("inf") || bare.equals("infinity")) {
            return "'" + shorten(text) + "' is not a finite number";
        }
        return "'" + shorten(text) + "' is not a number";
    }

    /** Long cells are cut in the message, so the message stays one readable line. */
    private static String shorten(String text) {
        return printable(text.length() <= 40 ? text : text.substring(0, 37) + "...");
    }

    /**
     * Text fit for a one-line message: line ends and other control characters escaped.
     *
     * @param text any text
     * @return the text with {@code \n}, {@code \r}, {@code \t} and {@code \\uXXXX} escapes
     */
    /**
     * What a message may repeat of the user's text: at most {@value #ECHO_LIMIT} characters,
     * with {@code ...} when cut, control characters made visible.
     *
     * @param text a cell, a column name, a path
     * @return the text to show
     */
    static String echo(String text) {
        return printable(text.length() <= ECHO_LIMIT ? text
                : text.substring(0, ECHO_LIMIT) + "...");
    }

    /**
     * Text with control characters made visible ({@code \\n}, {@code \\u0000}).
     *
     * @param text any text
     * @return the text on one line
     */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    /** {@code [+-]? (D+ (. D*)? | . D+) ([eE] [+-]? D+)?} over {@code text[from, to)}. */
    private static boolean isDecimal(String text, int from, int to) {
        int i = from;
        char c = text.charAt(i);
        if (c == '+' || c == '-') {
            i++;
        }
        int integerDigits = 0;
        while (i < to && isDigit(text.charAt(i))) {
            i++;
            integerDigits++;
        }
        int fractionDigits = 0;
        if (i < to && text.charAt(i) == '.') {
            i++;
            while (i < to && isDigit(text.charAt(i))) {
                i++;
                fractionDigits++;
            }
        }
        if (integerDigits + fractionDigits == 0) {
            return false;
        }
        if (i < to && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
            i++;
            if (i < to && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
                i++;
            }
            int exponentDigits = 0;
            while (i < to && isDigit(text.charAt(i))) {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0) {
                return false;
            }
        }
        return i == to;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
