package io.github.sgdlab.privacy;

/**
 * A privacy random variable discretised on a grid, its composition with itself and others,
 * and the ε it certifies (Opacus's {@code DiscretePRV}, {@code discretize} and
 * {@code compose_heterogeneous}, ported from microsoft/prv_accountant).
 */
final class DiscretePrv {

    /** The machine epsilon of numpy's long double on x86-64 (80-bit), which Opacus tests against. */
    private static final double LONG_DOUBLE_EPS = 0x1p-63;

    final double[] pmf;
    final PrvDomain domain;

    DiscretePrv(double[] pmf, PrvDomain domain) {
        this.pmf = pmf;
        this.domain = domain;
    }

    /**
     * The truncated variable's mass on each cell of the grid, the grid then shifted so the
     * discrete mean equals the continuous one.
     */
    static DiscretePrv discretize(SubsampledGaussianPrv prv, PrvDomain domain) {
        int size = domain.size();
        double halfDt = domain.dt() / 2;
        double[] pmf = new double[size];
        double meanD = 0;
        // Each cell's right edge is the next cell's left edge (Opacus evaluates both, which
        // differ in the last bit of t; the masses then differ by ~1e-16 of the density).
        double t = domain.t(0);
        double left = prv.truncatedCdf(t - halfDt);
        for (int i = 0; i < size; i++) {
            double next = i + 1 < size ? domain.t(i + 1) : 0;
            double right = i + 1 < size ? prv.truncatedCdf(next - halfDt)
                    : prv.truncatedCdf(t + halfDt);
            pmf[i] = right - left;
            meanD += t * pmf[i];
            left = right;
            t = next;
        }
        double meanShift = prv.mean() - meanD;
        if (Math.abs(meanShift) >= domain.dt() / 2) {
            throw new IllegalStateException(
                    "Discrete mean differs significantly from continuous mean.");
        }
        return new DiscretePrv(pmf, domain.shiftRight(meanShift));
    }

    /** This variable composed with itself {@code times} times, by FFT. */
    DiscretePrv selfCompose(long times) {
        int size = pmf.length;
        RealFft fft = RealFft.plan(size);
        int bins = size / 2 + 1;
        double[] re = new double[bins];
        double[] im = new double[bins];
        double[][] work = fft.newWork();
        fft.forward(pmf, re, im, work);
        ComplexPower.powerInPlace(re, im, times);
        double[] composed = new double[size];
        fft.inverse(re, im, composed, work);
        long roll = times - 1;
        if (times % 2 == 0) {
            roll += size / 2;
        }
        int shift = (int) (roll % size);
        double[] rolled = new double[size];
        for (int i = 0; i < size; i++) {
            int target = i + shift;
            if (target >= size) {
                target -= size;
            }
            rolled[target] = composed[i];
        }
        return new DiscretePrv(rolled, domain.shiftRight(domain.shifts() * (times - 1)));
    }

    /** This variable composed with another on the same grid (linear convolution, centred). */
    DiscretePrv compose(DiscretePrv right) {
        int size = pmf.length;
        int full = 2 * size - 1;
        int m = Integer.highestOneBit(full - 1) << 1;
        Fft fft = new Fft(m);
        double[] ar = new double[m];
        double[] ai = new double[m];
        System.arraycopy(pmf, 0, ar, 0, size);
        System.arraycopy(right.pmf, 0, ai, 0, size);
        // Both real sequences in one complex transform: a + ib.
        fft.transform(ar, ai, false);
        double[] pr = new double[m];
        double[] pi = new double[m];
        for (int k = 0; k < m; k++) {
            int j = (m - k) & (m - 1);
            // A_k = (Z_k + conj Z_j)/2, B_k = (Z_k − conj Z_j)/2i; product A·B.
            double xr = 0.5 * (ar[k] + ar[j]);
            double xi = 0.5 * (ai[k] - ai[j]);
            double yr = 0.5 * (ai[k] + ai[j]);
            double yi = -0.5 * (ar[k] - ar[j]);
            pr[k] = xr * yr - xi * yi;
            pi[k] = xr * yi + xi * yr;
        }
        fft.transform(pr, pi, true);
        double[] same = new double[size];
        int start = (full - size) / 2;
        for (int i = 0; i < size; i++) {
            same[i] = pr[start + i] / m;
        }
        return new DiscretePrv(same, domain.shiftRight(right.domain.shifts()));
    }

    /**
     * ε at {@code delta}, as Opacus's {@code compute_epsilon}: its upper bound, the estimate at
     * δ − δ_error plus ε_error.
     */
    double epsilonUpper(double delta, double deltaError, double epsError) {
        int size = domain.size();
        if (LONG_DOUBLE_EPS * size > delta - deltaError) {
            throw new IllegalArgumentException("Floating point errors will dominate for such "
                    + "small values of delta. Increase delta or reduce domain size.");
        }
        double[] d1 = new double[size];
        double[] d2 = new double[size];
        double s1 = 0;
        double s2 = 0;
        for (int i = size - 1; i >= 0; i--) {
            s1 += pmf[i];
            s2 += pmf[i] * Math.exp(-domain.t(i));
            d1[i] = s1;
            d2[i] = s2;
        }
        double target = delta - deltaError;
        int i = searchSortedLeft(d1, d2, -target);
        if (i <= 0) {
            throw new IllegalStateException("Cannot compute epsilon");
        }
        return Math.log((d1[i] - target) / d2[i]) + epsError;
    }

    /**
     * numpy's {@code searchsorted(ndelta, v, side="left")}, its binary search step for step, for
     * Opacus's {@code ndelta = exp(t)·d2 − d1}: the entries the search visits are computed when
     * visited (the same values; the other N − log N exponentials are not needed).
     */
    private int searchSortedLeft(double[] d1, double[] d2, double v) {
        int min = 0;
        int max = d1.length;
        while (min < max) {
            int mid = min + ((max - min) >> 1);
            if (Math.exp(domain.t(mid)) * d2[mid] - d1[mid] < v) {
                min = mid + 1;
            } else {
                max = mid;
            }
        }
        return min;
    }
}
