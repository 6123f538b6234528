package io.github.sgdlab.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The notebook's data set: {@code x1 = uniform(-1, 1, n)}, {@code eps = randn(n)},
 * {@code y = 3*x1 + 4 + eps}, drawn in that order from {@code np.random.seed(seed)}.
 *
 * <p>A view of the general data: the samples themselves are a one-feature {@link FeatureData}
 * ({@link #features()}, feature {@code x1}, target {@code y}), which every gradient, bound and
 * descent takes; this class adds what only a generated set has, the seed and the noise.
 *
 * <p>Immutable: the arrays are copied in and out.
 */
public final class LinearData {

    /** The notebook's seed: {@code np.random.seed(45)}. */
    public static final long NOTEBOOK_SEED = 45;

    /** The notebook's size: {@code num_samples = 40}. */
    public static final int NOTEBOOK_SAMPLES = 40;

    /** The true slope of {@code f_x = 3*x1 + 4}. */
    public static final double TRUE_THETA1 = 3;

    /** The true intercept of {@code f_x = 3*x1 + 4}. */
    public static final double TRUE_THETA0 = 4;

    /** The lower bound of {@code x1 = uniform(-1, 1, n)}. */
    static final double X1_LOW = -1;

    /** The upper bound of {@code x1 = uniform(-1, 1, n)}. */
    static final double X1_HIGH = 1;

    private final long seed;
    private final double[] eps;
    private final FeatureData features;

    /**
     * Checks the arrays line up and copies them.
     *
     * @param seed the seed the data were drawn with
     * @param x1 the feature, uniform on [-1, 1)
     * @param eps the noise, standard normal
     * @param y the target {@code 3*x1 + 4 + eps}
     * @throws IllegalArgumentException if the arrays are empty or of different lengths, or a
     *     value is NaN or infinite (the message names the first such value)
     */
    public LinearData(long seed, double[] x1, double[] eps, double[] y) {
        if (x1.length == 0 || x1.length != eps.length || x1.length != y.length) {
            throw new IllegalArgumentException(
                    "x1, eps and y must have the same, non-zero length; got "
                            + x1.length + ", " + eps.length + ", " + y.length);
        }
        double[] feature = x1.clone();
        double[] noise = eps.clone();
        double[] target = y.clone();
        requireFinite("x1", feature);
        requireFinite("eps", noise);
        requireFinite("y", target);
        this.seed = seed;
        this.eps = noise;
        this.features = new FeatureData(List.of("x1"), Columns.DEFAULT_TARGET,
                new double[][] {feature}, target);
    }

    private static void requireFinite(String name, double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException(
                        name + "[" + i + "] is " + values[i] + "; every value must be finite");
            }
        }
    }

    /**
     * The samples as the general data: one feature {@code x1} and the target {@code y}, without
     * the seed and the noise. Every gradient, bound and descent takes its data in this form; the
     * notebook is its case d = 1.
     *
     * @return the features and the target
     */
    public FeatureData features() {
        return features;
    }

    /**
     * Draws the data set as the notebook's In [2] does.
     *
     * @param seed the seed, 0 to 2^32 - 1
     * @param samples how many samples, at least 1
     * @return the data set
     * @throws IllegalArgumentException if the seed or the size is out of range
     */
    public static LinearData generate(long seed, int samples) {
        checkSamples(samples);
        RandomState random = new RandomState(seed);
        double[] x1 = random.uniform(X1_LOW, X1_HIGH, samples);
        double[] eps = random.randn(samples);
        double[] y = new double[samples];
        for (int i = 0; i < samples; i++) {
            y[i] = target(x1[i], eps[i]);
        }
        return new LinearData(seed, x1, eps, y);
    }

    static void checkSamples(int samples) {
        if (samples < 1) {
            throw new IllegalArgumentException("samples must be at least 1, got " + samples);
        }
    }

    /**
     * {@code y = 3*x1 + 4 + eps} for one sample. numpy evaluates {@code f_x = 3*x1 + 4} first,
     * then {@code y = f_x + eps}: the same roundings here.
     */
    static double target(double x1, double eps) {
        double fx = TRUE_THETA1 * x1 + TRUE_THETA0;
        return fx + eps;
    }

    /**
     * The notebook's own data set: seed 45, 40 samples.
     *
     * @return the data set of In [2]
     */
    public static LinearData notebook() {
        return generate(NOTEBOOK_SEED, NOTEBOOK_SAMPLES);
    }

    /**
     * The seed the data were drawn with.
     *
     * @return the seed
     */
    public long seed() {
        return seed;
    }

    /**
     * How many samples the set holds.
     *
     * @return n
     */
    public int samples() {
        return features.samples();
    }

    /**
     * A copy of the feature.
     *
     * @return x1
     */
    public double[] x1() {
        return features.feature(0);
    }

    /**
     * A copy of the noise.
     *
     * @return eps
     */
    public double[] eps() {
        return eps.clone();
    }

    /**
     * A copy of the target.
     *
     * @return y
     */
    public double[] y() {
        return features.y();
    }

    /**
     * Equal when the seeds are equal and the arrays hold the same values.
     *
     * @param other the object to compare with
     * @return whether both are the same data set
     */
    @Override
    public boolean equals(Object other) {
        return other instanceof LinearData that
                && seed == that.seed
                && Arrays.equals(eps, that.eps)
                && features.equals(that.features);
    }

    /**
     * A hash of the seed and the values, consistent with {@link #equals}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(seed, Arrays.hashCode(eps), features);
    }

    /**
     * The seed and the size, not the values.
     *
     * @return e.g. {@code LinearData[seed=45, samples=40]}
     */
    @Override
    public String toString() {
        return "LinearData[seed=" + seed + ", samples=" + samples() + "]";
    }

    /**
     * One feature value, without copying the array.
     *
     * @param i the sample's index
     * @return {@code x1[i]}
     */
    public double x1(int i) {
        return features.x(i, 0);
    }

    /**
     * One noise value, without copying the array.
     *
     * @param i the sample's index
     * @return {@code eps[i]}
     */
    public double eps(int i) {
        return eps[i];
    }

    /**
     * One target value, without copying the array.
     *
     * @param i the sample's index
     * @return {@code y[i]}
     */
    public double y(int i) {
        return features.y(i);
    }
}
