package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GlibcLog#log} against glibc's log as Python's {@code math.log} returns it
 * (src/test/python/glibc_log_golden.py → privacy/glibc_log.json, 3109 arguments: both branches,
 * the whole positive range, subnormals, and the two arguments of Opacus's {@code _log_sub} where
 * {@link Math#log} was found to round the other way): bit for bit on every one.
 */
class GlibcLogTest {

    @DisplayName("log equals glibc's bit for bit")
    @Test
    void logEqualsGlibcBitForBit() {
        LibmGolden.Result result = LibmGolden.compare("privacy/glibc_log.json",
                GlibcLog::log, Math::log);
        assertEquals(0, result.mismatches(), result.describe());
    }

    @DisplayName("log keeps IEEE's special values")
    @Test
    void specialValues() {
        assertEquals(0.0, GlibcLog.log(1.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(0.0));
        assertEquals(Double.NEGATIVE_INFINITY, GlibcLog.log(-0.0));
        assertEquals(Double.POSITIVE_INFINITY, GlibcLog.log(Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, GlibcLog.log(-1.0));
        assertEquals(Double.NaN, GlibcLog.log(Double.NaN));
    }
}
