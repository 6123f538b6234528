package io.github.sgdlab.privacy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.github.sgdlab.Resources;
import java.util.Arrays;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * A golden file {@code {"cases": [[x…, f(x…)], ...]}} written by a reference library (scipy,
 * glibc through Python), compared bit for bit with a port and, for the record, with the JDK's own
 * function: what the tests of the ported C functions share.
 */
final class LibmGolden {

    /**
     * What the comparison found.
     *
     * @param cases how many values the file holds
     * @param mismatches how many the port does not give bit for bit
     * @param jdkMismatches how many the JDK's function does not give bit for bit
     * @param first the first value the port misses, or an empty string
     */
    record Result(int cases, int mismatches, int jdkMismatches, String first) {

        /** One line for an assertion message. */
        String describe() {
            return mismatches + " of " + cases + " differ (the JDK's function: " + jdkMismatches
                    + ")" + (first.isEmpty() ? "" : "; first " + first);
        }
    }

    private LibmGolden() {
    }

    /**
     * Compares a function of one argument with every case of a resource.
     *
     * @param resource the resource path, e.g. {@code privacy/glibc_exp.json}
     * @param port the ported function
     * @param jdk the JDK function it stands in for
     * @return the counts
     */
    static Result compare(String resource, DoubleUnaryOperator port, DoubleUnaryOperator jdk) {
        return compareRows(resource, x -> port.applyAsDouble(x[0]), x -> jdk.applyAsDouble(x[0]));
    }

    /**
     * Compares a function of the cases' leading columns with their last column.
     *
     * @param resource the resource path
     * @param port the ported function, of the arguments in order
     * @param jdk the JDK function it stands in for
     * @return the counts
     */
    static Result compareRows(String resource, ToDoubleFunction<double[]> port,
            ToDoubleFunction<double[]> jdk) {
        JsonArray cases = Resources.json(resource).getAsJsonArray("cases");
        int mismatches = 0;
        int jdkMismatches = 0;
        String first = "";
        for (JsonElement e : cases) {
            double[] row = Resources.doubles(e.getAsJsonArray());
            double[] x = Arrays.copyOf(row, row.length - 1);
            long expected = Double.doubleToRawLongBits(row[row.length - 1]);
            double actual = port.applyAsDouble(x);
            if (expected != Double.doubleToRawLongBits(jdk.applyAsDouble(x))) {
                jdkMismatches++;
            }
            if (expected != Double.doubleToRawLongBits(actual) && mismatches++ == 0) {
                first = "f" + Arrays.toString(x) + " = " + actual + ", expected "
                        + row[row.length - 1];
            }
        }
        return new Result(cases.size(), mismatches, jdkMismatches, first);
    }
}
