package io.github.sgdlab.persample;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;

import java.util.HashMap;
import java.util.Map;

/**
 * A {@link ParameterStore} that hands the block its parameters' values from a call's
 * {@link ParameterCopies snapshot}, as new arrays detached from it: same storage as the snapshot,
 * separate autograd leaves.
 *
 * <p>That is how a call leaves the block as it found it: a backward pass writes gradients into
 * these leaves, never into the parameters' own gradients, and nothing writes to the values. It
 * also keeps concurrent calls on one block apart. Every DJL block reads its parameters through
 * {@link #getValue}, so any block works. Frozen parameters ({@code requiresGradient()} false) are
 * handed out as constants. One instance serves one forward pass on one thread.
 *
 * <p>It passes a manager to {@link ParameterStore}'s constructor: the constructor without one
 * creates a base manager that nothing closes, one leaked manager per instance.
 */
final class DetachedParameters extends ParameterStore {

    private final Map<String, NDArray> copies;
    private final boolean withGradients;
    private final Map<String, NDArray> values = new HashMap<>();

    /**
     * @param copies the call's snapshot of the parameters, by id
     * @param withGradients whether trainable parameters' values are leaves with gradients attached
     *     (the loop and the batch gradient) or constants (the vectorized pass, which reads its
     *     gradients from probes at the layers' outputs)
     * @param manager a manager of the call's, which the store itself never uses
     */
    DetachedParameters(Map<String, NDArray> copies, boolean withGradients, NDManager manager) {
        super(manager, false);
        this.copies = copies;
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
        NDArray copy = copies.get(parameter.getId());
        if (copy == null) {
            throw new IllegalStateException("the block read parameter " + parameter.getName()
                    + ", which block.getParameters() does not list");
        }
        NDArray value = copy.getDevice().equals(device)
                ? copy.stopGradient()
                : copy.toDevice(device, true).stopGradient();
        if (withGradients && BlockParameters.isTrainable(parameter)) {
            value.setRequiresGradient(true);
        }
        return value;
    }
}
