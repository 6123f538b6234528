package io.github.sgdlab.descent;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.privacy.PrivacyEngine;

/**
 * What one DP-SGD step does to the notebook's per-sample gradients, at one θ of the one-feature
 * linear model, over all n samples: each sample's gradient of {@code (y − θ0 − θ1·x)²}, the same
 * clipped to norm C (Opacus's factor {@code min(1, C/(‖g‖ + 1e-6))}), the mean of the clipped
 * gradients, the true batch gradient (the mean of the unclipped ones) and one noisy step: the
 * {@link PrivacyEngine}'s gradient for a batch of all n samples, {@code (Σ clipped + N(0, (σC)²))/n}.
 * The clipped mean is <b>biased</b>: it is not the batch gradient once any sample is clipped.
 * Immutable; the picture {@code per-sample.png} of a DP-SGD descent draws it.
 *
 * @param theta0 θ0 where the gradients are taken
 * @param theta1 θ1
 * @param clip C
 * @param perSample each sample's gradient, {@code [n][2]}: (∂/∂θ0, ∂/∂θ1)
 * @param clipped each sample's clipped gradient, {@code [n][2]}
 * @param clippedMean the mean of the clipped gradients
 * @param batch the batch gradient, the mean of the per-sample ones
 * @param noisy the noisy private gradient of one step over all n samples
 */
public record ClippedGradients(double theta0, double theta1, double clip, double[][] perSample,
        double[][] clipped, double[] clippedMean, double[] batch, double[] noisy) {

    /**
     * Copies every array.
     *
     * @param theta0 θ0
     * @param theta1 θ1
     * @param clip C
     * @param perSample the per-sample gradients
     * @param clipped the clipped gradients
     * @param clippedMean their mean
     * @param batch the batch gradient
     * @param noisy the noisy step
     */
    public ClippedGradients {
        perSample = copy(perSample);
        clipped = copy(clipped);
        clippedMean = clippedMean.clone();
        batch = batch.clone();
        noisy = noisy.clone();
    }

    /**
     * Each sample's gradient, {@code [n][2]}.
     *
     * @return a copy
     */
    @Override
    public double[][] perSample() {
        return copy(perSample);
    }

    /**
     * Each sample's clipped gradient, {@code [n][2]}.
     *
     * @return a copy
     */
    @Override
    public double[][] clipped() {
        return copy(clipped);
    }

    /**
     * The clipped gradients' mean.
     *
     * @return a copy
     */
    @Override
    public double[] clippedMean() {
        return clippedMean.clone();
    }

    /**
     * The batch gradient.
     *
     * @return a copy
     */
    @Override
    public double[] batch() {
        return batch.clone();
    }

    /**
     * The noisy step.
     *
     * @return a copy
     */
    @Override
    public double[] noisy() {
        return noisy.clone();
    }

    private static double[][] copy(double[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i].clone();
        }
        return out;
    }

    /** Opacus's guard against a zero norm in the clip factor. */
    private static final double NORM_GUARD = 1e-6;

    /**
     * Computes the per-sample gradients in double (the notebook's In [14]) and the noisy step
     * with the privacy engine, in float64, noise seeded.
     *
     * @param data the samples, one feature
     * @param theta0 θ0
     * @param theta1 θ1
     * @param settings C and σ (δ and the accountant are not read)
     * @param seed the noise's seed
     * @return the gradients
     * @throws IllegalArgumentException if the data have more than one feature
     */
    public static ClippedGradients at(FeatureData data, double theta0, double theta1,
            PrivateSettings settings, long seed) {
        if (data.features() != 1) {
            throw new IllegalArgumentException("the clipping picture needs one feature, got "
                    + data.features());
        }
        int n = data.samples();
        double[] x = data.feature(0);
        double[] y = data.y();
        double c = settings.clip();
        double[][] perSample = new double[n][];
        double[][] clipped = new double[n][];
        double[] clippedMean = new double[2];
        double[] batch = new double[2];
        for (int i = 0; i < n; i++) {
            double residual = theta0 + theta1 * x[i] - y[i];
            double[] g = {2 * residual, 2 * residual * x[i]};
            double factor = Math.min(1.0, c / (Math.hypot(g[0], g[1]) + NORM_GUARD));
            perSample[i] = g;
            clipped[i] = new double[] {g[0] * factor, g[1] * factor};
            for (int j = 0; j < 2; j++) {
                clippedMean[j] += clipped[i][j] / n;
                batch[j] += g[j] / n;
            }
        }
        return new ClippedGradients(theta0, theta1, c, perSample, clipped, clippedMean, batch,
                noisy(data, theta0, theta1, settings, seed));
    }

    /** The engine's gradient for one batch of all n samples at θ. */
    private static double[] noisy(FeatureData data, double theta0, double theta1,
            PrivateSettings settings, long seed) {
        int n = data.samples();
        PrivacyEngine engine = PrivacyEngine.builder()
                .setLoss(PerSampleLoss.squaredError())
                .setMaxGradNorm(settings.clip())
                .setNoiseMultiplier(settings.noise())
                .setSampleRate(1.0)
                .setExpectedBatchSize(n)
                .optAccountant(settings.accountant())
                .optSeed(seed)
                .build();
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            Linear block = Linear.builder().setUnits(1).build();
            block.initialize(manager, DataType.FLOAT64, new Shape(1, 1));
            NDArray weight = block.getParameters().get("weight").getArray();
            NDArray bias = block.getParameters().get("bias").getArray();
            NDArray w = manager.create(new double[] {theta1}, new Shape(1, 1));
            NDArray b = manager.create(new double[] {theta0});
            weight.setRequiresGradient(false);
            bias.setRequiresGradient(false);
            weight.set(new NDIndex(":"), w);
            bias.set(new NDIndex(":"), b);
            weight.setRequiresGradient(true);
            bias.setRequiresGradient(true);
            NDArray inputs = manager.create(data.feature(0), new Shape(n, 1));
            NDArray labels = manager.create(data.y());
            engine.step(block, new NDList(inputs), labels);
            try (NDArray gw = weight.getGradient(); NDArray gb = bias.getGradient()) {
                return new double[] {gb.toDoubleArray()[0], gw.toDoubleArray()[0]};
            }
        }
    }
}
