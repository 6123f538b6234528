package io.github.sgdlab.privacy;

/**
 * A double-precision fast Fourier transform of any length, enough for the PRV accountant:
 * iterative radix-2 for powers of two, Bluestein's chirp-z algorithm (through a power-of-two
 * transform) for the rest. Arrays hold real and imaginary parts apart; transforms are in place.
 */
final class Fft {

    private final int n;
    private final int m;
    private final double[] cos;
    private final double[] sin;
    /** Bluestein: the chirp e^{−iπk²/n} and the transform of its conjugate, padded to m. */
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;
    private final Fft inner;

    /** A plan for transforms of length {@code n}. */
    Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be positive, got " + n);
        }
        this.n = n;
        if (Integer.bitCount(n) == 1) {
            m = n;
            cos = new double[Math.max(1, n / 2)];
            sin = new double[Math.max(1, n / 2)];
            fillHalfCircle(cos, sin, n);
            chirpRe = chirpIm = kernelRe = kernelIm = null;
            inner = null;
        } else {
            m = Integer.highestOneBit(2 * n - 1) << 1;
            cos = sin = null;
            inner = new Fft(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            long twoN = 2L * n;
            // e^{iπj/n} for j in [0, 2n): the chirp's angles are π(k² mod 2n)/n, exact however
            // large k is.
            double[] circleCos = new double[2 * n];
            double[] circleSin = new double[2 * n];
            fillFullCircle(circleCos, circleSin, 2 * n);
            for (int k = 0; k < n; k++) {
                int j = (int) (((long) k * k) % twoN);
                chirpRe[k] = circleCos[j];
                chirpIm[k] = -circleSin[j];
            }
            kernelRe = new double[m];
            kernelIm = new double[m];
            kernelRe[0] = chirpRe[0];
            kernelIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                kernelRe[k] = kernelRe[m - k] = chirpRe[k];
                kernelIm[k] = kernelIm[m - k] = -chirpIm[k];
            }
            inner.transform(kernelRe, kernelIm, false);
        }
    }

    /**
     * cos and sin of 2πk/n for k in [0, n/2), to about an ulp, for a sixteenth of the cost of
     * calling {@code Math.cos} and {@code Math.sin} for each.
     */
    static void fillHalfCircle(double[] cos, double[] sin, int n) {
        int half = n / 2;
        // Exact values every BLOCK entries; in between, the block's value rotated by a small
        // exact angle: one rounding per entry, no accumulation, a sixteenth of the trig calls.
        final int block = 16;
        double[] smallCos = new double[block];
        double[] smallSin = new double[block];
        for (int j = 0; j < block; j++) {
            double angle = 2 * Math.PI * j / n;
            smallCos[j] = Math.cos(angle);
            smallSin[j] = Math.sin(angle);
        }
        for (int base = 0; base < half; base += block) {
            double c;
            double s;
            if (4L * base <= n) {
                double angle = 2 * Math.PI * base / n;
                c = Math.cos(angle);
                s = Math.sin(angle);
            } else {
                double angle = 2 * Math.PI * (half - base) / n; // π − θ
                c = -Math.cos(angle);
                s = Math.sin(angle);
            }
            int end = Math.min(half, base + block);
            for (int k = base; k < end; k++) {
                int j = k - base;
                cos[k] = c * smallCos[j] - s * smallSin[j];
                sin[k] = s * smallCos[j] + c * smallSin[j];
            }
        }
    }

    /** cos and sin of 2πj/n for j in [0, n), n even, by the half circle and its mirror image. */
    static void fillFullCircle(double[] cos, double[] sin, int n) {
        fillHalfCircle(cos, sin, n);
        cos[n / 2] = -1;
        sin[n / 2] = 0;
        for (int j = n / 2 + 1; j < n; j++) {
            cos[j] = cos[n - j];
            sin[j] = -sin[n - j];
        }
    }

    /** The length this plan transforms. */
    int length() {
        return n;
    }

    /**
     * Transforms in place: X_k = Σ x_j e^{∓2πijk/n} (minus sign forward); the inverse is not
     * divided by n.
     */
    void transform(double[] re, double[] im, boolean inverse) {
        if (inner == null) {
            radix2(re, im, inverse);
        } else {
            bluestein(re, im, inverse);
        }
    }

    private void radix2(double[] re, double[] im, boolean inverse) {
        // bit reversal
        for (int i = 1, j = 0; i < n; i++) {
            int bit = n >> 1;
            for (; (j & bit) != 0; bit >>= 1) {
                j ^= bit;
            }
            j ^= bit;
            if (i < j) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        int h = 1;
        if ((Integer.numberOfTrailingZeros(n) & 1) == 1) {
            // One radix-2 pass (twiddle 1) when log2 n is odd.
            for (int a = 0; a < n; a += 2) {
                double xr = re[a + 1];
                double xi = im[a + 1];
                re[a + 1] = re[a] - xr;
                im[a + 1] = im[a] - xi;
                re[a] += xr;
                im[a] += xi;
            }
            h = 2;
        }
        // Two radix-2 passes fused (spans h and 2h): half the sweeps over the arrays.
        for (; 4 * h <= n; h *= 4) {
            int step2 = n / (2 * h);
            int step4 = n / (4 * h);
            for (int start = 0; start < n; start += 4 * h) {
                for (int k = 0; k < h; k++) {
                    double w2r = cos[k * step2];
                    double w2i = sign * sin[k * step2];
                    double w4r = cos[k * step4];
                    double w4i = sign * sin[k * step4];
                    int a = start + k;
                    int b = a + h;
                    int c = b + h;
                    int d = c + h;
                    double t1r = re[b] * w2r - im[b] * w2i;
                    double t1i = re[b] * w2i + im[b] * w2r;
                    double t3r = re[d] * w2r - im[d] * w2i;
                    double t3i = re[d] * w2i + im[d] * w2r;
                    double y0r = re[a] + t1r;
                    double y0i = im[a] + t1i;
                    double y1r = re[a] - t1r;
                    double y1i = im[a] - t1i;
                    double y2r = re[c] + t3r;
                    double y2i = im[c] + t3i;
                    double y3r = re[c] - t3r;
                    double y3i = im[c] - t3i;
                    double u2r = y2r * w4r - y2i * w4i;
                    double u2i = y2r * w4i + y2i * w4r;
                    double v3r = y3r * w4r - y3i * w4i;
                    double v3i = y3r * w4i + y3i * w4r;
                    // times ∓i (W_4h^h): forward −i, inverse +i
                    double u3r = -sign * v3i;
                    double u3i = sign * v3r;
                    re[a] = y0r + u2r;
                    im[a] = y0i + u2i;
                    re[c] = y0r - u2r;
                    im[c] = y0i - u2i;
                    re[b] = y1r + u3r;
                    im[b] = y1i + u3i;
                    re[d] = y1r - u3r;
                    im[d] = y1i - u3i;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im, boolean inverse) {
        double[] ar = new double[m];
        double[] ai = new double[m];
        // The inverse is the conjugate of the forward transform of the conjugate.
        double s = inverse ? -1 : 1;
        for (int k = 0; k < n; k++) {
            double xr = re[k];
            double xi = s * im[k];
            ar[k] = xr * chirpRe[k] - xi * chirpIm[k];
            ai[k] = xr * chirpIm[k] + xi * chirpRe[k];
        }
        inner.transform(ar, ai, false);
        for (int k = 0; k < m; k++) {
            double xr = ar[k];
            double xi = ai[k];
            ar[k] = xr * kernelRe[k] - xi * kernelIm[k];
            ai[k] = xr * kernelIm[k] + xi * kernelRe[k];
        }
        inner.transform(ar, ai, true);
        double scale = 1.0 / m;
        for (int k = 0; k < n; k++) {
            double xr = ar[k] * scale;
            double xi = ai[k] * scale;
            re[k] = xr * chirpRe[k] - xi * chirpIm[k];
            im[k] = s * (xr * chirpIm[k] + xi * chirpRe[k]);
        }
    }
}
