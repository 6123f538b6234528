package io.github.sgdlab.privacy;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.github.sgdlab.Resources;

import java.util.ArrayList;
import java.util.List;

/**
 * The models of {@code dp_sgd_golden.json} (written by src/test/python/dp_sgd_golden.py from Opacus
 * 1.4.0), rebuilt in DJL with the same float64 weights, inputs and labels.
 */
final class GoldenModels {

    static final JsonObject GOLDEN = Resources.json("privacy/dp_sgd_golden.json");

    private GoldenModels() {}

    /** One case: the block (weights set), its inputs and labels, and Opacus's values. */
    record Case(String name, Block block, NDList inputs, NDArray labels, JsonObject golden) {

        int expectedBatchSize() {
            return golden.get("expected_batch_size").getAsInt();
        }

        double maxGradNorm(String clipping) {
            return golden.getAsJsonObject(clipping).get("max_grad_norm").getAsDouble();
        }

        /** Opacus's private gradient of parameter p (in the block's order). */
        double[] expected(String clipping, int p) {
            return Resources.doubles(golden.getAsJsonObject(clipping).getAsJsonArray("gradients")
                    .get(p).getAsJsonArray());
        }

        List<Parameter> parameters() {
            List<Parameter> parameters = new ArrayList<>();
            for (Pair<String, Parameter> pair : block.getParameters()) {
                parameters.add(pair.getValue());
            }
            return parameters;
        }
    }

    /** A fresh block for the case named "mlp" or "cnn", never run backward. */
    static Case load(String name, NDManager manager) {
        JsonObject golden = GOLDEN.getAsJsonObject(name);
        JsonObject input = golden.getAsJsonObject("input");
        Shape inputShape = shape(input.getAsJsonArray("shape"));
        SequentialBlock block = new SequentialBlock();
        if (name.equals("mlp")) {
            block.add(Linear.builder().setUnits(5).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(3).build());
        } else {
            block.add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(2).build())
                    .add(Activation.reluBlock()).add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(3).build());
        }
        block.initialize(manager, DataType.FLOAT64, inputShape);
        JsonArray parameters = golden.getAsJsonArray("parameters");
        ai.djl.nn.ParameterList blockParameters = block.getParameters();
        if (blockParameters.size() != parameters.size()) {
            throw new IllegalStateException("parameter count differs from the golden file");
        }
        for (int p = 0; p < parameters.size(); p++) {
            JsonObject values = parameters.get(p).getAsJsonObject();
            NDArray array = blockParameters.get(p).getValue().getArray();
            Shape expected = shape(values.getAsJsonArray("shape"));
            if (!array.getShape().equals(expected)) {
                throw new IllegalStateException(blockParameters.get(p).getKey() + " has shape "
                        + array.getShape() + ", the golden file " + expected);
            }
            overwrite(array, Resources.doubles(values.getAsJsonArray("values")));
        }
        NDArray x = manager.create(Resources.doubles(input.getAsJsonArray("values")), inputShape);
        JsonArray labelValues = golden.getAsJsonArray("labels");
        long[] labels = new long[labelValues.size()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = labelValues.get(i).getAsLong();
        }
        return new Case(name, block, new NDList(x), manager.create(labels), golden);
    }

    /** Writes a parameter's values; grad mode may be on on this thread, so lift the flag. */
    static void overwrite(NDArray array, double[] values) {
        boolean requires = array.hasGradient();
        array.setRequiresGradient(false);
        try {
            array.set(values);
        } finally {
            if (requires) {
                array.setRequiresGradient(true);
            }
        }
    }

    private static Shape shape(JsonArray dims) {
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).getAsLong();
        }
        return new Shape(shape);
    }
}
