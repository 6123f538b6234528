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
     * Plans for the lengths used lately, the least recently used dropped once their tables pass
     * {@link #CACHE_DOUBLES} doubles (the latest is always kept): a plan's tables (and, for a
     * length with a large prime factor, Bluestein's transformed chirp, one of the five
     * transforms an ε otherwise costs) depend on the length only, and repeated ε evaluations of
     * one history — the forward and inverse transform of one ε, the same ε asked again — meet
     * the same length. A bound in memory rather than in count, because a plan for a long run
     * holds tens of megabytes, and a cache of several of them made every collection copy them
     * (measured: 1.5–2.3 s of serial-collector pauses over 20 ε evaluations with 8 plans kept).
     * Plans are immutable, so sharing them is safe.
     */
    static final long CACHE_DOUBLES = 1L << 22;

    private static final java.util.LinkedHashMap<Integer, RealFft> PLANS =
            new java.util.LinkedHashMap<>(16, 0.75f, true);

    /** The plan for length {@code n}, shared with earlier callers of the same length. */
    static RealFft plan(int n) {
        synchronized (PLANS) {
            RealFft plan = PLANS.get(n);
            if (plan == null) {
                plan = new RealFft(n);
                PLANS.put(n, plan);
                long total = 0;
                for (RealFft p : PLANS.values()) {
                    total += p.doubles();
                }
                var eldest = PLANS.values().iterator();
                while (total > CACHE_DOUBLES && PLANS.size() > 1) {
                    total -= eldest.next().doubles();
                    eldest.remove();
                }
            }
            return plan;
        }
    }

    /** The doubles this plan's tables hold. */
    long doubles() {
        return twiddleRe.length + twiddleIm.length + fft.doubles();
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
        forward(x, re, im, newWork());
    }

    /**
     * Scratch for the transforms that take it, reusable by any number of transforms of this
     * plan on one thread (a forward and an inverse transform share it: half the allocation).
     */
    double[][] newWork() {
        double[][] inner = fft.newWork();
        double[][] work = new double[inner.length + 2][];
        work[0] = new double[half];
        work[1] = new double[half];
        System.arraycopy(inner, 0, work, 2, inner.length);
        return work;
    }

    private double[][] innerWork(double[][] work) {
        return java.util.Arrays.copyOfRange(work, 2, work.length);
    }

    /** As {@link #forward(double[], double[], double[])}, its scratch {@code work} given. */
    void forward(double[] x, double[] re, double[] im, double[][] work) {
        double[] zr = work[0];
        double[] zi = work[1];
        for (int k = 0; k < half; k++) {
            zr[k] = x[2 * k];
            zi[k] = x[2 * k + 1];
        }
        fft.transform(zr, zi, false, innerWork(work));
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
        inverse(re, im, x, newWork());
    }

    /** As {@link #inverse(double[], double[], double[])}, its scratch {@code work} given. */
    void inverse(double[] re, double[] im, double[] x, double[][] work) {
        double[] zr = work[0];
        double[] zi = work[1];
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
        fft.transform(zr, zi, true, innerWork(work));
        double scale = 1.0 / half;
        for (int k = 0; k < half; k++) {
            x[2 * k] = zr[k] * scale;
            x[2 * k + 1] = zi[k] * scale;
        }
    }
}
