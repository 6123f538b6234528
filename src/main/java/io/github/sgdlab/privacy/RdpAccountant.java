package io.github.sgdlab.privacy;

import java.util.List;
import java.util.logging.Logger;

/**
 * The Rényi-DP accountant, equal to Opacus's {@code RDPAccountant}: each history entry's RDP of
 * the sampled Gaussian mechanism (Mironov, Talwar &amp; Zhang 2019) at each order, summed over
 * the history, converted to (ε, δ)-DP with Balle et al. 2020, Theorem 21, and minimised over the
 * orders.
 *
 * <pre>{@code
 * RdpAccountant accountant = new RdpAccountant();
 * accountant.step(1.1, 256.0 / 60000, 2340);
 * PrivacySpent spent = accountant.getPrivacySpent(1e-5);   // ε and the best order
 * }</pre>
 *
 * <p>When the best order is the first or the last one searched, the bound could be tighter
 * with a wider range: like Opacus, the accountant then logs a warning (java.util.logging,
 * logger {@code io.github.sgdlab.privacy}).
 */
public final class RdpAccountant implements PrivacyAccountant {

    /** Opacus's orders: 1.1, 1.2, …, 10.9, then 12, 13, …, 63. */
    public static final List<Double> DEFAULT_ORDERS = defaultOrders();

    private static final Logger LOG = Logger.getLogger("io.github.sgdlab.privacy");

    private final History history = new History();
    private volatile double[] orders = toArray(DEFAULT_ORDERS);

    /** An empty accountant searching Opacus's default orders. */
    public RdpAccountant() {}

    /**
     * Searches these Rényi orders instead of {@link #DEFAULT_ORDERS} (Opacus's {@code alphas}).
     *
     * @param orders the orders, each finite and above 1
     * @return this accountant
     * @throws IllegalArgumentException if there are none or one is not above 1
     */
    public RdpAccountant optOrders(double... orders) {
        this.orders = Arguments.orders(orders);
        return this;
    }

    @Override
    public void step(double noiseMultiplier, double sampleRate, long steps) {
        history.add(noiseMultiplier, sampleRate, steps);
    }

    @Override
    public double getEpsilon(double delta) {
        return getPrivacySpent(delta).epsilon();
    }

    /**
     * The privacy spent so far at {@code delta}, with the order that gave it; (0, 0) before any
     * step, as Opacus reports it.
     *
     * @param delta δ, in (0, 1)
     * @return ε and the best order
     * @throws IllegalArgumentException if δ is out of range or NaN
     */
    public PrivacySpent getPrivacySpent(double delta) {
        Arguments.delta(delta);
        List<History.Entry> entries = history.entries();
        if (entries.isEmpty()) {
            return new PrivacySpent(0, 0);
        }
        return spent(entries, orders, delta, true);
    }

    @Override
    public String mechanism() {
        return "rdp";
    }

    /**
     * The RDP of the sampled Gaussian mechanism run {@code steps} times, at each order
     * (Opacus's {@code compute_rdp}).
     *
     * @param sampleRate q, in (0, 1]
     * @param noiseMultiplier σ, positive
     * @param steps the number of steps, at least one
     * @param orders the Rényi orders, each finite and above 1
     * @return the RDP at each order, in the orders' order
     * @throws IllegalArgumentException if an argument is out of range or NaN
     */
    public static double[] rdp(double sampleRate, double noiseMultiplier, long steps,
            double[] orders) {
        Arguments.sampleRate(sampleRate);
        Arguments.noiseMultiplier(noiseMultiplier);
        Arguments.steps(steps);
        double[] checked = Arguments.orders(orders);
        return rdpUnchecked(sampleRate, noiseMultiplier, steps, checked);
    }

    /** ε and the best order for a history, with or without Opacus's warning. */
    static PrivacySpent spent(List<History.Entry> entries, double[] orders, double delta,
            boolean warn) {
        double[] total = new double[orders.length];
        for (History.Entry entry : entries) {
            double[] rdp = rdpUnchecked(entry.sampleRate(), entry.noiseMultiplier(),
                    entry.steps(), orders);
            for (int k = 0; k < total.length; k++) {
                total[k] += rdp[k];
            }
        }
        return toDp(orders, total, delta, warn);
    }

    /** Opacus's {@code get_privacy_spent}: Balle et al. 2020, Theorem 21, best order. */
    static PrivacySpent toDp(double[] orders, double[] rdp, double delta, boolean warn) {
        double logDelta = Math.log(delta);
        int best = -1;
        double bestEpsilon = Double.NaN;
        for (int k = 0; k < orders.length; k++) {
            double alpha = orders[k];
            double eps = rdp[k] - (logDelta + Math.log(alpha)) / (alpha - 1)
                    + Math.log((alpha - 1) / alpha);
            if (!Double.isNaN(eps) && (best < 0 || eps < bestEpsilon)) {
                best = k;
                bestEpsilon = eps;
            }
        }
        if (best < 0) {
            return new PrivacySpent(Double.POSITIVE_INFINITY, Double.NaN);
        }
        if (warn && (best == 0 || best == orders.length - 1)) {
            String extreme = best == 0 ? "smallest" : "largest";
            LOG.warning("Optimal order is the " + extreme + " alpha. Please consider expanding "
                    + "the range of alphas to get a tighter privacy bound.");
        }
        return new PrivacySpent(bestEpsilon, orders[best]);
    }

    static double[] defaultOrdersArray() {
        return toArray(DEFAULT_ORDERS);
    }

    private static double[] rdpUnchecked(double q, double sigma, long steps, double[] orders) {
        double[] rdp = new double[orders.length];
        for (int k = 0; k < orders.length; k++) {
            rdp[k] = SampledGaussianRdp.rdp(q, sigma, orders[k]) * steps;
        }
        return rdp;
    }

    private static List<Double> defaultOrders() {
        Double[] orders = new Double[99 + 52];
        for (int x = 1; x < 100; x++) {
            orders[x - 1] = 1 + x / 10.0;
        }
        for (int a = 12; a < 64; a++) {
            orders[99 + a - 12] = (double) a;
        }
        return List.of(orders);
    }

    private static double[] toArray(List<Double> values) {
        double[] array = new double[values.size()];
        for (int k = 0; k < array.length; k++) {
            array[k] = values.get(k);
        }
        return array;
    }
}
