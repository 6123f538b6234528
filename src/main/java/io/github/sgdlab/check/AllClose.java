package io.github.sgdlab.check;

import ai.djl.ndarray.types.Shape;

import java.util.Locale;

/**
 * numpy's {@code assert_allclose} on flat doubles: element i passes when
 * {@code |actual_i - expected_i| <= atol + rtol * |expected_i|}, NaN equals NaN, and an infinity
 * equals only the same infinity. The message follows numpy's, with the first mismatches and their
 * indices.
 */
final class AllClose {

    /** How many mismatches the message lists. */
    static final int LISTED = 10;

    private AllClose() {}

    /**
     * Whether one element passes.
     *
     * @param expected the expected value
     * @param actual the actual value
     * @param rtol the relative tolerance, on |expected|
     * @param atol the absolute tolerance
     * @return true if close
     */
    static boolean isClose(double expected, double actual, double rtol, double atol) {
        if (Double.isNaN(expected) || Double.isNaN(actual)) {
            return Double.isNaN(expected) && Double.isNaN(actual);
        }
        if (Double.isInfinite(expected) || Double.isInfinite(actual)) {
            return expected == actual;
        }
        return Math.abs(actual - expected) <= atol + rtol * Math.abs(expected);
    }

    /**
     * Compares two arrays of the same shape.
     *
     * @param expectedShape the expected shape
     * @param expected the expected values, flat, row-major
     * @param actualShape the actual shape
     * @param actual the actual values
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @return null if all close, else numpy's message
     */
    static String mismatch(Shape expectedShape, double[] expected, Shape actualShape,
            double[] actual, double rtol, double atol) {
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Not equal to tolerance rtol=%s, atol=%s\n\n", rtol, atol));
        if (!expectedShape.equals(actualShape)) {
            return out.append(String.format(Locale.ROOT,
                    "(shapes %s, %s mismatch): actual %s, expected %s\n",
                    actualShape, expectedShape, actualShape, expectedShape)).toString();
        }
        int mismatched = 0;
        double maxAbs = 0;
        double maxRel = 0;
        StringBuilder listed = new StringBuilder();
        for (int i = 0; i < expected.length; i++) {
            if (isClose(expected[i], actual[i], rtol, atol)) {
                continue;
            }
            mismatched++;
            double abs = Math.abs(actual[i] - expected[i]);
            // NaN against a number: report the difference as NaN, as numpy does.
            maxAbs = Double.isNaN(abs) ? abs : Math.max(maxAbs, abs);
            maxRel = Double.isNaN(abs) ? abs : Math.max(maxRel, abs / Math.abs(expected[i]));
            if (mismatched <= LISTED) {
                listed.append(String.format(Locale.ROOT, " %s: actual %s, expected %s\n",
                        index(expectedShape, i), actual[i], expected[i]));
            }
        }
        if (mismatched == 0) {
            return null;
        }
        out.append(String.format(Locale.ROOT, "Shape: %s\n", expectedShape));
        out.append(String.format(Locale.ROOT, "Mismatched elements: %d / %d (%.3g%%)\n",
                mismatched, expected.length, 100.0 * mismatched / expected.length));
        out.append(String.format(Locale.ROOT,
                "Max absolute difference among violations: %s\n", maxAbs));
        out.append(String.format(Locale.ROOT,
                "Max relative difference among violations: %s\n", maxRel));
        out.append(mismatched > LISTED ? "First " + LISTED + " mismatches:\n" : "Mismatches:\n");
        return out.append(listed).toString();
    }

    /**
     * The index of flat element i in a row-major array of the given shape, as {@code [i, j]}.
     *
     * @param shape the shape
     * @param flat the flat index
     * @return the multi-index
     */
    static String index(Shape shape, long flat) {
        int dimensions = shape.dimension();
        if (dimensions == 0) {
            return "[]";
        }
        long[] index = new long[dimensions];
        long rest = flat;
        for (int d = dimensions - 1; d >= 0; d--) {
            index[d] = rest % shape.get(d);
            rest /= shape.get(d);
        }
        StringBuilder out = new StringBuilder("[");
        for (int d = 0; d < dimensions; d++) {
            out.append(d == 0 ? "" : ", ").append(index[d]);
        }
        return out.append(']').toString();
    }

    /**
     * The values as an IDE diff should show them: the shape, then one element per line with its
     * index, so a diff points at the elements that differ.
     *
     * @param shape the shape
     * @param values the values, flat
     * @return the text
     */
    static String text(Shape shape, double[] values) {
        StringBuilder out = new StringBuilder("shape " + shape + "\n");
        for (int i = 0; i < values.length; i++) {
            out.append(index(shape, i)).append(' ').append(values[i]).append('\n');
        }
        return out.toString();
    }
}
