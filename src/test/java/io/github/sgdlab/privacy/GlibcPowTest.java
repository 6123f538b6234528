package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GlibcPow#pow} against glibc's pow as Python's {@code math.pow} returns it
 * (src/test/python/glibc_pow_golden.py → privacy/glibc_pow.json, 2643 pairs in the ported case:
 * cephes stirf's arguments for x in [33, 172], random pairs over a wide range, and the two stirf
 * calls where {@link Math#pow} rounded the other way): bit for bit on every one.
 */
class GlibcPowTest {

    @DisplayName("pow equals glibc's bit for bit for a positive normal base")
    @Test
    void powEqualsGlibcBitForBit() {
        LibmGolden.Result result = LibmGolden.compareRows("privacy/glibc_pow.json",
                x -> GlibcPow.pow(x[0], x[1]), x -> Math.pow(x[0], x[1]));
        assertEquals(0, result.mismatches(), result.describe());
    }

    @DisplayName("pow leaves the cases it does not port to Math.pow")
    @Test
    void otherCases() {
        assertEquals(1.0, GlibcPow.pow(0.0, 0.0));
        assertEquals(-8.0, GlibcPow.pow(-2.0, 3.0));
        assertEquals(Double.POSITIVE_INFINITY, GlibcPow.pow(0.0, -1.0));
        assertEquals(Double.NaN, GlibcPow.pow(-2.0, 0.5));
        assertEquals(1.0, GlibcPow.pow(5.0, 1e-30));
    }
}
