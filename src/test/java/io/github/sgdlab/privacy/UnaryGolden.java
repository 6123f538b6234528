package io.github.sgdlab.privacy;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import io.github.sgdlab.Resources;
import java.util.function.DoubleUnaryOperator;

/**
 * A golden file {@code {"cases": [[x, f(x)], ...]}} written by a reference library (scipy, glibc
 * through Python), compared bit for bit with a port and, for the record, with the JDK's own
 * function: what the port-of-a-C-function tests share.
 */
final class UnaryGolden {

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

    private UnaryGolden() {
    }

    /**
     * Compares {@code port} (and {@code jdk}) with every case of a resource.
     *
     * @param resource the resource path, e.g. {@code privacy/glibc_exp.json}
     * @param port the ported function
     * @param jdk the JDK function it stands in for
     * @return the counts
     */
    static Result compare(String resource, DoubleUnaryOperator port, DoubleUnaryOperator jdk) {
        JsonArray cases = Resources.json(resource).getAsJsonArray("cases");
        int mismatches = 0;
        int jdkMismatches = 0;
        String first = "";
        for (JsonElement e : cases) {
            JsonArray c = e.getAsJsonArray();
            double x = c.get(0).getAsDouble();
            long expected = Double.doubleToRawLongBits(c.get(1).getAsDouble());
            double actual = port.applyAsDouble(x);
            if (expected != Double.doubleToRawLongBits(jdk.applyAsDouble(x))) {
                jdkMismatches++;
            }
            if (expected != Double.doubleToRawLongBits(actual) && mismatches++ == 0) {
                first = "f(" + x + ") = " + actual + ", expected " + c.get(1).getAsDouble();
            }
        }
        return new Result(cases.size(), mismatches, jdkMismatches, first);
    }
}
