package io.github.sgdlab.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** numpy's pairwise summation order, on inputs where the order shows. */
class NumpySumTest {

    @Test
    @DisplayName("under 8 terms the sum runs left to right")
    void shortSumsAreSequential() {
        assertEquals((1e16 + 1.0) + 1.0, NumpySum.sum(new double[] {1e16, 1.0, 1.0}), 0.0);
    }

    @Test
    @DisplayName("from 8 terms on, eight running sums are combined pairwise, unlike a plain loop")
    void eightWayUnrolling() {
        double[] values = {1e16, 1, 1, 1, 1, 1, 1, 1, 1};
        double sequential = 0;
        for (double v : values) {
            sequential += v;
        }
        // r[0] = 1e16 + 1 (rounds to 1e16), r[1..7] = 1, then ((r0+r1)+(r2+r3))+((r4+r5)+(r6+r7)) + 1:
        // the seven ones meet as 2 + 2 + 2 + ... before touching 1e16.
        double expected = ((1e16 + 1) + (1 + 1)) + ((1 + 1) + (1 + 1));
        expected += 1;
        assertEquals(expected, NumpySum.sum(values), 0.0);
        assertNotEquals(sequential, NumpySum.sum(values));
    }
}
