package io.github.sgdlab.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A column of doubles that grows as rows are read: primitive arrays, not a list of boxed
 * values, so 10^7 rows take 80 MB and not several hundred.
 *
 * <p>It grows in fixed blocks rather than by copying into ever larger arrays: growing by copying
 * holds the old and the new array at once and leaves the old ones as garbage, which for four
 * columns of 10^7 rows costs hundreds of megabytes of heap at the peak. Blocks are copied once,
 * into the exact-size result, and each is dropped as soon as it is copied.
 */
final class DoubleColumn {

    /**
     * Values per block: with its 16-byte header an array of exactly 8 MB, a whole number of G1
     * regions (1 to 8 MB), so that blocks go straight to the old generation without wasting
     * space. Young collections then never copy the column, which keeps them short; long young
     * pauses make G1 grow the heap, by hundreds of megabytes on a busy machine.
     */
    private static final int BLOCK = (8 << 20) / Double.BYTES - 2;

    private final List<double[]> blocks = new ArrayList<>();
    private double[] current = new double[1024];
    private int inCurrent;
    private int size;

    /**
     * Appends a value.
     *
     * @param value the value
     */
    void add(double value) {
        if (inCurrent == current.length) {
            if (current.length < BLOCK) {
                // Small columns grow by doubling up to one block, so a 40-row file takes little.
                current = Arrays.copyOf(current, Math.min(BLOCK, current.length * 2));
            } else {
                blocks.add(current);
                current = new double[BLOCK];
                inCurrent = 0;
            }
        }
        current[inCurrent++] = value;
        size++;
    }

    /**
     * The values so far, in an array of exactly that length. The column must not be used after.
     *
     * @return the values
     */
    double[] toArray() {
        double[] result = new double[size];
        int at = 0;
        for (int b = 0; b < blocks.size(); b++) {
            double[] block = blocks.set(b, null);
            System.arraycopy(block, 0, result, at, block.length);
            at += block.length;
        }
        System.arraycopy(current, 0, result, at, inCurrent);
        blocks.clear();
        current = null;
        return result;
    }
}
