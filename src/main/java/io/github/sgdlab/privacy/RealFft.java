package io.github.sgdlab.privacy;

/**
 * The transform of a real sequence of even length N (numpy's {@code rfft}/{@code irfft}): N/2 + 1
 * complex values, computed with one complex transform of length N/2 on the sequence packed as
 * (even, odd) pairs.
 */
final class RealFft {

    private final int n;
    private final int half;
    private final Fft fft;
    private final double[] twiddleRe;
    private final double[] twiddleIm;

    /**
     * Plans for the lengths used lately (up to eight, then the cache starts over): a plan's
     * tables (and, for a length with a large prime factor, Bluestein's transformed chirp, one of
     * the five transforms an ε otherwise costs) depend on the length only, and repeated ε
     * evaluations — a noise search, a training run's accountant — meet the same lengths again.
     * Plans are immutable, so sharing them is safe.
     */
    private static final int CACHED_PLANS = 8;

    private static final java.util.Map<Integer, RealFft> PLANS = new java.util.HashMap<>();

    /** The plan for length {@code n}, shared with earlier callers of the same length. */
    static RealFft plan(int n) {
        synchronized (PLANS) {
            RealFft plan = PLANS.get(n);
            if (plan == null) {
                if (PLANS.size() >= CACHED_PLANS) {
                    PLANS.clear(); // a new run of lengths: start over rather than grow
                }
                plan = new RealFft(n);
                PLANS.put(n, plan);
            }
            return plan;
        }
    }

    RealFft(int n) {
        if (n < 2 || n % 2 != 0) {
            throw new IllegalArgumentException("real FFT length must be even, got " + n);
        }
        this.n = n;
        this.half = n / 2;
        this.fft = new Fft(half);
        twiddleRe = new double[half + 1];
        twiddleIm = new double[half + 1];
        double[] cos = new double[half + 1];
        double[] sin = new double[half + 1];
        Fft.fillHalfCircle(cos, sin, n);
        for (int k = 0; k < half; k++) {
            twiddleRe[k] = cos[k];
            twiddleIm[k] = -sin[k];
        }
        twiddleRe[half] = -1;
        twiddleIm[half] = 0;
    }

    /** Forward transform of {@code x} (length N) into {@code re}, {@code im} (length N/2 + 1). */
    void forward(double[] x, double[] re, double[] im) {
        double[] zr = new double[half];
        double[] zi = new double[half];
        for (int k = 0; k < half; k++) {
            zr[k] = x[2 * k];
            zi[k] = x[2 * k + 1];
        }
        fft.transform(zr, zi, false);
        for (int k = 0; k <= half; k++) {
            int a = k % half;
            int b = (half - k) % half;
            double ar = zr[a];
            double ai = zi[a];
            double br = zr[b];
            double bi = -zi[b];
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai + bi);
            // O = (Z_k − conj Z_{h−k}) / 2i
            double or = 0.5 * (ai - bi);
            double oi = -0.5 * (ar - br);
            double wr = twiddleRe[k];
            double wi = twiddleIm[k];
            re[k] = er + (or * wr - oi * wi);
            im[k] = ei + (or * wi + oi * wr);
        }
    }

    /**
     * Inverse transform (numpy's {@code irfft}, divided by N; the imaginary parts of the first
     * and last values are ignored), of {@code re}, {@code im} (length N/2 + 1) into {@code x}.
     */
    void inverse(double[] re, double[] im, double[] x) {
        double[] zr = new double[half];
        double[] zi = new double[half];
        for (int k = 0; k < half; k++) {
            double ar = re[k];
            double ai = k == 0 ? 0.0 : im[k];
            int j = half - k;
            double br = re[j];
            double bi = j == half || j == 0 ? 0.0 : -im[j];
            double er = 0.5 * (ar + br);
            double ei = 0.5 * (ai + bi);
            double dr = 0.5 * (ar - br);
            double di = 0.5 * (ai - bi);
            // O = D · conj(W^k)
            double wr = twiddleRe[k];
            double wi = -twiddleIm[k];
            double or = dr * wr - di * wi;
            double oi = dr * wi + di * wr;
            // Z = E + i O
            zr[k] = er - oi;
            zi[k] = ei + or;
        }
        fft.transform(zr, zi, true);
        double scale = 1.0 / half;
        for (int k = 0; k < half; k++) {
            x[2 * k] = zr[k] * scale;
            x[2 * k + 1] = zi[k] * scale;
        }
    }
}
