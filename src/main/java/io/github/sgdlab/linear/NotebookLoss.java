package io.github.sgdlab.linear;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.function.Function;

/**
 * The notebook's loss as a function of θ, for code that differentiates functions of NDArrays
 * (such as a gradient check): {@code mean((theta_1 * x1 + theta_0 - y)^2)}, In [10]'s
 * {@code mse_loss}.
 */
public final class NotebookLoss {

    private NotebookLoss() {}

    /**
     * The loss over fixed data, as a function of {@code (theta0, theta1)}.
     *
     * @param x1 the feature, shape {@code [n]}
     * @param y the targets, shape {@code [n]}
     * @return a function from {@code NDList(theta0, theta1)} (scalars) to the scalar loss
     */
    public static Function<NDList, NDArray> of(NDArray x1, NDArray y) {
        return theta -> {
            NDArray theta0 = theta.get(0);
            NDArray theta1 = theta.get(1);
            return theta1.mul(x1).add(theta0).sub(y).square().mean();
        };
    }
}
