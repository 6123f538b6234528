package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GlibcExp#exp} against glibc's exp as Python's {@code math.exp} returns it
 * (src/test/python/glibc_exp_golden.py → privacy/glibc_exp.json, 3049 arguments over the whole
 * range, subnormal results included): bit for bit on every one, where {@link Math#exp} differs on
 * a few (the message says how many, to show the port is what makes the difference).
 */
class GlibcExpTest {

    @DisplayName("exp equals glibc's bit for bit")
    @Test
    void expEqualsGlibcBitForBit() {
        LibmGolden.Result result = LibmGolden.compare("privacy/glibc_exp.json",
                GlibcExp::exp, Math::exp);
        assertEquals(0, result.mismatches(), result.describe());
    }

    @DisplayName("exp keeps IEEE's special values")
    @Test
    void specialValues() {
        assertEquals(1.0, GlibcExp.exp(0.0));
        assertEquals(0.0, GlibcExp.exp(Double.NEGATIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, GlibcExp.exp(Double.POSITIVE_INFINITY));
        assertEquals(Double.POSITIVE_INFINITY, GlibcExp.exp(710.0));
        assertEquals(0.0, GlibcExp.exp(-746.0));
        assertEquals(Double.NaN, GlibcExp.exp(Double.NaN));
    }
}
