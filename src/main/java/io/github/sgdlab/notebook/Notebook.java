package io.github.sgdlab.notebook;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.Theta;

/**
 * The seed notebook as one reproducible run: seed 45, 40 samples, θ = (0, 0), float32.
 */
public final class Notebook {

    private Notebook() {}

    /**
     * Runs the notebook's four gradient computations and the cross-check.
     *
     * @param manager a PyTorch manager owned by the caller
     * @return the results the notebook prints
     */
    public static GradientComparison run(NDManager manager) {
        return GradientComparison.compute(
                manager, LinearData.notebook(), Theta.ZERO, DataType.FLOAT32);
    }
}
