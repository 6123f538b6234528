package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * A block's mean loss as a {@link Differentiable} of its parameters.
 *
 * <p>Parameters cannot be copied out of a block, so finite differences write the perturbed values
 * into the parameter itself (an in-place copy) and write the original bits back afterwards, and
 * autograd saves each parameter's gradient, zeroes it, runs backward and writes the saved
 * gradient back. The forward pass runs with {@code training = false}, so dropout is off and the
 * loss is a deterministic function of the parameters.
 */
final class BlockSubject implements Differentiable {

    private static final NDIndex ALL = new NDIndex("...");

    private final Block block;
    private final PerSampleLoss loss;
    private final NDList inputs;
    private final NDList labels;
    private final NDManager manager;
    private final List<String> names = new ArrayList<>();
    private final List<NDArray> parameters = new ArrayList<>();
    private final List<double[]> values = new ArrayList<>();

    BlockSubject(Block block, PerSampleLoss loss, NDList inputs, NDArray labels) {
        if (!block.isInitialized()) {
            throw new IllegalArgumentException("the block is not initialized: call "
                    + "block.initialize(manager, DataType.FLOAT64, inputShapes) first");
        }
        this.block = block;
        this.loss = loss;
        this.inputs = inputs;
        this.labels = new NDList(labels);
        this.manager = labels.getManager();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient()) {
                NDArray array = parameter.getArray();
                Float64.requireParameter(array, "parameter " + entry.getKey());
                names.add(entry.getKey());
                parameters.add(array);
                values.add(array.toDoubleArray());
            }
        }
        if (parameters.isEmpty()) {
            throw new IllegalArgumentException("the block has no parameter that requires a "
                    + "gradient (all frozen?)");
        }
    }

    @Override
    public int count() {
        return parameters.size();
    }

    @Override
    public String name(int j) {
        return names.get(j);
    }

    @Override
    public Shape shape(int j) {
        return parameters.get(j).getShape();
    }

    @Override
    public double[] values(int j) {
        return values.get(j).clone();
    }

    @Override
    public double[] output(int j, double[] replacement) {
        if (j < 0) {
            return evaluate();
        }
        write(j, replacement);
        try {
            return evaluate();
        } finally {
            write(j, values.get(j));
        }
    }

    private double[] evaluate() {
        // The block attaches its outputs to its parameters' manager; the scope closes them.
        try (NDScope ignored = new NDScope()) {
            return Float64.values(meanLoss(new ParameterStore(manager, false)));
        }
    }

    private NDArray meanLoss(ParameterStore store) {
        NDList predictions = block.forward(store, inputs, false);
        NDArray perSample = loss.apply(labels, predictions);
        return perSample.mean();
    }

    /** Copies values into parameter j in place, bit for bit. */
    private void write(int j, double[] replacement) {
        NDArray parameter = parameters.get(j);
        try (NDManager scope = manager.newSubManager()) {
            InPlace.overwrite(parameter, scope.create(replacement, parameter.getShape()));
        }
    }

    @Override
    public double[][] vectorJacobian(double[] v) {
        int count = parameters.size();
        double[][] saved = new double[count][];
        for (int j = 0; j < count; j++) {
            saved[j] = Float64.gradient(parameters.get(j));
        }
        try (NDManager scope = manager.newSubManager(); NDScope ignored = new NDScope()) {
            return CollectorGate.collect(manager.getEngine(), collector -> {
                for (int j = 0; j < count; j++) {
                    setGradient(scope, j, new double[saved[j].length]);
                }
                try {
                    NDArray output = meanLoss(new ParameterStore(manager, false));
                    Float64.require(output, "the loss");
                    double[][] gradients = new double[count][];
                    if (!Float64.backward(collector, Float64.weightedSum(scope, output, v))) {
                        // The output does not depend on any checked tensor: its Jacobian is zero.
                        for (int j = 0; j < gradients.length; j++) {
                            gradients[j] = new double[values.get(j).length];
                        }
                        return gradients;
                    }
                    for (int j = 0; j < count; j++) {
                        gradients[j] = Float64.gradient(parameters.get(j));
                    }
                    return gradients;
                } finally {
                    for (int j = 0; j < count; j++) {
                        setGradient(scope, j, saved[j]);
                    }
                }
            });
        }
    }

    /** Writes values into parameter j's gradient in place (a no-op before its first backward). */
    private void setGradient(NDManager scope, int j, double[] gradient) {
        try (NDArray target = parameters.get(j).getGradient()) {
            target.set(ALL, scope.create(gradient, target.getShape())
                    .toType(target.getDataType(), false));
        }
    }
}
