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
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int k = 0; k < n / 2; k++) {
                double angle = 2 * Math.PI * k / n;
                cos[k] = Math.cos(angle);
                sin[k] = Math.sin(angle);
            }
            chirpRe = chirpIm = kernelRe = kernelIm = null;
            inner = null;
        } else {
            m = Integer.highestOneBit(2 * n - 1) << 1;
            cos = sin = null;
            inner = new Fft(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            long twoN = 2L * n;
            for (int k = 0; k < n; k++) {
                // k² mod 2n keeps the angle exact however large k is.
                long k2 = ((long) k * k) % twoN;
                double angle = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(angle);
                chirpIm[k] = -Math.sin(angle);
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
