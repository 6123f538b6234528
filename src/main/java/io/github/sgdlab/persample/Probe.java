package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import java.util.Objects;

/**
 * What a {@link LayerSampler} leaves behind from the batched forward pass of one layer: the
 * layer's outputs, and a leaf array whose gradient, after the backward pass of the summed
 * per-sample losses, is the gradient of that sum with respect to the layer's output (its
 * "backprops", in Opacus's words).
 *
 * <p>DJL has no hooks and no {@code retain_grad()} for intermediate arrays, so the only way to
 * read the gradient at a layer's output is to make a leaf that the output depends on additively.
 *
 * @param outputs the layer's outputs, fed to the next block
 * @param leaf a leaf with gradients attached, of the output's shape, that the output equals
 *     something plus; its gradient is the backprops
 */
public record Probe(NDList outputs, NDArray leaf) {

    /**
     * Checks that both parts are present.
     *
     * @param outputs the layer's outputs
     * @param leaf the leaf whose gradient becomes the backprops
     */
    public Probe {
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(leaf, "leaf");
    }
}
