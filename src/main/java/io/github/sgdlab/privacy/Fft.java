package io.github.sgdlab.privacy;

/**
 * A double-precision fast Fourier transform of any length, enough for the PRV accountant. Lengths
 * whose prime factors are small go through a mixed-radix Stockham transform (radices 4, 2, 3, 5
 * written out, any other prime by a direct butterfly), the scheme of pocketfft, which numpy and
 * scipy use; a length with a large prime factor goes through Bluestein's chirp-z algorithm on the
 * smallest 2·3·5-smooth length that holds the linear convolution, when pocketfft's cost estimate
 * says that is cheaper. Arrays hold real and imaginary parts apart; results come back in place.
 *
 * <p>Why not radix 2 throughout: the PRV grid's length is whatever the privacy parameters make
 * it, so a power of two would mean Bluestein (two transforms of up to four times the length, and
 * a third for its kernel) on almost every grid, where a 2·3·5-smooth half-length needs one
 * transform of the length itself, and Bluestein on a smooth length ~2n instead of a power of two
 * up to ~4n.
 */
final class Fft {

    /** Radices with hand-written butterflies; any other prime factor takes the direct one. */
    private static final int[] WRITTEN_OUT = {2, 3, 4, 5};

    private final int n;
    /** Direct plan: the factors in the order applied, and each pass's twiddles W^(j·l1·i). */
    private final int[] factors;
    private final double[][] twiddleRe;
    private final double[][] twiddleIm;
    /** Direct plan, a factor above 5: cos and sin of 2πj/p, j in [0, p). */
    private final double[][] rootRe;
    private final double[][] rootIm;
    /** Bluestein: the chirp e^{−iπk²/n}, the transform of its conjugate padded to m, the plan of m. */
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] kernelRe;
    private final double[] kernelIm;
    private final Fft inner;

    /** A plan for transforms of length {@code n}. */
    Fft(int n) {
        this(n, true);
    }

    /**
     * A plan for transforms of length {@code n}, through Bluestein's algorithm only if allowed
     * and estimated cheaper.
     */
    Fft(int n, boolean allowBluestein) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be positive, got " + n);
        }
        this.n = n;
        int m = n < 50 ? 0 : smoothAtLeast(2L * n - 1);
        if (!allowBluestein || m == 0 || 2 * 1.5 * cost(m) >= cost(n)) {
            factors = factorize(n);
            twiddleRe = new double[factors.length][];
            twiddleIm = new double[factors.length][];
            rootRe = new double[factors.length][];
            rootIm = new double[factors.length][];
            computeTwiddles();
            chirpRe = chirpIm = kernelRe = kernelIm = null;
            inner = null;
        } else {
            factors = null;
            twiddleRe = twiddleIm = rootRe = rootIm = null;
            inner = new Fft(m, false); // m is 2·3·5-smooth: direct
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

    /** pocketfft's {@code cost_guess}: the length times the sum of its factors, odd ones over 5 dearer. */
    static double cost(long n) {
        double result = 0;
        long rest = n;
        while ((rest & 1) == 0) {
            result += 2;
            rest >>= 1;
        }
        for (long p = 3; p * p <= rest; p += 2) {
            while (rest % p == 0) {
                result += p <= 5 ? p : 1.1 * p;
                rest /= p;
            }
        }
        if (rest > 1) {
            result += rest <= 5 ? rest : 1.1 * rest;
        }
        return result * n;
    }

    /** The smallest 2^a·3^b·5^c at least {@code min}, or 0 past the int range. */
    static int smoothAtLeast(long min) {
        long best = Long.MAX_VALUE;
        for (long f5 = 1; f5 < best; f5 *= 5) {
            for (long f35 = f5; f35 < best; f35 *= 3) {
                long x = f35;
                while (x < min) {
                    x <<= 1;
                }
                best = Math.min(best, x);
            }
        }
        return best > Integer.MAX_VALUE ? 0 : (int) best;
    }

    /** Factors as pocketfft orders them: fours, a two first if any, then odd primes rising. */
    static int[] factorize(int n) {
        int[] found = new int[32];
        int count = 0;
        int rest = n;
        while (rest % 4 == 0) {
            found[count++] = 4;
            rest /= 4;
        }
        if (rest % 2 == 0) {
            rest /= 2;
            found[count++] = 2;
            int t = found[0];
            found[0] = found[count - 1];
            found[count - 1] = t;
        }
        for (int p = 3; (long) p * p <= rest; p += 2) {
            while (rest % p == 0) {
                found[count++] = p;
                rest /= p;
            }
        }
        if (rest > 1) {
            found[count++] = rest;
        }
        return java.util.Arrays.copyOf(found, count);
    }

    private void computeTwiddles() {
        double[] cos = new double[n];
        double[] sin = new double[n];
        fillCircle(cos, sin, n);
        int l1 = 1;
        for (int f = 0; f < factors.length; f++) {
            int ip = factors[f];
            int ido = n / (l1 * ip);
            double[] twr = new double[(ip - 1) * Math.max(0, ido - 1)];
            double[] twi = new double[twr.length];
            for (int j = 1; j < ip; j++) {
                for (int i = 1; i < ido; i++) {
                    int m = (int) ((long) j * l1 * i);
                    twr[(j - 1) * (ido - 1) + i - 1] = cos[m];
                    twi[(j - 1) * (ido - 1) + i - 1] = sin[m];
                }
            }
            twiddleRe[f] = twr;
            twiddleIm[f] = twi;
            if (!isWrittenOut(ip)) {
                double[] cr = new double[ip];
                double[] ci = new double[ip];
                fillCircle(cr, ci, ip);
                rootRe[f] = cr;
                rootIm[f] = ci;
            }
            l1 *= ip;
        }
    }

    private static boolean isWrittenOut(int p) {
        for (int r : WRITTEN_OUT) {
            if (r == p) {
                return true;
            }
        }
        return false;
    }

    /** cos and sin of 2πk/n for k in [0, n/2), each within about half an ulp. */
    static void fillHalfCircle(double[] cos, double[] sin, int n) {
        fillArc(cos, sin, n, n / 2);
    }

    /**
     * cos and sin of 2πk/n for k in [0, count), count at most n/2 + 1, each within about half
     * an ulp of the exact value, as pocketfft takes care to be: the PRV accountant raises the
     * transform to the T-th power, which multiplies a twiddle's error by T (a cheaper table,
     * exact every sixteenth entry and rotated in between, moved ε by up to 1.9e-7 relative at
     * T = 20 000). For n divisible by 8 the first octant is computed and the rest follows by
     * exact symmetries; otherwise each entry is computed, past a quarter turn as the mirror
     * image π − θ, whose rounding is smaller.
     */
    private static void fillArc(double[] cos, double[] sin, int n, int count) {
        if (n % 8 == 0) {
            int e = n / 8;
            int octant = Math.min(count, e + 1);
            double[] oc = new double[e + 1];
            double[] os = new double[e + 1];
            for (int k = 0; k <= e; k++) {
                double angle = 2 * Math.PI * k / n;
                oc[k] = Math.cos(angle);
                os[k] = Math.sin(angle);
            }
            System.arraycopy(oc, 0, cos, 0, octant);
            System.arraycopy(os, 0, sin, 0, octant);
            for (int k = e + 1; k < count; k++) {
                if (k <= 2 * e) {
                    int j = 2 * e - k;
                    cos[k] = os[j];
                    sin[k] = oc[j];
                } else if (k <= 3 * e) {
                    int j = k - 2 * e;
                    cos[k] = -os[j];
                    sin[k] = oc[j];
                } else {
                    int j = 4 * e - k;
                    cos[k] = -oc[j];
                    sin[k] = os[j];
                }
            }
            return;
        }
        for (int k = 0; k < count; k++) {
            if (4L * k <= n) {
                double angle = 2 * Math.PI * k / n;
                cos[k] = Math.cos(angle);
                sin[k] = Math.sin(angle);
            } else {
                double angle = Math.PI * (n - 2L * k) / n; // π − θ
                cos[k] = -Math.cos(angle);
                sin[k] = Math.sin(angle);
            }
        }
    }

    /** cos and sin of 2πj/n for j in [0, n), any n ≥ 1, by the half circle and its mirror image. */
    static void fillCircle(double[] cos, double[] sin, int n) {
        int upper = n / 2 + 1; // [0, n/2] computed
        fillArc(cos, sin, n, Math.min(n, upper));
        if (n % 2 == 0) {
            cos[n / 2] = -1;
            sin[n / 2] = 0;
        }
        for (int j = upper; j < n; j++) {
            cos[j] = cos[n - j];
            sin[j] = -sin[n - j];
        }
    }

    /** cos and sin of 2πj/n for j in [0, n), n even, by the half circle and its mirror image. */
    static void fillFullCircle(double[] cos, double[] sin, int n) {
        fillCircle(cos, sin, n);
    }

    /** The length this plan transforms. */
    int length() {
        return n;
    }

    /** The doubles this plan's tables hold. */
    long doubles() {
        if (inner != null) {
            return 2L * chirpRe.length + 2L * kernelRe.length + inner.doubles();
        }
        long sum = 0;
        for (int f = 0; f < factors.length; f++) {
            sum += 2L * twiddleRe[f].length + (rootRe[f] == null ? 0 : 2L * rootRe[f].length);
        }
        return sum;
    }

    /** Whether this plan goes through Bluestein's algorithm (a large prime factor). */
    boolean usesBluestein() {
        return inner != null;
    }

    /**
     * Transforms in place: X_k = Σ x_j e^{∓2πijk/n} (minus sign forward); the inverse is not
     * divided by n.
     */
    void transform(double[] re, double[] im, boolean inverse) {
        transform(re, im, inverse, newWork());
    }

    /**
     * Scratch for {@link #transform(double[], double[], boolean, double[][])}, reusable by any
     * number of transforms of this plan on one thread: reusing it spares a transform's
     * megabytes of allocation, and the collections that copy them while alive.
     */
    double[][] newWork() {
        return inner != null ? new double[4][inner.n] : new double[2][n];
    }

    /** As {@link #transform(double[], double[], boolean)}, its scratch {@code work} given. */
    void transform(double[] re, double[] im, boolean inverse, double[][] work) {
        if (inner == null) {
            stockham(re, im, inverse ? 1.0 : -1.0, work[0], work[1]);
        } else {
            bluestein(re, im, inverse, work);
        }
    }

    /**
     * pocketfft's {@code pass_all}: each factor one pass between the data and a scratch pair
     * at least n long.
     */
    private void stockham(double[] re, double[] im, double sign, double[] scratchRe,
            double[] scratchIm) {
        if (n == 1) {
            return;
        }
        double[] ar = re;
        double[] ai = im;
        double[] br = scratchRe;
        double[] bi = scratchIm;
        int l1 = 1;
        for (int f = 0; f < factors.length; f++) {
            int ip = factors[f];
            int ido = n / (l1 * ip);
            double[] twr = twiddleRe[f];
            double[] twi = twiddleIm[f];
            switch (ip) {
                case 4 -> pass4(ido, l1, ar, ai, br, bi, twr, twi, sign);
                case 2 -> pass2(ido, l1, ar, ai, br, bi, twr, twi, sign);
                case 3 -> pass3(ido, l1, ar, ai, br, bi, twr, twi, sign);
                case 5 -> pass5(ido, l1, ar, ai, br, bi, twr, twi, sign);
                default -> passPrime(ip, ido, l1, ar, ai, br, bi, twr, twi, rootRe[f], rootIm[f],
                        sign);
            }
            double[] t = ar;
            ar = br;
            br = t;
            t = ai;
            ai = bi;
            bi = t;
            l1 *= ip;
        }
        if (ar != re) {
            System.arraycopy(ar, 0, re, 0, n);
            System.arraycopy(ai, 0, im, 0, n);
        }
    }

    // Layout of every pass (pocketfft's): input CC(i, j, k) = in[i + ido·(j + ip·k)], output
    // CH(i, k, j) = out[i + ido·(k + l1·j)], for i < ido, j < ip, k < l1; output j > 0 times the
    // twiddle W(j−1, i) = e^{±2πi·j·l1·i/n} (conjugated forward), none at i = 0.

    private static void pass2(int ido, int l1, double[] cr, double[] ci, double[] hr,
            double[] hi, double[] twr, double[] twi, double sign) {
        int outStride = ido * l1;
        for (int k = 0; k < l1; k++) {
            int in0 = ido * 2 * k;
            int in1 = in0 + ido;
            int out0 = ido * k;
            int out1 = out0 + outStride;
            hr[out0] = cr[in0] + cr[in1];
            hi[out0] = ci[in0] + ci[in1];
            hr[out1] = cr[in0] - cr[in1];
            hi[out1] = ci[in0] - ci[in1];
            for (int i = 1; i < ido; i++) {
                double ar = cr[in0 + i];
                double ai = ci[in0 + i];
                double br = cr[in1 + i];
                double bi = ci[in1 + i];
                hr[out0 + i] = ar + br;
                hi[out0 + i] = ai + bi;
                double tr = ar - br;
                double ti = ai - bi;
                double wr = twr[i - 1];
                double wi = sign * twi[i - 1];
                hr[out1 + i] = tr * wr - ti * wi;
                hi[out1 + i] = tr * wi + ti * wr;
            }
        }
    }

    private static void pass3(int ido, int l1, double[] cr, double[] ci, double[] hr,
            double[] hi, double[] twr, double[] twi, double sign) {
        final double tw1r = -0.5;
        final double tw1i = sign * 0.86602540378443864676;
        int outStride = ido * l1;
        int w1 = 0;
        int w2 = ido - 1;
        for (int k = 0; k < l1; k++) {
            int in0 = ido * 3 * k;
            int out0 = ido * k;
            for (int i = 0; i < ido; i++) {
                int a = in0 + i;
                int b = a + ido;
                int c = b + ido;
                double t0r = cr[a];
                double t0i = ci[a];
                double t1r = cr[b] + cr[c];
                double t1i = ci[b] + ci[c];
                double t2r = cr[b] - cr[c];
                double t2i = ci[b] - ci[c];
                int o = out0 + i;
                hr[o] = t0r + t1r;
                hi[o] = t0i + t1i;
                double car = t0r + tw1r * t1r;
                double cai = t0i + tw1r * t1i;
                double cbi = tw1i * t2r;
                double cbr = -(tw1i * t2i);
                double dar = car + cbr;
                double dai = cai + cbi;
                double dbr = car - cbr;
                double dbi = cai - cbi;
                if (i == 0) {
                    hr[o + outStride] = dar;
                    hi[o + outStride] = dai;
                    hr[o + 2 * outStride] = dbr;
                    hi[o + 2 * outStride] = dbi;
                } else {
                    double wr = twr[w1 + i - 1];
                    double wi = sign * twi[w1 + i - 1];
                    hr[o + outStride] = dar * wr - dai * wi;
                    hi[o + outStride] = dar * wi + dai * wr;
                    wr = twr[w2 + i - 1];
                    wi = sign * twi[w2 + i - 1];
                    hr[o + 2 * outStride] = dbr * wr - dbi * wi;
                    hi[o + 2 * outStride] = dbr * wi + dbi * wr;
                }
            }
        }
    }

    private static void pass4(int ido, int l1, double[] cr, double[] ci, double[] hr,
            double[] hi, double[] twr, double[] twi, double sign) {
        int outStride = ido * l1;
        int w2 = ido - 1;
        int w3 = 2 * (ido - 1);
        for (int k = 0; k < l1; k++) {
            int in0 = ido * 4 * k;
            int out0 = ido * k;
            for (int i = 0; i < ido; i++) {
                int a = in0 + i;
                int b = a + ido;
                int c = b + ido;
                int d = c + ido;
                double t2r = cr[a] + cr[c];
                double t2i = ci[a] + ci[c];
                double t1r = cr[a] - cr[c];
                double t1i = ci[a] - ci[c];
                double t3r = cr[b] + cr[d];
                double t3i = ci[b] + ci[d];
                double t4r = cr[b] - cr[d];
                double t4i = ci[b] - ci[d];
                // t4 times ±i: +i inverse, −i forward.
                double r4r = -sign * t4i;
                double r4i = sign * t4r;
                int o = out0 + i;
                hr[o] = t2r + t3r;
                hi[o] = t2i + t3i;
                double c3r = t2r - t3r;
                double c3i = t2i - t3i;
                double c2r = t1r + r4r;
                double c2i = t1i + r4i;
                double c4r = t1r - r4r;
                double c4i = t1i - r4i;
                int o1 = o + outStride;
                int o2 = o1 + outStride;
                int o3 = o2 + outStride;
                if (i == 0) {
                    hr[o1] = c2r;
                    hi[o1] = c2i;
                    hr[o2] = c3r;
                    hi[o2] = c3i;
                    hr[o3] = c4r;
                    hi[o3] = c4i;
                } else {
                    double wr = twr[i - 1];
                    double wi = sign * twi[i - 1];
                    hr[o1] = c2r * wr - c2i * wi;
                    hi[o1] = c2r * wi + c2i * wr;
                    wr = twr[w2 + i - 1];
                    wi = sign * twi[w2 + i - 1];
                    hr[o2] = c3r * wr - c3i * wi;
                    hi[o2] = c3r * wi + c3i * wr;
                    wr = twr[w3 + i - 1];
                    wi = sign * twi[w3 + i - 1];
                    hr[o3] = c4r * wr - c4i * wi;
                    hi[o3] = c4r * wi + c4i * wr;
                }
            }
        }
    }

    private static void pass5(int ido, int l1, double[] cr, double[] ci, double[] hr,
            double[] hi, double[] twr, double[] twi, double sign) {
        final double tw1r = 0.3090169943749474241;
        final double tw1i = sign * 0.95105651629515357212;
        final double tw2r = -0.8090169943749474241;
        final double tw2i = sign * 0.58778525229247312917;
        int outStride = ido * l1;
        for (int k = 0; k < l1; k++) {
            int in0 = ido * 5 * k;
            int out0 = ido * k;
            for (int i = 0; i < ido; i++) {
                int a = in0 + i;
                double t0r = cr[a];
                double t0i = ci[a];
                double x1r = cr[a + ido];
                double x1i = ci[a + ido];
                double x2r = cr[a + 2 * ido];
                double x2i = ci[a + 2 * ido];
                double x3r = cr[a + 3 * ido];
                double x3i = ci[a + 3 * ido];
                double x4r = cr[a + 4 * ido];
                double x4i = ci[a + 4 * ido];
                double t1r = x1r + x4r;
                double t1i = x1i + x4i;
                double t4r = x1r - x4r;
                double t4i = x1i - x4i;
                double t2r = x2r + x3r;
                double t2i = x2i + x3i;
                double t3r = x2r - x3r;
                double t3i = x2i - x3i;
                int o = out0 + i;
                hr[o] = t0r + t1r + t2r;
                hi[o] = t0i + t1i + t2i;
                // outputs 1 and 4
                double car = t0r + tw1r * t1r + tw2r * t2r;
                double cai = t0i + tw1r * t1i + tw2r * t2i;
                double cbi = tw1i * t4r + tw2i * t3r;
                double cbr = -(tw1i * t4i + tw2i * t3i);
                store(hr, hi, o + outStride, car + cbr, cai + cbi, twr, twi, 0, ido, i, sign);
                store(hr, hi, o + 4 * outStride, car - cbr, cai - cbi, twr, twi, 3, ido, i, sign);
                // outputs 2 and 3
                car = t0r + tw2r * t1r + tw1r * t2r;
                cai = t0i + tw2r * t1i + tw1r * t2i;
                cbi = tw2i * t4r - tw1i * t3r;
                cbr = -(tw2i * t4i - tw1i * t3i);
                store(hr, hi, o + 2 * outStride, car + cbr, cai + cbi, twr, twi, 1, ido, i, sign);
                store(hr, hi, o + 3 * outStride, car - cbr, cai - cbi, twr, twi, 2, ido, i, sign);
            }
        }
    }

    /** Writes (xr, xi), times twiddle W(x, i) unless i = 0, at {@code at}. */
    private static void store(double[] hr, double[] hi, int at, double xr, double xi,
            double[] twr, double[] twi, int x, int ido, int i, double sign) {
        if (i == 0) {
            hr[at] = xr;
            hi[at] = xi;
        } else {
            int w = x * (ido - 1) + i - 1;
            double wr = twr[w];
            double wi = sign * twi[w];
            hr[at] = xr * wr - xi * wi;
            hi[at] = xr * wi + xi * wr;
        }
    }

    /**
     * A pass of an odd prime p &gt; 5: each output u is x₀ + Σ_j cos(2πuj/p)(x_j + x_{p−j}) ±
     * i Σ_j sin(2πuj/p)(x_j − x_{p−j}) over j ≤ (p−1)/2, outputs u and p − u sharing the sums.
     */
    private static void passPrime(int ip, int ido, int l1, double[] cr, double[] ci,
            double[] hr, double[] hi, double[] twr, double[] twi, double[] cosP, double[] sinP,
            double sign) {
        int half = (ip - 1) / 2;
        int outStride = ido * l1;
        double[] sr = new double[half + 1];
        double[] si = new double[half + 1];
        double[] dr = new double[half + 1];
        double[] di = new double[half + 1];
        for (int k = 0; k < l1; k++) {
            int in0 = ido * ip * k;
            int out0 = ido * k;
            for (int i = 0; i < ido; i++) {
                int a = in0 + i;
                double x0r = cr[a];
                double x0i = ci[a];
                double sumR = x0r;
                double sumI = x0i;
                for (int j = 1; j <= half; j++) {
                    int p = a + j * ido;
                    int q = a + (ip - j) * ido;
                    sr[j] = cr[p] + cr[q];
                    si[j] = ci[p] + ci[q];
                    dr[j] = cr[p] - cr[q];
                    di[j] = ci[p] - ci[q];
                    sumR += sr[j];
                    sumI += si[j];
                }
                int o = out0 + i;
                hr[o] = sumR;
                hi[o] = sumI;
                for (int u = 1; u <= half; u++) {
                    double car = x0r;
                    double cai = x0i;
                    double bR = 0;
                    double bI = 0;
                    int idx = 0;
                    for (int j = 1; j <= half; j++) {
                        idx += u;
                        if (idx >= ip) {
                            idx -= ip;
                        }
                        double c = cosP[idx];
                        double s = sinP[idx];
                        car += c * sr[j];
                        cai += c * si[j];
                        bR += s * dr[j];
                        bI += s * di[j];
                    }
                    // ± i·B: i(bR + i bI) = −bI + i bR
                    double cbr = -sign * bI;
                    double cbi = sign * bR;
                    store(hr, hi, o + u * outStride, car + cbr, cai + cbi, twr, twi, u - 1, ido,
                            i, sign);
                    store(hr, hi, o + (ip - u) * outStride, car - cbr, cai - cbi, twr, twi,
                            ip - u - 1, ido, i, sign);
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im, boolean inverse, double[][] work) {
        int m = inner.n;
        double[] ar = work[0];
        double[] ai = work[1];
        double[] scratchRe = work[2];
        double[] scratchIm = work[3];
        java.util.Arrays.fill(ar, n, m, 0.0);
        java.util.Arrays.fill(ai, n, m, 0.0);
        // The inverse is the conjugate of the forward transform of the conjugate.
        double s = inverse ? -1 : 1;
        for (int k = 0; k < n; k++) {
            double xr = re[k];
            double xi = s * im[k];
            ar[k] = xr * chirpRe[k] - xi * chirpIm[k];
            ai[k] = xr * chirpIm[k] + xi * chirpRe[k];
        }
        inner.stockham(ar, ai, -1.0, scratchRe, scratchIm);
        for (int k = 0; k < m; k++) {
            double xr = ar[k];
            double xi = ai[k];
            ar[k] = xr * kernelRe[k] - xi * kernelIm[k];
            ai[k] = xr * kernelIm[k] + xi * kernelRe[k];
        }
        inner.stockham(ar, ai, 1.0, scratchRe, scratchIm);
        double scale = 1.0 / m;
        for (int k = 0; k < n; k++) {
            double xr = ar[k] * scale;
            double xi = ai[k] * scale;
            re[k] = xr * chirpRe[k] - xi * chirpIm[k];
            im[k] = s * (xr * chirpIm[k] + xi * chirpRe[k]);
        }
    }
}
