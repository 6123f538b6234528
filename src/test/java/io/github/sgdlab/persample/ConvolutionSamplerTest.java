package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.EngineTest;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConvolutionSampler} against the loop: VECTORIZED equals LOOP per parameter and the mean
 * equals the batch gradient, for Conv1d, Conv2d and Conv3d alone and in small CNNs, with strides,
 * paddings, dilations and groups that differ between axes (so that swapping two of them, or two
 * spatial axes, shows), with and without bias, in float32 and float64, for n = 1, 7 and 64; the
 * vectorized strategy serves all of them; a call leaves the block as found and frees what it made.
 */
class ConvolutionSamplerTest extends EngineTest {

    @BeforeAll
    static void open() {
        Engine.getEngine("PyTorch").setRandomSeed(20241);
    }

    /** The convolutional block trees, each with its per-sample input shape and loss. */
    static List<Architectures.Case> architectures() {
        return List.of(
                new Architectures.Case("Conv1d alone, kernel 3, squared error",
                        t -> Architectures.init(manager, t, conv1d(4, 3).build(), 2, 11),
                        new Shape(2, 11), 0),
                // S' = 5 and K' = 5 > K = 4: the stride leaves input positions unread, so the
                // weight's correlation must be narrowed to the kernel.
                new Architectures.Case("Conv1d kernel 4 stride 3 padding 1 dilation 2, no bias, "
                        + "ReLU, flatten, Linear, cross-entropy",
                        t -> Architectures.init(manager, t, cnn(conv1d(4, 4)
                                .optStride(new Shape(3)).optPadding(new Shape(1))
                                .optDilation(new Shape(2)).optBias(false).build(), 5), 3, 19),
                        new Shape(3, 19), 5),
                new Architectures.Case("Conv1d depthwise (3 groups), kernel 2, squared error",
                        t -> Architectures.init(manager, t, conv1d(6, 2).optGroups(3).build(),
                                3, 8), new Shape(3, 8), 0),
                new Architectures.Case("Conv2d alone, 3x3, squared error",
                        t -> Architectures.init(manager, t, conv2d(3, 3, 3).build(), 2, 6, 7),
                        new Shape(2, 6, 7), 0),
                stridedCnn(),
                new Architectures.Case("Conv2d 3x3 dilation 2, ReLU, flatten, Linear, "
                        + "cross-entropy",
                        t -> Architectures.init(manager, t, cnn(conv2d(4, 3, 3)
                                .optDilation(new Shape(2, 2)).build(), 5), 2, 9, 9),
                        new Shape(2, 9, 9), 5),
                new Architectures.Case("Conv2d 2x3 stride (2,1) padding (1,0) dilation (1,2) "
                        + "2 groups, no bias, ReLU, flatten, Linear, cross-entropy",
                        t -> Architectures.init(manager, t, cnn(conv2d(6, 2, 3)
                                .optStride(new Shape(2, 1)).optPadding(new Shape(1, 0))
                                .optDilation(new Shape(1, 2)).optGroups(2).optBias(false)
                                .build(), 4), 4, 9, 10), new Shape(4, 9, 10), 4),
                new Architectures.Case("two Conv2d (nested, second stride 2), ReLU, flatten, "
                        + "Linear, cross-entropy",
                        t -> Architectures.init(manager, t, twoConvolutions(), 2, 8, 8),
                        new Shape(2, 8, 8), 3),
                new Architectures.Case("Conv3d 2x3x2 stride (1,2,1) padding (1,0,1) dilation "
                        + "(2,1,1), flatten, Linear, cross-entropy",
                        t -> Architectures.init(manager, t, new SequentialBlock()
                                .add(Conv3d.builder().setKernelShape(new Shape(2, 3, 2))
                                        .setFilters(3).optStride(new Shape(1, 2, 1))
                                        .optPadding(new Shape(1, 0, 1))
                                        .optDilation(new Shape(2, 1, 1)).build())
                                .add(Blocks.batchFlattenBlock())
                                .add(Linear.builder().setUnits(3).build()), 2, 5, 6, 5),
                        new Shape(2, 5, 6, 5), 3));
    }

    /** The brief's small CNN: Conv2d 3x3 stride 2 padding 1, ReLU, flatten, Linear. */
    private static Architectures.Case stridedCnn() {
        return new Architectures.Case("Conv2d 3x3 stride 2 padding 1, ReLU, flatten, Linear, "
                + "cross-entropy",
                t -> Architectures.init(manager, t, cnn(conv2d(4, 3, 3)
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build(), 5),
                        3, 9, 8), new Shape(3, 9, 8), 5);
    }

    /** A Conv1d builder with the filters and kernel set, the rest at DJL's defaults. */
    private static Conv1d.Builder conv1d(int filters, long kernel) {
        return Conv1d.builder().setFilters(filters).setKernelShape(new Shape(kernel));
    }

    /** A Conv2d builder with the filters and kernel set, the rest at DJL's defaults. */
    private static Conv2d.Builder conv2d(int filters, long height, long width) {
        return Conv2d.builder().setFilters(filters).setKernelShape(new Shape(height, width));
    }

    /** conv, ReLU, flatten, Linear: the small CNN of a classifier. */
    private static Block cnn(Block convolution, int classes) {
        return new SequentialBlock()
                .add(convolution)
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(classes).build());
    }

    /** Seq(Seq(Conv2d 3x3 padding 1, tanh), Conv2d 3x3 stride 2, ReLU, flatten, Linear 3). */
    private static Block twoConvolutions() {
        return new SequentialBlock()
                .add(new SequentialBlock()
                        .add(conv2d(4, 3, 3).optPadding(new Shape(1, 1)).build())
                        .add(Activation.tanhBlock()))
                .add(conv2d(3, 3, 3).optStride(new Shape(2, 2)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(3).build());
    }

    /** Every architecture in float32 and float64, for n = 1, an odd n and a larger one. */
    static Stream<Arguments> cases() {
        return SamplerChecks.cases(architectures());
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("convolutions: AUTO may vectorize; VECTORIZED equals the loop, mean = batch gradient")
    void agreesWithLoopAndBatch(Architectures.Case architecture, DataType type, int n) {
        SamplerChecks.agreesWithLoopAndBatch(manager, architecture, type, n);
    }

    @Test
    @DisplayName("a vectorized call through convolutions leaves parameters and gradients as found")
    void blockLeftAsFound() {
        try (NDManager scope = manager.newSubManager()) {
            Architectures.Case architecture = stridedCnn();
            Block block = architecture.block().apply(DataType.FLOAT64);
            ParameterSnapshot found = ParameterSnapshot.withOwnGradients(block);
            NDList x = architecture.inputs(scope, DataType.FLOAT64, 9);
            NDArray y = architecture.labels(scope, block, DataType.FLOAT64, 9);
            PerSample.builder(block, architecture.loss()).optStrategy(Strategy.VECTORIZED)
                    .build().compute(x, y).close();
            found.assertUnchanged(block);
        }
    }

    @Test
    @DisplayName("no NDArray is left behind by 200 vectorized calls through convolutions")
    void noLeaks() {
        Architectures.Case architecture = stridedCnn();
        Block block = architecture.block().apply(DataType.FLOAT32);
        NDManager caller = manager.newSubManager();
        NDList x = architecture.inputs(caller, DataType.FLOAT32, 5);
        NDArray y = architecture.labels(caller, block, DataType.FLOAT32, 5);
        int before = caller.getManagedArrays().size();
        int parameters = manager.getManagedArrays().size();
        PerSample perSample = PerSample.builder(block, architecture.loss())
                .optStrategy(Strategy.VECTORIZED).build();
        for (int i = 0; i < 200; i++) {
            try (PerSampleResult result = perSample.compute(x, y)) {
                result.norms();
            }
        }
        assertEquals(before, caller.getManagedArrays().size(), "arrays on the caller's manager");
        assertEquals(parameters, manager.getManagedArrays().size(), "arrays on the block's");
        caller.close();
    }
}
