package io.github.sgdlab.descent;

import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.data.RandomState;

/** The data sets the lab descends on, both drawn from numpy's {@code seed(45)} stream. */
public enum Dataset implements LowerCaseId {

    /** The seed notebook's: n = 40, {@code x1 = uniform(-1, 1)}, {@code y = 3*x1 + 4 + randn}. */
    NOTEBOOK(-1, 1, 3, 4),

    /**
     * The assignment's first data set: n = 40, {@code x1 = uniform(-20, 20)},
     * {@code y = 100*x1 + 1 + randn}; its wide range of {@code x1} makes the loss's Hessian badly
     * conditioned.
     */
    WIDE(-20, 20, 100, 1);

    /** Both data sets' seed, as in the notebook. */
    public static final long SEED = 45;

    /** Both data sets' size, as in the notebook. */
    public static final int SAMPLES = 40;

    private final double low;
    private final double high;
    private final double slope;
    private final double intercept;

    Dataset(double low, double high, double slope, double intercept) {
        this.low = low;
        this.high = high;
        this.slope = slope;
        this.intercept = intercept;
    }

    /**
     * Draws the data: {@code np.random.seed(45)}, {@code x1 = uniform(low, high, 40)},
     * {@code eps = randn(40)}, {@code y = slope*x1 + intercept + eps}.
     *
     * @return the 40 samples
     */
    public LinearData data() {
        if (this == NOTEBOOK) {
            return LinearData.notebook();
        }
        RandomState random = new RandomState(SEED);
        double[] x1 = random.uniform(low, high, SAMPLES);
        double[] eps = random.randn(SAMPLES);
        double[] y = new double[SAMPLES];
        for (int i = 0; i < SAMPLES; i++) {
            // numpy evaluates slope*x1 + intercept first, then adds eps: the same roundings here.
            double fx = slope * x1[i] + intercept;
            y[i] = fx + eps[i];
        }
        return new LinearData(SEED, x1, eps, y);
    }
}
