package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;

/** The notebook's model, and the initialisation every test block gets. */
final class Models {

    private Models() {}

    /** The notebook's model y = θ1·x + θ0: one Linear unit, weight θ1, bias θ0. */
    static Block notebook(NDManager manager, DataType type, double theta0, double theta1) {
        Linear linear = Linear.builder().setUnits(1).build();
        linear.initialize(manager, type, new Shape(1, 1));
        set(linear.getParameters().get("weight").getArray(), theta1);
        set(linear.getParameters().get("bias").getArray(), theta0);
        return linear;
    }

    /** Initialises with normal weights and biases (sd 0.5), so that no bias is zero. */
    static void initialise(Block block, NDManager manager, DataType type, Shape input) {
        block.setInitializer(new NormalInitializer(0.5f), p -> true);
        block.initialize(manager, type, input);
    }

    /** Sets a one-element array, rounding to its type as torch.tensor(value, dtype) does. */
    private static void set(NDArray array, double value) {
        if (array.getDataType() == DataType.FLOAT32) {
            array.set(new float[] {(float) value});
        } else {
            array.set(new double[] {value});
        }
    }
}
