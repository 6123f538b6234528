package io.github.sgdlab.cli;

import java.math.BigInteger;
import java.util.Locale;
import java.util.regex.Pattern;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Reads numbers from the command line exactly as Python's {@code float()} and {@code int()} read
 * ASCII text: decimal and scientific notation, an optional sign, underscores between digits,
 * surrounding blanks; {@code inf} and {@code nan} for floats. Java's own parsers accept more
 * ({@code 1d}, {@code 0x1p3}, full-width digits), which a user of the notebook would not expect to
 * work; those are rejected here.
 */
final class Numbers {

    /** Longest part of a bad argument that a message repeats. */
    static final int ECHO_LIMIT = 80;

    /**
     * Digits with single underscores between them. Possessive, so that a long run of digits is
     * matched in a loop rather than by recursion (which overflows the stack at a few thousand).
     */
    private static final String DIGITS = "[0-9]++(?:_[0-9]++)*+";

    /** Longer text is no number a user meant: Python's own limit for int() is 4300 digits. */
    private static final int MAX_LENGTH = 4300;

    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:" + DIGITS + "(?:\\.(?:" + DIGITS + ")?)?|\\." + DIGITS + ")"
                    + "(?:[eE][+-]?" + DIGITS + ")?");

    private static final Pattern FLOAT_WORD =
            Pattern.compile("[+-]?(?:inf|infinity|nan)", Pattern.CASE_INSENSITIVE);

    private static final Pattern INTEGER = Pattern.compile("[+-]?" + DIGITS);

    private Numbers() {}

    /**
     * A float as Python's {@code float()} reads it.
     *
     * @param text the argument
     * @return the value; infinite or NaN only if the text says {@code inf} or {@code nan}
     * @throws TypeConversionException if the text is no float, or overflows a double
     */
    static double parseDouble(String text) {
        String trimmed = checkLength(text).strip();
        if (FLOAT_WORD.matcher(trimmed).matches()) {
            return Double.parseDouble(trimmed.toLowerCase(Locale.ROOT)
                    .replace("infinity", "Infinity").replace("inf", "Infinity")
                    .replace("nan", "NaN"));
        }
        if (!FLOAT.matcher(trimmed).matches()) {
            throw new TypeConversionException("'" + echo(text) + "' is not a number");
        }
        double value = Double.parseDouble(trimmed.replace("_", ""));
        if (Double.isInfinite(value)) {
            throw new TypeConversionException("'" + echo(text) + "' is out of range for a double");
        }
        return value;
    }

    /**
     * An integer as Python's {@code int()} reads it, within {@code [min, max]}.
     *
     * @param text the argument
     * @param min the smallest value accepted
     * @param max the largest value accepted
     * @return the value
     * @throws TypeConversionException if the text is no integer or lies outside the range
     */
    static long parseInteger(String text, long min, long max) {
        String trimmed = checkLength(text).strip();
        if (!INTEGER.matcher(trimmed).matches()) {
            throw new TypeConversionException("'" + echo(text) + "' is not an integer");
        }
        BigInteger value = new BigInteger(trimmed.replace("_", ""));
        if (value.compareTo(BigInteger.valueOf(min)) < 0
                || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw new TypeConversionException(
                    "'" + echo(text) + "' is out of range " + min + ".." + max);
        }
        return value.longValueExact();
    }

    private static String checkLength(String text) {
        if (text.length() > MAX_LENGTH) {
            throw new TypeConversionException("'" + echo(text) + "' is too long for a number ("
                    + text.length() + " characters)");
        }
        return text;
    }

    /**
     * The start of an argument, cut to {@link #ECHO_LIMIT} characters, for a message.
     *
     * @param text the argument
     * @return the text, or its first characters and an ellipsis
     */
    static String echo(String text) {
        return text.length() <= ECHO_LIMIT ? text : text.substring(0, ECHO_LIMIT) + "...";
    }

    /** {@code double} options. */
    static final class DoubleConverter implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            return parseDouble(value);
        }
    }

    /** {@code int} options: any int-sized value; each option checks its own range. */
    static final class IntConverter implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return (int) parseInteger(value, Integer.MIN_VALUE, Integer.MAX_VALUE);
        }
    }

    /** {@code long} options: any long-sized value; each option checks its own range. */
    static final class LongConverter implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            return parseInteger(value, Long.MIN_VALUE, Long.MAX_VALUE);
        }
    }
}
