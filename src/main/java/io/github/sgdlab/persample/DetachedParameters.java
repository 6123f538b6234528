package io.github.sgdlab.persample;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link ParameterStore} that hands the block its parameters' values as new arrays detached
 * from the block's own: same storage (no copy), but separate autograd leaves.
 *
 * <p>That is how a call leaves the block as it found it: a backward pass writes gradients into
 * these leaves, never into the parameters' own gradients, and nothing writes to the values. It
 * also keeps concurrent calls on one block apart. Every DJL block reads its parameters through
 * {@link #getValue}, so any block works. One instance serves one forward pass on one thread.
 */
final class DetachedParameters extends ParameterStore {

    private final boolean withGradients;
    private final Map<String, NDArray> values = new HashMap<>();

    /**
     * @param withGradients whether the detached values are leaves with gradients attached (the
     *     loop and the batch gradient) or constants (the vectorized pass, which reads its
     *     gradients from probes at the layers' outputs)
     */
    DetachedParameters(boolean withGradients) {
        this.withGradients = withGradients;
    }

    @Override
    public NDArray getValue(Parameter parameter, Device device, boolean training) {
        if (parameter == null) {
            return null;
        }
        return values.computeIfAbsent(parameter.getId(), id -> detach(parameter, device));
    }

    /**
     * The value handed out for a parameter, if the forward pass asked for it.
     *
     * @param parameter the parameter
     * @return its detached value, or null if the block never read it
     */
    NDArray valueOf(Parameter parameter) {
        return values.get(parameter.getId());
    }

    private NDArray detach(Parameter parameter, Device device) {
        NDArray array = parameter.getArray();
        NDArray value = array.getDevice().equals(device)
                ? array.stopGradient()
                : array.toDevice(device, true).stopGradient();
        if (withGradients) {
            value.setRequiresGradient(true);
        }
        return value;
    }
}
