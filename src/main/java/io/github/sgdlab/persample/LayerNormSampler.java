package io.github.sgdlab.persample;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Per-sample gradients of {@link LayerNorm}: {@code z = x̂·γ + β}, where x̂ is each sample's input
 * normalised over the trailing axes that γ and β span, so sample i's gradients are
 * {@code dγ_i = Σ g_i·x̂_i} and {@code dβ_i = Σ g_i}, summed over the axes between the sample and
 * the normalised ones (Opacus's {@code layer_norm.py}), where g is the gradient at the output.
 *
 * <p>Layer normalisation takes its mean and variance within one sample, so unlike batch
 * normalisation it does not mix samples. The forward pass is the default probe: the layer's own
 * kernel, so the layers after it see exactly what the loop's do.
 *
 * <p>x̂ comes from the layer's own forward pass run again with γ = 1 and β = 0: the layer keeps its
 * ε and normalised shape to itself, and that pass computes x̂ as its kernel does. DJL's
 * {@code optScale(false)} and {@code optCenter(false)} only stop γ and β from training (their
 * {@code requiresGradient()} is false); the forward pass still applies them. They are then frozen
 * parameters, used as constants and given no gradient, as in {@link Strategy#LOOP}.
 */
final class LayerNormSampler implements LayerSampler<LayerNorm> {

    @Override
    public Class<LayerNorm> layerType() {
        return LayerNorm.class;
    }

    @Override
    public Map<Parameter, NDArray> perSample(
            LayerNorm layer, ParameterStore parameters, NDList activations, NDArray backprops) {
        Parameter gamma = layer.getDirectParameters().get("gamma");
        Parameter beta = layer.getDirectParameters().get("beta");
        NDArray input = activations.singletonOrThrow();
        Device device = input.getDevice();
        NDArray gammaValue = parameters.getValue(gamma, device, false);
        // γ spans the normalised axes (DJL's normalized shape), which PyTorch takes from the end.
        Shape normalisedShape = gammaValue.getShape();
        Map<Parameter, NDArray> gradients = new LinkedHashMap<>();
        // A frozen γ or β (optScale(false), optCenter(false), freezeParameters) is not computed.
        if (gamma.requiresGradient()) {
            NDArray betaValue = parameters.getValue(beta, device, false);
            NDArray normalised = layer.forward(
                    new UnitAffine(gamma, gammaValue.onesLike(), betaValue.zerosLike(),
                            input.getManager()),
                    activations, false).singletonOrThrow();
            gradients.put(gamma, sumBetween(backprops.mul(normalised), normalisedShape));
        }
        if (beta.requiresGradient()) {
            gradients.put(beta, sumBetween(backprops, normalisedShape));
        }
        return gradients;
    }

    /**
     * Sums over the axes between the sample and the normalised ones, if there are any.
     *
     * @param perElement an array of the output's shape, first axis the sample
     * @param normalisedShape the shape of γ and β
     * @return shape {@code [n, ...normalisedShape]}
     */
    private static NDArray sumBetween(NDArray perElement, Shape normalisedShape) {
        long samples = perElement.getShape().get(0);
        Shape perSample = new Shape(samples).addAll(normalisedShape);
        if (perElement.getShape().equals(perSample)) {
            return perElement;
        }
        return perElement.reshape(samples, -1, normalisedShape.size()).sum(new int[] {1})
                .reshape(perSample);
    }

    /** Hands the layer γ = 1 and β = 0, so that its own forward pass returns x̂. */
    private static final class UnitAffine extends ParameterStore {

        private final Parameter gamma;
        private final NDArray ones;
        private final NDArray zeros;

        /**
         * @param gamma the layer's γ, which gets the ones; β gets the zeros
         * @param ones ones of γ's shape
         * @param zeros zeros of β's shape
         * @param manager a manager of the call's, which the store itself never uses
         */
        UnitAffine(Parameter gamma, NDArray ones, NDArray zeros, NDManager manager) {
            // With a manager: ParameterStore's constructor without one leaks a base manager.
            super(manager, false);
            this.gamma = gamma;
            this.ones = ones;
            this.zeros = zeros;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            return parameter == gamma ? ones : zeros;
        }
    }
}
