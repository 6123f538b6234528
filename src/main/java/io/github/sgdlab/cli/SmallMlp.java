package io.github.sgdlab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.util.Pair;

import java.util.Random;

/**
 * A small float64 classifier, {@code features → hidden (tanh) → classes}, with parameters and a
 * batch drawn from a seed in Java (not from the engine's random generator), so the same seed gives
 * the same model on every engine and platform. What the {@code check} command (and the gradient
 * check's own tests) run the gradient check on; tanh keeps it smooth, so central differences never
 * straddle a kink. It lives with the command, not in the library's {@code check} package, which
 * checks whatever block it is given.
 *
 * @param features input features
 * @param hidden hidden units
 * @param classes output classes
 * @param samples the batch size
 */
public record SmallMlp(int features, int hidden, int classes, int samples) {

    /** The {@code check} command's model: 4 features, 8 hidden units, 3 classes, 16 samples. */
    public static final SmallMlp DEFAULT = new SmallMlp(4, 8, 3, 16);

    /**
     * Checks the sizes.
     *
     * @param features the input width
     * @param hidden the hidden layer's width
     * @param classes the output width
     * @param samples the batch size
     * @throws IllegalArgumentException if any size is below 1
     */
    public SmallMlp {
        if (features < 1 || hidden < 1 || classes < 1 || samples < 1) {
            throw new IllegalArgumentException("sizes must be at least 1");
        }
    }

    /**
     * The block, initialized in float64 with weights ~ N(0, 1/fan_in) and biases ~ N(0, 0.01).
     *
     * @param manager where the parameters live
     * @param seed the seed of the parameters
     * @return the initialized block
     */
    public SequentialBlock block(NDManager manager, long seed) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(hidden).build())
                .add(Activation::tanh)
                .add(Linear.builder().setUnits(classes).build());
        block.initialize(manager, DataType.FLOAT64, new Shape(samples, features));
        Random random = new Random(seed);
        for (Pair<String, Parameter> entry : block.getParameters()) {
            NDArray array = entry.getValue().getArray();
            Shape shape = array.getShape();
            // Weights are [out, in]; scale by 1/sqrt(in) so tanh neither saturates nor vanishes.
            double scale = shape.dimension() == 2 ? 1 / Math.sqrt(shape.get(1)) : 0.1;
            try (NDManager scope = manager.newSubManager()) {
                overwrite(array, scope.create(normals(random, shape.size(), scale), shape));
            }
        }
        return block;
    }

    /**
     * A batch of inputs ~ N(0, 1), shape {@code [samples, features]}, float64.
     *
     * @param manager where the array lives
     * @param seed the seed
     * @return the inputs
     */
    public NDList inputs(NDManager manager, long seed) {
        Random random = new Random(seed);
        return new NDList(manager.create(normals(random, (long) samples * features, 1),
                new Shape(samples, features)));
    }

    /**
     * Class labels drawn uniformly, shape {@code [samples]}, int64.
     *
     * @param manager where the array lives
     * @param seed the seed
     * @return the labels
     */
    public NDArray labels(NDManager manager, long seed) {
        Random random = new Random(seed);
        long[] labels = new long[samples];
        for (int i = 0; i < samples; i++) {
            labels[i] = random.nextInt(classes);
        }
        return manager.create(labels);
    }

    /**
     * {@code parameter[...] = values}, bit for bit. libtorch refuses an in-place write to a leaf
     * that requires a gradient while grad mode is on, which it is on every thread but the one
     * that loaded the engine: the flag is lifted for the copy.
     */
    private static void overwrite(NDArray parameter, NDArray values) {
        boolean requiresGradient = parameter.hasGradient();
        parameter.setRequiresGradient(false);
        try {
            parameter.set(new NDIndex("..."), values);
        } finally {
            parameter.setRequiresGradient(requiresGradient);
        }
    }

    private static double[] normals(Random random, long size, double scale) {
        double[] values = new double[Math.toIntExact(size)];
        for (int i = 0; i < values.length; i++) {
            values[i] = scale * random.nextGaussian();
        }
        return values;
    }

    @Override
    public String toString() {
        return String.format("MLP %d-%d-%d (tanh), %d samples, float64",
                features, hidden, classes, samples);
    }
}
