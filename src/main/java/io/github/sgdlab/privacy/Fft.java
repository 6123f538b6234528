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
     * cos and sin of 2πk/n for k in [0, n/2), each computed once in the first quarter and
     * reflected: the table is as accurate as direct calls, for a quarter of their cost.
     */
    static void fillHalfCircle(double[] cos, double[] sin, int n) {
        int half = n / 2;
        for (int k = 0; k < half; k++) {
            if (4L * k <= n) {
                double angle = 2 * Math.PI * k / n;
                cos[k] = Math.cos(angle);
                sin[k] = Math.sin(angle);
            } else {
                double angle = 2 * Math.PI * (half - k) / n; // π − θ
                cos[k] = -Math.cos(angle);
                sin[k] = Math.sin(angle);
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
        for (int len = 2; len <= n; len <<= 1) {
            int half = len >> 1;
            int stride = n / len;
            for (int start = 0; start < n; start += len) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * stride];
                    double wi = sign * sin[k * stride];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
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
