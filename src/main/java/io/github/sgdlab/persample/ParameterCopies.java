package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.HashMap;
import java.util.Map;

/**
 * A snapshot of a block's parameter values, taken once per call: what every forward pass of the
 * call reads.
 *
 * <p>Why copies, not the parameters' own arrays: an optimizer (DJL's {@code Trainer.step()})
 * updates parameters in place. A graph built on the live arrays would then be invalidated under
 * the call (PyTorch refuses the backward pass: "modified by an inplace operation"), and a loop
 * over samples would mix the values before and after an update. The copies are taken
 * {@link CollectorGate#exclusive exclusively}, so a gated trainer's step is wholly before or
 * wholly after them; the call then runs on values nothing else writes to. One copy of the
 * trainable parameters per call, not per sample.
 *
 * <p>Frozen parameters ({@code requiresGradient()} false) are not copied but viewed: an optimizer
 * leaves them alone (DJL's {@code ParameterStore.updateAllParameters} skips them), so a frozen
 * backbone costs no copy per call when fine-tuning.
 */
final class ParameterCopies {

    private ParameterCopies() {}

    /**
     * Copies every trainable parameter of the block, and views every frozen one (the forward
     * passes read them all).
     *
     * @param block an initialised block
     * @param manager where the copies live; the caller closes it after the call
     * @return the copies by parameter id
     */
    static Map<String, NDArray> take(Block block, NDManager manager) {
        return CollectorGate.exclusive(() -> {
            Map<String, NDArray> copies = new HashMap<>();
            for (Pair<String, Parameter> pair : block.getParameters()) {
                Parameter parameter = pair.getValue();
                if (!copies.containsKey(parameter.getId())) {
                    // Both land on the parameter's manager: move them to the call's.
                    NDArray copy = BlockParameters.isTrainable(parameter)
                            ? parameter.getArray().duplicate()
                            : parameter.getArray().stopGradient();
                    copy.attach(manager);
                    copies.put(parameter.getId(), copy);
                }
            }
            return copies;
        });
    }
}
