package io.github.sgdlab.privacy;

import java.util.ArrayList;
import java.util.List;

/**
 * The privacy-random-variable accountant, equal to Opacus's {@code PRVAccountant} (its default;
 * Gopi, Lee &amp; Wutschitz 2021, ported from microsoft/prv_accountant): each history entry's
 * privacy loss distribution is truncated to a domain that RDP says is safe, discretised on a
 * grid fine enough for the error asked for, composed with itself by FFT and with the other
 * entries by convolution; ε is read off the composed distribution. Like Opacus it reports the
 * upper bound of its estimate, which is a guarantee, not an estimate.
 *
 * <pre>{@code
 * PrivacyAccountant accountant = new PrvAccountant();
 * accountant.step(1.5, 0.04, 2250);
 * double epsilon = accountant.getEpsilon(1e-5);
 * }</pre>
 *
 * <p>Time and memory grow with the grid, whose size is about
 * {@code 2L·sqrt(T·log(12/δ_error)/2)/ε_error} for T steps in all: some 400 000 points for 2250
 * steps at δ = 1e-5, some 8 million for 10⁵ steps.
 */
public final class PrvAccountant implements PrivacyAccountant {

    /** Opacus's default tolerance on ε. */
    public static final double DEFAULT_EPS_ERROR = 0.01;

    private final History history = new History();
    private volatile double epsError = DEFAULT_EPS_ERROR;
    private volatile double deltaErrorFraction = 1e-3;

    /** An empty accountant with Opacus's defaults: ε error 0.01, δ error δ/1000. */
    public PrvAccountant() {}

    /**
     * Sets the error allowed on ε (Opacus's {@code eps_error}, default 0.01).
     *
     * @param epsError a positive finite number
     * @return this accountant
     * @throws IllegalArgumentException if it is not positive and finite
     */
    public PrvAccountant optEpsError(double epsError) {
        if (!(epsError > 0) || Double.isInfinite(epsError)) {
            throw new IllegalArgumentException("eps error must be positive and finite, got "
                    + epsError);
        }
        this.epsError = epsError;
        return this;
    }

    /**
     * Sets the error allowed on δ as a fraction of δ (Opacus's {@code delta_error} is δ/1000).
     *
     * @param fraction in (0, 1)
     * @return this accountant
     * @throws IllegalArgumentException if it is not in (0, 1)
     */
    public PrvAccountant optDeltaErrorFraction(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("delta error fraction must be in (0, 1), got "
                    + fraction);
        }
        this.deltaErrorFraction = fraction;
        return this;
    }

    @Override
    public void step(double noiseMultiplier, double sampleRate, long steps) {
        history.add(noiseMultiplier, sampleRate, steps);
    }

    @Override
    public double getEpsilon(double delta) {
        Arguments.delta(delta);
        List<History.Entry> entries = history.entries();
        if (entries.isEmpty()) {
            return 0;
        }
        return epsilon(entries, delta, epsError, delta * deltaErrorFraction);
    }

    @Override
    public String mechanism() {
        return "prv";
    }

    /** ε's upper bound for a history, as Opacus's {@code get_epsilon}. */
    static double epsilon(List<History.Entry> entries, double delta, double epsError,
            double deltaError) {
        PrvDomain domain = domain(entries, epsError, deltaError);
        List<DiscretePrv> composed = new ArrayList<>();
        for (History.Entry entry : entries) {
            SubsampledGaussianPrv prv = new SubsampledGaussianPrv(entry.sampleRate(),
                    entry.noiseMultiplier(), domain.tMin(), domain.tMax());
            composed.add(DiscretePrv.discretize(prv, domain).selfCompose(entry.steps()));
        }
        return convolutionTree(composed).epsilonUpper(delta, deltaError, epsError);
    }

    /** The grid: a safe half-width L from RDP (Gopi et al., remark 5.6, as Opacus reads it). */
    private static PrvDomain domain(List<History.Entry> entries, double epsError,
            double deltaError) {
        long total = 0;
        for (History.Entry entry : entries) {
            total = Math.addExact(total, entry.steps());
        }
        double[] orders = RdpAccountant.defaultOrdersArray();
        double lMax = RdpAccountant.spent(entries, orders, deltaError / 4, false).epsilon();
        for (History.Entry entry : entries) {
            History.Entry one = new History.Entry(entry.noiseMultiplier(), entry.sampleRate(), 1);
            double single = RdpAccountant.spent(List.of(one), orders,
                    deltaError / (8 * (double) total), false).epsilon();
            lMax = Math.max(lMax, single);
        }
        double l = Math.max(lMax, epsError) + 3;
        double meshSize = epsError / Math.sqrt(total * Math.log(12 / deltaError) / 2);
        return PrvDomain.createAligned(-l, l, meshSize);
    }

    /** Opacus's {@code _compose_convolution_tree}: neighbours convolved until one is left. */
    private static DiscretePrv convolutionTree(List<DiscretePrv> dprvs) {
        List<DiscretePrv> current = new ArrayList<>(dprvs);
        while (current.size() > 1) {
            List<DiscretePrv> next = new ArrayList<>();
            if (current.size() % 2 == 1) {
                next.add(current.remove(current.size() - 1));
            }
            for (int k = 0; k + 1 < current.size(); k += 2) {
                next.add(current.get(k).compose(current.get(k + 1)));
            }
            current = next;
        }
        return current.get(0);
    }
}
