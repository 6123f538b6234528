package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.util.Pair;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.HashMap;
import java.util.Map;

/**
 * A block's parameter values and the parameters' own gradients, copied out, to check that a call
 * left both exactly as it found them.
 *
 * @param values each parameter's values, by name
 * @param gradients each parameter's own gradient, by name
 */
record ParameterSnapshot(Map<String, double[]> values, Map<String, double[]> gradients) {

    /**
     * Gives every parameter a gradient of its own, {@code d(Σ p^3)/dp = 3p^2}, so that a call
     * that wrote into the parameters' gradients would show, then copies values and gradients.
     *
     * @param block an initialised block
     * @return the copy
     */
    static ParameterSnapshot withOwnGradients(Block block) {
        Engine engine = block.getParameters().valueAt(0).getArray().getManager().getEngine();
        try (GradientCollector collector = CollectorGate.open(engine)) {
            NDArray total = null;
            for (Pair<String, Parameter> p : block.getParameters()) {
                NDArray array = p.getValue().getArray();
                array.setRequiresGradient(true);
                // p * p * p, not pow(3): DJL frees a Number operand that backward still needs.
                NDArray cubes = array.mul(array).mul(array).sum();
                total = total == null ? cubes : total.add(cubes);
            }
            collector.backward(total);
        }
        Map<String, double[]> values = new HashMap<>();
        Map<String, double[]> gradients = new HashMap<>();
        for (Pair<String, Parameter> p : block.getParameters()) {
            values.put(p.getKey(), Agreement.doubles(p.getValue().getArray()));
            gradients.put(p.getKey(), Agreement.doubles(p.getValue().getArray().getGradient()));
        }
        return new ParameterSnapshot(values, gradients);
    }

    /**
     * Asserts that every parameter and its gradient still hold the copied bits.
     *
     * @param block the block the copy was taken of
     */
    void assertUnchanged(Block block) {
        for (Pair<String, Parameter> p : block.getParameters()) {
            NDArray array = p.getValue().getArray();
            assertArrayEquals(values.get(p.getKey()), Agreement.doubles(array), p.getKey());
            assertArrayEquals(gradients.get(p.getKey()), Agreement.doubles(array.getGradient()),
                    p.getKey() + " gradient");
        }
    }
}
