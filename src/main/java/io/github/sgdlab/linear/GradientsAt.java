package io.github.sgdlab.linear;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;

import java.util.Objects;

/**
 * Each sample's gradient and the batch gradient at one θ of a one-feature model (the notebook's
 * In [11] and In [10]): the values the per-sample picture draws, computed here so that the
 * pictures only draw.
 *
 * @param theta where the gradients were taken
 * @param perSample each sample's gradient
 * @param batch the batch gradient
 */
public record GradientsAt(Theta theta, PerSampleGradients perSample, Gradient batch) {

    /**
     * Checks that every part is there.
     *
     * @param theta where the gradients were taken
     * @param perSample each sample's gradient
     * @param batch the batch gradient
     */
    public GradientsAt {
        Objects.requireNonNull(theta, "theta");
        Objects.requireNonNull(perSample, "perSample");
        Objects.requireNonNull(batch, "batch");
    }

    /**
     * Computes both with DJL autograd on the PyTorch engine, in a manager of its own that is
     * closed before it returns.
     *
     * @param data the samples, one feature
     * @param theta where to take the gradients: the intercept and one weight
     * @param dataType the autograd's working type
     * @return the gradients
     * @throws IllegalArgumentException if the data have more than one feature or θ does not fit
     */
    public static GradientsAt autograd(FeatureData data, Theta theta, DataType dataType) {
        if (data.features() != 1) {
            throw new IllegalArgumentException(
                    "per-sample gradients in the (theta0, theta1) plane need one feature, got "
                            + data.features());
        }
        theta.requireFeatures(1);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            AutogradGradients autograd = AutogradGradients.builder(manager)
                    .optDataType(dataType).build();
            return new GradientsAt(theta, autograd.perSample(data, theta),
                    autograd.batch(data, theta).gradient());
        }
    }
}
