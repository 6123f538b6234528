package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-sample gradients of {@link Linear}: {@code z = a·Wᵀ + b}, so sample i's gradients are
 * {@code dW_i = g_iᵀ·a_i} (an outer product, Goodfellow 2015, summed over any axes between the
 * sample and the features) and {@code db_i = g_i} summed likewise, where g is the gradient at the
 * output.
 *
 * <p>The forward pass makes the bias, expanded to the output's shape, the probe leaf: DJL's
 * {@code linear} adds a bias of any broadcastable shape, so the output is computed by the very
 * same kernel call as the block's own forward pass (no extra zero array, no extra addition), and
 * the leaf's gradient is both the backprops and, for 2-D inputs, the bias's per-sample gradient.
 */
final class LinearSampler implements LayerSampler<Linear> {

    @Override
    public Class<Linear> layerType() {
        return Linear.class;
    }

    @Override
    public Probe forward(Linear layer, ParameterStore parameters, NDList inputs) {
        NDArray input = inputs.singletonOrThrow();
        NDArray weight = parameters.getValue(weight(layer), input.getDevice(), false);
        Shape inputShape = input.getShape();
        Shape outputShape = inputShape.slice(0, inputShape.dimension() - 1)
                .add(weight.getShape().get(0));
        Parameter bias = bias(layer);
        NDArray leaf = bias == null
                ? input.getManager().zeros(outputShape, weight.getDataType())
                : parameters.getValue(bias, input.getDevice(), false).broadcast(outputShape);
        leaf.setRequiresGradient(true);
        return new Probe(Linear.linear(input, weight, leaf), leaf);
    }

    @Override
    public Map<Parameter, NDArray> perSample(
            Linear layer, ParameterStore parameters, NDList activations, NDArray backprops) {
        NDArray input = activations.singletonOrThrow();
        Map<Parameter, NDArray> gradients = new LinkedHashMap<>();
        NDArray biasGradient;
        Parameter weight = weight(layer);
        Parameter bias = bias(layer);
        boolean withBias = bias != null && bias.requiresGradient();
        if (input.getShape().dimension() == 2) {
            // [n, out, 1] * [n, 1, in]: one rounding per element, as the loop's gemm with k = 1.
            if (weight.requiresGradient()) {
                gradients.put(weight, backprops.expandDims(2).mul(input.expandDims(1)));
            }
            biasGradient = backprops;
        } else {
            long samples = input.getShape().get(0);
            NDArray g = backprops.reshape(samples, -1, backprops.getShape().getLastDimension());
            if (weight.requiresGradient()) {
                NDArray a = input.reshape(samples, -1, input.getShape().getLastDimension());
                gradients.put(weight, g.transpose(0, 2, 1).matMul(a));
            }
            biasGradient = withBias ? g.sum(new int[] {1}) : null;
        }
        // A frozen weight or bias is not computed.
        if (withBias) {
            gradients.put(bias, biasGradient);
        }
        return gradients;
    }

    private static Parameter weight(Linear layer) {
        return layer.getDirectParameters().get("weight");
    }

    /** The bias, or null for a layer built with {@code optBias(false)}. */
    private static Parameter bias(Linear layer) {
        return layer.getDirectParameters().get("bias");
    }
}
