package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.Map;

/**
 * Computes the per-sample gradients of one parameterised layer type from what the batched
 * forward and backward passes leave: the layer's input ("activations") and the gradient of the
 * summed losses at its output ("backprops"), as each file of Opacus's {@code grad_sample/} does.
 *
 * <p>Adding a layer type to {@link Strategy#VECTORIZED} is one class implementing this interface,
 * handed to {@link PerSample.Builder#optSampler}. It must be exact for the layer's own forward
 * pass: it is tested against {@link Strategy#LOOP}, which runs the block itself one sample at a
 * time.
 *
 * @param <B> the layer type
 */
public interface LayerSampler<B extends Block> {

    /**
     * The layer class this sampler serves; blocks are matched by exact class, so a subclass that
     * changes the forward pass is never sampled by its parent's rule.
     *
     * @return the layer class
     */
    Class<B> layerType();

    /**
     * Runs the layer forward on the whole batch, in inference mode, so that the gradient at its
     * output can be read after the backward pass.
     *
     * <p>By default: the layer's own forward pass, plus a zero leaf of the output's shape (adding
     * zero changes no value). A sampler may do better, as {@code Linear}'s does by making its
     * expanded bias the leaf.
     *
     * @param layer the layer
     * @param parameters the parameter values to use, detached from the block's own parameters
     * @param inputs the layer's inputs, first axis the sample
     * @return the outputs and the leaf whose gradient will be the backprops
     */
    default Probe forward(B layer, ParameterStore parameters, NDList inputs) {
        NDArray output = layer.forward(parameters, inputs, false).singletonOrThrow();
        NDArray leaf = output.zerosLike();
        leaf.setRequiresGradient(true);
        return new Probe(new NDList(output.add(leaf)), leaf);
    }

    /**
     * Each sample's gradient of each of the layer's parameters.
     *
     * @param layer the layer
     * @param parameters the parameter values the forward pass used
     * @param activations the layer's inputs in the forward pass, first axis the sample
     * @param backprops the gradient of the summed per-sample losses with respect to the layer's
     *     output, of the output's shape
     * @return for each of the layer's parameters, an array of shape {@code [n, ...parameter
     *     shape]}
     */
    Map<Parameter, NDArray> perSample(
            B layer, ParameterStore parameters, NDList activations, NDArray backprops);
}
