package io.github.sgdlab.privacy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Fft} and {@link RealFft} against the transform's definition, summed term by term with
 * each angle reduced exactly (jk mod n), on lengths that take every path: powers of two and four,
 * each written-out radix (2, 3, 4, 5), the direct butterfly of a larger prime, mixtures, and
 * lengths whose large prime factor sends them through Bluestein's algorithm.
 */
class FftTest {

    /** Errors of a correct FFT are a few ulps of the input's norm; a wrong butterfly is O(1). */
    private static final double TOLERANCE = 1e-13;

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {1, 2, 3, 4, 5, 6, 7, 8, 9, 12, 15, 16, 25, 30, 49, 60, 64, 97, 128, 210,
        243, 1001, 1024, 2048, 2310, 3125, 4096, 6000, 6054, 7919, 8161})
    void complexTransformEqualsTheDefinition(int n) {
        Random random = new Random(n);
        double[] xr = random.doubles(n, -1, 1).toArray();
        double[] xi = random.doubles(n, -1, 1).toArray();
        for (boolean inverse : new boolean[] {false, true}) {
            double[][] expected = naive(xr, xi, inverse);
            double[] re = xr.clone();
            double[] im = xi.clone();
            new Fft(n).transform(re, im, inverse);
            double scale = TOLERANCE * Math.sqrt(n) * Math.max(1, Math.log(n));
            for (int k = 0; k < n; k++) {
                assertEquals(expected[0][k], re[k], scale * Math.sqrt(n), "re " + k);
                assertEquals(expected[1][k], im[k], scale * Math.sqrt(n), "im " + k);
            }
        }
    }

    @Test
    void largePrimeFactorsGoThroughBluesteinSmoothLengthsDoNot() {
        assertTrue(new Fft(7919).usesBluestein());
        assertTrue(new Fft(2 * 3 * 1009).usesBluestein());
        assertTrue(new Fft(8 * 3 * 8161).usesBluestein());
        assertTrue(!new Fft(6000).usesBluestein());
        assertTrue(!new Fft(1 << 20).usesBluestein());
        assertTrue(!new Fft(7 * 11 * 13).usesBluestein());
    }

    @Test
    void smoothLengthIsTheLeastTwoThreeFiveNumberAbove() {
        assertEquals(1, Fft.smoothAtLeast(1));
        assertEquals(8, Fft.smoothAtLeast(7));
        assertEquals(3125, Fft.smoothAtLeast(3073));
        assertEquals(1 << 20, Fft.smoothAtLeast(1 << 20));
        assertEquals(1049760, Fft.smoothAtLeast((1 << 20) + 1)); // 2^5·3^8·5
        assertArrayEquals(new int[] {2, 4, 3, 5, 7}, Fft.factorize(8 * 3 * 5 * 7));
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {2, 4, 6, 10, 14, 98, 256, 1000, 2002, 12108, 16322})
    void realTransformEqualsTheDefinitionAndInvertsIt(int n) {
        Random random = new Random(n);
        double[] x = random.doubles(n, 0, 1).toArray();
        double[][] expected = naive(x, new double[n], false);
        RealFft fft = new RealFft(n);
        double[] re = new double[n / 2 + 1];
        double[] im = new double[n / 2 + 1];
        fft.forward(x, re, im);
        double tolerance = TOLERANCE * n * Math.max(1, Math.log(n));
        for (int k = 0; k <= n / 2; k++) {
            assertEquals(expected[0][k], re[k], tolerance, "re " + k);
            assertEquals(expected[1][k], im[k], tolerance, "im " + k);
        }
        double[] back = new double[n];
        fft.inverse(re, im, back);
        for (int j = 0; j < n; j++) {
            assertEquals(x[j], back[j], TOLERANCE * Math.max(1, Math.log(n)), "x " + j);
        }
    }

    /** Σ x_j e^{∓2πijk/n}, each angle from jk mod n. */
    private static double[][] naive(double[] xr, double[] xi, boolean inverse) {
        int n = xr.length;
        double sign = inverse ? 1 : -1;
        double[] cos = new double[n];
        double[] sin = new double[n];
        for (int j = 0; j < n; j++) {
            cos[j] = Math.cos(2 * Math.PI * j / n);
            sin[j] = sign * Math.sin(2 * Math.PI * j / n);
        }
        double[] re = new double[n];
        double[] im = new double[n];
        for (int k = 0; k < n; k++) {
            double sr = 0;
            double si = 0;
            for (int j = 0; j < n; j++) {
                int m = (int) ((long) j * k % n);
                sr += xr[j] * cos[m] - xi[j] * sin[m];
                si += xr[j] * sin[m] + xi[j] * cos[m];
            }
            re[k] = sr;
            im[k] = si;
        }
        return new double[][] {re, im};
    }
}
