package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link Faddeeva#logNdtr} against scipy 1.10's {@code special.log_ndtr}
 * (src/test/python/scipy_log_ndtr_golden.py → privacy/scipy_log_ndtr.json): random arguments in
 * both branches and the far tail, and every argument of Opacus's series at q = 0.5, σ = 20,
 * order 3.8, where {@link GaussianTail}'s own erfc left the RDP 2.5e-12 from Opacus's. All 2709
 * are bit for bit equal; the message names the first that is not.
 */
class FaddeevaTest {

    @DisplayName("log_ndtr equals scipy's bit for bit")
    @Test
    void logNdtrEqualsScipyBitForBit() {
        LibmGolden.Result result = LibmGolden.compare("privacy/scipy_log_ndtr.json",
                Faddeeva::logNdtr, FaddeevaTest::gaussianTailLogNdtr);
        assertEquals(0, result.mismatches(), result.describe());
    }

    @DisplayName("erfc and erfcx keep their limits")
    @Test
    void limits() {
        assertEquals(1.0, Faddeeva.erfc(0.0));
        assertEquals(0.0, Faddeeva.erfc(30.0));
        assertEquals(2.0, Faddeeva.erfc(-30.0));
        assertEquals(Double.POSITIVE_INFINITY, Faddeeva.erfcx(-27.0));
        assertEquals(0.56418958354775628694807945156 / 1e8, Faddeeva.erfcx(1e8));
    }

    /** log_ndtr's two branches over {@link GaussianTail}'s erfc and the JDK: the earlier way. */
    private static double gaussianTailLogNdtr(double x) {
        double t = x * 0.7071067811865476;
        if (x < -1.0) {
            return Math.log(GaussianTail.erfcx(-t) / 2) - t * t;
        }
        return Math.log1p(-GaussianTail.erfc(t) / 2);
    }
}
