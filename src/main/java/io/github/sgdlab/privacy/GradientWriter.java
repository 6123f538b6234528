package io.github.sgdlab.privacy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import io.github.sgdlab.autograd.CollectorGate;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Writes values into parameters' gradients, the arrays {@code Trainer.step()} reads.
 *
 * <p>In DJL's PyTorch engine a parameter has no gradient tensor until a backward pass reaches it,
 * and {@code getGradient()} then returns a fresh zeros array that is not the gradient: a write
 * into it is lost. So a backward pass of {@code Σ_p 0·sum(p)} (the zero an array operand, never a
 * {@code Number}) runs first; it adds zero to every gradient, creating the ones that do not exist,
 * and leaves the parameter values untouched. Then each gradient is overwritten in place.
 *
 * <p>A gradient tensor, once created, stays (DJL zeroes gradients, it never drops them), so the
 * zero pass runs only for a parameter whose current array has not had it; a parameter whose array
 * is replaced (a reloaded model) gets it again. (Keyed by the parameter, which has identity
 * equality, and compared by identity: {@code PtNDArray.equals} compares contents.)
 */
final class GradientWriter {

    private static final NDIndex ALL = new NDIndex("...");

    /** For each parameter seen, the array of it known to have a gradient tensor. */
    private static final Map<Parameter, NDArray> WITH_GRADIENT =
            Collections.synchronizedMap(new WeakHashMap<>());

    private GradientWriter() {}

    /**
     * {@code parameter.grad = value} for each pair, replacing what was there.
     *
     * @param parameters trainable, initialised parameters
     * @param values one array per parameter, of its shape
     */
    static void write(List<Parameter> parameters, List<NDArray> values) {
        List<Parameter> fresh = new ArrayList<>();
        for (Parameter parameter : parameters) {
            if (WITH_GRADIENT.get(parameter) != parameter.getArray()) {
                fresh.add(parameter);
            }
        }
        if (!fresh.isEmpty()) {
            createGradients(fresh);
        }
        for (int i = 0; i < parameters.size(); i++) {
            try (NDArray gradient = parameters.get(i).getArray().getGradient()) {
                gradient.set(ALL, values.get(i));
            }
        }
    }

    /** The zero backward pass, for parameters that may have no gradient tensor yet. */
    private static void createGradients(List<Parameter> parameters) {
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
        for (Parameter parameter : parameters) {
            WITH_GRADIENT.put(parameter, parameter.getArray());
        }
    }
}
