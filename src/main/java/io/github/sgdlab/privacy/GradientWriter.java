package io.github.sgdlab.privacy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import io.github.sgdlab.autograd.CollectorGate;

import java.util.List;

/**
 * Writes values into parameters' gradients, the arrays {@code Trainer.step()} reads.
 *
 * <p>In DJL's PyTorch engine a parameter has no gradient tensor until a backward pass reaches it,
 * and {@code getGradient()} then returns a fresh zeros array that is not the gradient: a write
 * into it is lost. So a backward pass of {@code Σ_p 0·sum(p)} (the zero an array operand, never a
 * {@code Number}) runs first; it adds zero to every gradient, creating the ones that do not exist,
 * and leaves the parameter values untouched. Then each gradient is overwritten in place.
 */
final class GradientWriter {

    private static final NDIndex ALL = new NDIndex("...");

    private GradientWriter() {}

    /**
     * {@code parameter.grad = value} for each pair, replacing what was there.
     *
     * @param parameters trainable, initialised parameters
     * @param values one array per parameter, of its shape
     */
    static void write(List<Parameter> parameters, List<NDArray> values) {
        if (parameters.isEmpty()) {
            return;
        }
        NDArray first = parameters.get(0).getArray();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            try (GradientCollector collector = CollectorGate.open(first.getManager().getEngine())) {
                NDArray total = null;
                for (Parameter parameter : parameters) {
                    NDArray sum = parameter.getArray().sum();
                    NDArray zero = sum.zerosLike();
                    NDArray term = sum.mul(zero);
                    total = total == null ? term : total.add(term);
                }
                collector.backward(total);
            }
        }
        for (int i = 0; i < parameters.size(); i++) {
            try (NDArray gradient = parameters.get(i).getArray().getGradient()) {
                gradient.set(ALL, values.get(i));
            }
        }
    }
}
