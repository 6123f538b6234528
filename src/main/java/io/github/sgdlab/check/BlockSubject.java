package io.github.sgdlab.check;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A block's mean loss as a {@link Differentiable} of its parameters, evaluated on a snapshot.
 *
 * <p>The block's parameters are copied once, inside {@link CollectorGate#exclusive} (so a gated
 * trainer's {@code step()} is wholly before or wholly after the copy), and every evaluation hands
 * the block values from that copy through its own {@link ParameterStore}: a perturbed copy for a
 * finite difference, fresh autograd leaves for a backward pass. The block's own parameter arrays
 * are only read, once, and never written, nor are their gradients: so the check is safe beside a
 * DJL trainer (or a {@code PerSample} call) working on the same block from another thread, and it
 * checks one version of the parameters even if an optimizer updates them meanwhile. A parameter
 * shared by several blocks is checked once, under its first name. The forward pass runs with
 * {@code training = false}, so dropout is off and the loss is a deterministic function of the
 * parameters. Close it to free the snapshot.
 */
final class BlockSubject implements Differentiable, AutoCloseable {

    private final Block block;
    private final PerSampleLoss loss;
    private final NDList inputs;
    private final NDList labels;
    /** The call's manager: holds the snapshot; closed by {@link #close}. */
    private final NDManager call;
    /** Every parameter's copy, trainable or frozen, by id: what the forward passes read. */
    private final Map<String, NDArray> snapshot;
    private final List<String> ids = new ArrayList<>();
    private final List<String> names = new ArrayList<>();
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
        Map<String, String> checked = new LinkedHashMap<>();
        for (Pair<String, Parameter> entry : block.getParameters()) {
            Parameter parameter = entry.getValue();
            if (parameter.requiresGradient() && !checked.containsKey(parameter.getId())) {
                Float64.requireParameter(parameter.getArray(), "parameter " + entry.getKey());
                checked.put(parameter.getId(), entry.getKey());
            }
        }
        if (checked.isEmpty()) {
            throw new IllegalArgumentException("the block has no parameter that requires a "
                    + "gradient (all frozen?)");
        }
        this.call = labels.getManager().newSubManager();
        try {
            this.snapshot = take(block, call);
            for (Map.Entry<String, String> entry : checked.entrySet()) {
                ids.add(entry.getKey());
                names.add(entry.getValue());
                values.add(snapshot.get(entry.getKey()).toDoubleArray());
            }
        } catch (RuntimeException | Error e) {
            call.close();
            throw e;
        }
    }

    /**
     * Copies every parameter of the block, holding the gate: an in-place update by a gated
     * trainer is wholly before or wholly after the copy. The copies are detached (no autograd
     * history) and independent of the parameters' storage.
     */
    private static Map<String, NDArray> take(Block block, NDManager manager) {
        return CollectorGate.exclusive(() -> {
            Map<String, NDArray> copies = new HashMap<>();
            for (Pair<String, Parameter> entry : block.getParameters()) {
                Parameter parameter = entry.getValue();
                if (!copies.containsKey(parameter.getId())) {
                    try (NDArray view = parameter.getArray().stopGradient()) {
                        NDArray copy = view.duplicate();
                        // Both land on the parameter's manager: the copy belongs to the call.
                        copy.attach(manager);
                        copies.put(parameter.getId(), copy);
                    }
                }
            }
            return copies;
        });
    }

    @Override
    public int count() {
        return ids.size();
    }

    @Override
    public String name(int j) {
        return names.get(j);
    }

    @Override
    public Shape shape(int j) {
        return snapshot.get(ids.get(j)).getShape();
    }

    @Override
    public double[] values(int j) {
        return values.get(j).clone();
    }

    @Override
    public double[] output(int j, double[] replacement) {
        // The block attaches its outputs to the inputs' manager: the NDScope closes them.
        try (NDManager scope = call.newSubManager(); NDScope ignored = new NDScope()) {
            Map<String, NDArray> handed = new HashMap<>(snapshot);
            if (j >= 0) {
                NDArray original = snapshot.get(ids.get(j));
                handed.put(ids.get(j), scope.create(replacement, original.getShape())
                        .toDevice(original.getDevice(), false));
            }
            return Float64.values(meanLoss(new SnapshotStore(handed, scope)));
        }
    }

    private NDArray meanLoss(ParameterStore store) {
        NDList predictions = block.forward(store, inputs, false);
        NDArray perSample = loss.apply(labels, predictions);
        return perSample.mean();
    }

    @Override
    public double[][] vectorJacobian(double[] v) {
        int count = ids.size();
        try (NDManager scope = call.newSubManager(); NDScope ignored = new NDScope()) {
            Map<String, NDArray> handed = new HashMap<>(snapshot);
            NDArray[] leaves = new NDArray[count];
            for (int j = 0; j < count; j++) {
                // A fresh leaf per pass: the gradient lands in it, not in the block's parameter.
                leaves[j] = snapshot.get(ids.get(j)).duplicate();
                leaves[j].attach(scope);
                leaves[j].setRequiresGradient(true);
                handed.put(ids.get(j), leaves[j]);
            }
            return CollectorGate.collect(call.getEngine(), collector -> {
                NDArray output = meanLoss(new SnapshotStore(handed, scope));
                Float64.require(output, "the loss");
                double[][] gradients = new double[count][];
                if (!Float64.backward(collector, Float64.weightedSum(scope, output, v))) {
                    // The output does not depend on any checked tensor: its Jacobian is zero.
                    for (int j = 0; j < count; j++) {
                        gradients[j] = new double[values.get(j).length];
                    }
                    return gradients;
                }
                for (int j = 0; j < count; j++) {
                    gradients[j] = Float64.gradient(leaves[j]);
                }
                return gradients;
            });
        }
    }

    /** Frees the snapshot. */
    @Override
    public void close() {
        call.close();
    }

    /**
     * Hands the block the arrays of one evaluation instead of its parameters' own. Every DJL block
     * reads its parameters through {@link #getValue}, so any block works. It passes a manager to
     * {@link ParameterStore}'s constructor: the constructor without one leaks a base manager.
     */
    private static final class SnapshotStore extends ParameterStore {

        private final Map<String, NDArray> arrays;

        SnapshotStore(Map<String, NDArray> arrays, NDManager manager) {
            super(manager, false);
            this.arrays = arrays;
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            if (parameter == null) {
                return null;
            }
            NDArray array = arrays.get(parameter.getId());
            if (array == null) {
                throw new IllegalStateException("the block read parameter "
                        + parameter.getName() + ", which block.getParameters() does not list");
            }
            return array.getDevice().equals(device) ? array : array.toDevice(device, true);
        }
    }
}
