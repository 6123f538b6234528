package io.github.sgdlab.bench;

import io.github.sgdlab.files.DoubleText;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleFunction;

/**
 * Benchmark, not a test: nanoseconds per value of {@link DoubleText#of} against
 * {@link Double#toString}, one thread, on three kinds of doubles: random bit patterns, values
 * a descent writes (random θ-like numbers of a few magnitudes), and values JDK 17's
 * {@code Double.toString} mis-rounds (where the earlier DoubleText fell back to BigDecimal). A
 * third column times any other writer given as a class name with a static
 * {@code of(double)} method (the script passes the earlier DoubleText, compiled from git).
 *
 * <p>Run by {@code src/test/bench/double-text.sh}; arguments: values per kind, rounds, and
 * optionally the other writer's class name.
 */
public final class DoubleTextTiming {

    private DoubleTextTiming() {}

    /**
     * Times and prints one line per kind: the median over the rounds of ns per value.
     *
     * @param args values per kind, rounds, [class name of another writer]
     * @throws ReflectiveOperationException if the other writer cannot be loaded
     */
    public static void main(String[] args) throws ReflectiveOperationException {
        int count = Integer.parseInt(args[0]);
        int rounds = Integer.parseInt(args[1]);
        DoubleFunction<String> other = null;
        if (args.length > 2) {
            java.lang.reflect.Method of = Class.forName(args[2]).getMethod("of", double.class);
            other = x -> {
                try {
                    return (String) of.invoke(null, x);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(e);
                }
            };
        }
        SplittableRandom random = new SplittableRandom(2026);
        double[][] kinds = {new double[count], new double[count], new double[count]};
        String[] names = {"random bit patterns", "descent-like values", "mis-rounded by JDK 17"};
        for (int i = 0; i < count; i++) {
            double x;
            do {
                x = Double.longBitsToDouble(random.nextLong());
            } while (!Double.isFinite(x));
            kinds[0][i] = x;
            kinds[1][i] = (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(7) - 3);
        }
        int found = 0;
        while (found < count) {
            double x = Double.longBitsToDouble(random.nextLong() & Long.MAX_VALUE);
            if (Double.isFinite(x) && x != 0
                    && DoubleText.of(x).length() < Double.toString(x).length()) {
                kinds[2][found++] = x;
            }
        }
        System.out.printf("%-24s %14s %16s %14s%n", "values", "DoubleText ns", "toString ns",
                other == null ? "" : "other ns");
        for (int k = 0; k < kinds.length; k++) {
            double ours = median(kinds[k], rounds, DoubleText::of);
            double jdk = median(kinds[k], rounds, Double::toString);
            String third = other == null ? ""
                    : String.format("%14.1f", median(kinds[k], Math.max(1, rounds / 3), other));
            System.out.printf("%-24s %14.1f %16.1f %s%n", names[k], ours, jdk, third);
        }
    }

    /** The median over the rounds of ns per value; the first round warms up and is dropped. */
    private static double median(double[] values, int rounds, DoubleFunction<String> writer) {
        double[] times = new double[rounds];
        long sink = 0;
        for (int r = -1; r < rounds; r++) {
            long start = System.nanoTime();
            for (double x : values) {
                sink += writer.apply(x).length();
            }
            long elapsed = System.nanoTime() - start;
            if (r >= 0) {
                times[r] = (double) elapsed / values.length;
            }
        }
        if (sink == 42) {
            System.out.print("");
        }
        Arrays.sort(times);
        return times[rounds / 2];
    }
}
