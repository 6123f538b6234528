package io.github.sgdlab.notebook;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.Theta;

/**
 * The seed notebook as one reproducible run: the general comparison's case d = 1, on seed 45,
 * 40 samples, θ = (0, 0), float32.
 */
public final class Notebook {

    /** Where the notebook takes its gradients: θ = (0, 0). */
    public static final Theta THETA = Theta.zeros(1);

    /** The notebook's working type: torch's default, float32. */
    public static final DataType DATA_TYPE = DataType.FLOAT32;

    private Notebook() {}

    /**
     * The notebook's data, In [2]: {@code np.random.seed(45)}, 40 samples, one feature.
     *
     * @return the samples
     */
    public static FeatureData data() {
        return LinearData.notebook().features();
    }

    /**
     * Runs the notebook's four gradient computations and the cross-check.
     *
     * @param manager a PyTorch manager owned by the caller
     * @return the results the notebook prints
     */
    public static GradientComparison run(NDManager manager) {
        return GradientComparison.compute(manager, data(), THETA, DATA_TYPE);
    }
}
