package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.Dropout;

import java.util.List;
import java.util.function.Function;

/**
 * The block trees the vectorized strategy is tested on, each with inputs and labels of a fixed
 * seed. Every one is a case the issue names: MLPs of several depths and widths, with and without
 * bias, ReLU/tanh/sigmoid, nested SequentialBlocks, parameter-free blocks between, inputs with
 * axes between the sample and the features.
 */
final class Architectures {

    /** One architecture: how to build it, its input's per-sample shape, its loss. */
    record Case(String name, Function<DataType, Block> block, Shape sample, int classes) {

        /** Squared error when classes == 0, else softmax cross-entropy over that many classes. */
        PerSampleLoss loss() {
            return classes == 0 ? PerSampleLoss.squaredError() : PerSampleLoss.softmaxCrossEntropy();
        }

        /** Inputs of n samples, standard normal, in the given type. */
        NDList inputs(NDManager manager, DataType type, int n) {
            return new NDList(manager.randomNormal(new Shape(n).addAll(sample), type));
        }

        /** Class indices, or standard normal targets of the block's output shape. */
        NDArray labels(NDManager manager, Block built, DataType type, int n) {
            if (classes > 0) {
                return manager.randomInteger(0, classes, new Shape(n), DataType.INT64);
            }
            Shape output = built.getOutputShapes(new Shape[] {new Shape(n).addAll(sample)})[0];
            return manager.randomNormal(output, type);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private Architectures() {}

    static List<Case> all(NDManager manager) {
        return List.of(
                new Case("one Linear, 5 -> 3, no bias",
                        t -> init(manager, t, Linear.builder().setUnits(3).optBias(false).build(),
                                5), new Shape(5), 0),
                new Case("MLP 20-64-10 ReLU, cross-entropy",
                        t -> mlp(manager, t, new int[] {20, 64, 10}, true, Activation::relu),
                        new Shape(20), 10),
                new Case("MLP 3-7-5-4 ReLU, no bias, cross-entropy",
                        t -> mlp(manager, t, new int[] {3, 7, 5, 4}, false, Activation::relu),
                        new Shape(3), 4),
                new Case("MLP 12-32-32-32-6 tanh, cross-entropy",
                        t -> mlp(manager, t, new int[] {12, 32, 32, 32, 6}, true,
                                Activation::tanh), new Shape(12), 6),
                new Case("MLP 8-16-1 sigmoid, no bias, squared error",
                        t -> mlp(manager, t, new int[] {8, 16, 1}, false, Activation::sigmoid),
                        new Shape(8), 0),
                new Case("nested SequentialBlocks with flatten and dropout between",
                        t -> init(manager, t, nested(), 2, 3), new Shape(2, 3), 5),
                new Case("Linear on [n, 4, 6] inputs (axes between sample and features)",
                        t -> init(manager, t, new SequentialBlock()
                                .add(Linear.builder().setUnits(5).build())
                                .add(Activation.reluBlock())
                                .add(Linear.builder().setUnits(2).build()), 4, 6),
                        new Shape(4, 6), 0));
    }

    /** Seq(Seq(flatten, Linear 8, ReLU), Seq(Seq(Linear 8), tanh, dropout), Linear 5). */
    private static Block nested() {
        return new SequentialBlock()
                .add(new SequentialBlock()
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(8).build())
                        .add(Activation.reluBlock()))
                .add(new SequentialBlock()
                        .add(new SequentialBlock().add(Linear.builder().setUnits(8).build()))
                        .add(Activation.tanhBlock())
                        .add(Dropout.builder().optRate(0.5f).build()))
                .add(Linear.builder().setUnits(5).build());
    }

    static Block mlp(NDManager manager, DataType type, int[] widths, boolean bias,
            Function<NDList, NDList> activation) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 1; i < widths.length; i++) {
            block.add(Linear.builder().setUnits(widths[i]).optBias(bias).build());
            if (i < widths.length - 1) {
                block.add(activation);
            }
        }
        return init(manager, type, block, widths[0]);
    }

    static Block init(NDManager manager, DataType type, Block block, long... sample) {
        Models.initialise(block, manager, type, new Shape(1).addAll(new Shape(sample)));
        return block;
    }
}
