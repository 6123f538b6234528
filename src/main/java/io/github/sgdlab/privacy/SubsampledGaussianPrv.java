package io.github.sgdlab.privacy;

/**
 * The privacy random variable of one step of the Poisson-subsampled Gaussian mechanism,
 * truncated to [tMin, tMax] (Gopi, Lee &amp; Wutschitz 2021, propositions B1 and B4; Opacus's
 * {@code PoissonSubsampledGaussianPRV} and {@code TruncatedPrivacyRandomVariable}).
 */
final class SubsampledGaussianPrv {

    private static final double SQRT2 = Math.sqrt(2);

    private final double q;
    private final double sigma;
    private final double logOneMinusQ;
    private final double sigmaSquared;
    private final double tMin;
    private final double tMax;
    private final double cdfAtMin;
    private final double remainingMass;

    SubsampledGaussianPrv(double q, double sigma, double tMin, double tMax) {
        this.q = q;
        this.sigma = sigma;
        this.logOneMinusQ = Math.log(1 - q);
        this.sigmaSquared = sigma * sigma;
        this.tMin = tMin;
        this.tMax = tMax;
        this.cdfAtMin = cdf(tMin);
        this.remainingMass = cdf(tMax) - cdfAtMin;
    }

    /** The untruncated distribution function. */
    double cdf(double t) {
        if (!(t > logOneMinusQ)) {
            return 0.0;
        }
        double z = Math.log((Math.exp(t) + q - 1) / q);
        double scale = 2 * SQRT2 * sigma;
        return -q * GaussianTail.erfc((2 * z * sigmaSquared - 1) / scale) / 2
                - (1 - q) * GaussianTail.erfc((2 * z * sigmaSquared + 1) / scale) / 2
                + 1.0;
    }

    /** The distribution function truncated to [tMin, tMax]. */
    double truncatedCdf(double t) {
        if (t < tMin) {
            return 0.0;
        }
        if (t < tMax) {
            return (cdf(t) - cdfAtMin) / remainingMass;
        }
        return 1.0;
    }

    /**
     * The truncated variable's mean, ∫ t dF = [t F] − ∫ F, over the break points Opacus uses
     * (logarithmically spaced towards 0 on both sides), each piece by adaptive Gauss–Legendre
     * quadrature to near machine precision (Opacus uses QUADPACK to 1.5e-8).
     */
    double mean() {
        int lowerExponent = (int) Math.log10(Math.abs(tMin));
        int upperExponent = (int) Math.log10(tMax);
        double[] points = new double[22];
        points[0] = tMin;
        double[] negative = logspace(lowerExponent, -5, 10);
        for (int k = 0; k < 10; k++) {
            points[1 + k] = -negative[k];
        }
        points[11] = 0;
        double[] positive = logspace(-5, upperExponent, 10);
        System.arraycopy(positive, 0, points, 12, 10);
        points = java.util.Arrays.copyOf(points, 23);
        points[22] = tMax;
        double mean = 0.0;
        for (int k = 0; k + 1 < points.length; k++) {
            double left = points[k];
            double right = points[k + 1];
            double integral = Quadrature.integrate(this::truncatedCdf, left, right);
            mean += right * truncatedCdf(right) - left * truncatedCdf(left) - integral;
        }
        return mean;
    }

    private static double[] logspace(double start, double stop, int num) {
        double[] values = new double[num];
        double step = (stop - start) / (num - 1);
        for (int k = 0; k < num; k++) {
            values[k] = Math.pow(10.0, k == num - 1 ? stop : k * step + start);
        }
        return values;
    }
}
