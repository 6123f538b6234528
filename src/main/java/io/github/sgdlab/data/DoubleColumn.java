package io.github.sgdlab.data;

import java.util.Arrays;

/**
 * A column of doubles that grows as rows are read: a primitive array, not a list of boxed
 * values, so 10^7 rows take 80 MB and not several hundred.
 */
final class DoubleColumn {

    private double[] values = new double[1024];
    private int size;

    /**
     * Appends a value, growing the array by half when it is full: less spare room than
     * doubling, so the largest files stay within their memory budget.
     *
     * @param value the value
     */
    void add(double value) {
        if (size == values.length) {
            values = Arrays.copyOf(values, values.length + (values.length >> 1));
        }
        values[size++] = value;
    }

    /**
     * The values so far, in an array of exactly that length. The column must not be used after.
     *
     * @return the values
     */
    double[] toArray() {
        double[] result = size == values.length ? values : Arrays.copyOf(values, size);
        values = null;
        return result;
    }
}
