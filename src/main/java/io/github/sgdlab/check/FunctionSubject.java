package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A function of NDArrays as a {@link Differentiable}. The caller's inputs are never touched:
 * finite differences and autograd both run on copies, so the inputs' values and gradients stay
 * as they were.
 */
final class FunctionSubject implements Differentiable {

    private final Function<NDList, NDArray> f;
    private final NDList inputs;
    private final NDManager manager;
    /** Positions in {@link #inputs} of the inputs that require a gradient. */
    private final int[] checked;
    private final double[][] values;

    FunctionSubject(Function<NDList, NDArray> f, NDList inputs) {
        if (inputs.isEmpty()) {
            throw new IllegalArgumentException("no inputs to check");
        }
        this.f = f;
        this.inputs = inputs;
        this.manager = inputs.head().getManager();
        List<Integer> positions = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            if (inputs.get(i).hasGradient()) {
                Float64.require(inputs.get(i), label(i));
                positions.add(i);
            }
        }
        if (positions.isEmpty()) {
            throw new IllegalArgumentException("no input requires a gradient: call "
                    + "setRequiresGradient(true) on the inputs to check");
        }
        this.checked = positions.stream().mapToInt(Integer::intValue).toArray();
        this.values = new double[checked.length][];
        for (int j = 0; j < checked.length; j++) {
            values[j] = inputs.get(checked[j]).toDoubleArray();
        }
    }

    @Override
    public int count() {
        return checked.length;
    }

    @Override
    public String name(int j) {
        return label(checked[j]);
    }

    private String label(int position) {
        String name = inputs.get(position).getName();
        return name == null || name.isEmpty() ? "input " + position : name;
    }

    @Override
    public Shape shape(int j) {
        return inputs.get(checked[j]).getShape();
    }

    @Override
    public double[] values(int j) {
        return values[j].clone();
    }

    @Override
    public double[] output(int j, double[] replacement) {
        // The scope closes whatever f creates, wherever f attaches it (results attach to the first
        // operand's manager, which may be the caller's).
        try (NDManager scope = manager.newSubManager(); NDScope ignored = new NDScope()) {
            NDList arguments = new NDList(inputs.size());
            for (int i = 0; i < inputs.size(); i++) {
                arguments.add(j >= 0 && i == checked[j]
                        ? scope.create(replacement, inputs.get(i).getShape())
                        : inputs.get(i));
            }
            return Float64.values(f.apply(arguments));
        }
    }

    @Override
    public double[][] vectorJacobian(double[] v) {
        try (NDManager scope = manager.newSubManager(); NDScope ignored = new NDScope()) {
            NDList arguments = new NDList(inputs.size());
            NDArray[] copies = new NDArray[checked.length];
            for (int i = 0, j = 0; i < inputs.size(); i++) {
                if (j < checked.length && checked[j] == i) {
                    // A fresh leaf: its gradient starts empty and the caller's input keeps its own.
                    copies[j] = scope.create(values[j], inputs.get(i).getShape());
                    copies[j].setRequiresGradient(true);
                    arguments.add(copies[j++]);
                } else {
                    arguments.add(inputs.get(i));
                }
            }
            return CollectorGate.collect(manager.getEngine(), collector -> {
                NDArray output = f.apply(arguments);
                Float64.require(output, "the output");
                double[][] gradients = new double[copies.length][];
                if (!Float64.backward(collector, Float64.weightedSum(scope, output, v))) {
                    // The output does not depend on any checked tensor: its Jacobian is zero.
                    for (int j = 0; j < gradients.length; j++) {
                        gradients[j] = new double[values[j].length];
                    }
                    return gradients;
                }
                for (int j = 0; j < copies.length; j++) {
                    gradients[j] = Float64.gradient(copies[j]);
                }
                return gradients;
            });
        }
    }
}
