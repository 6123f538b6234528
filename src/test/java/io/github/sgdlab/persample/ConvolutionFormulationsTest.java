package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;
import io.github.sgdlab.EngineTest;

import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link ConvolutionSampler}'s two formulations of the weight's per-sample gradient, the grouped
 * convolution and the unfolded input, give the same arrays for every setting, groups included,
 * whatever the size rule picks ({@link ConvolutionSamplerTest} checks the sampler against the
 * loop: its n = 1 and 7 go through the grouped convolution, its n = 64 with one group through
 * the unfolding); and the rule itself.
 */
class ConvolutionFormulationsTest extends EngineTest {

    @BeforeAll
    static void open() {
        Engine.getEngine("PyTorch").setRandomSeed(7211);
    }

    /** A layer, its sampler and one sample's input shape. */
    private record Setting(String name, ConvolutionSampler<Convolution> sampler,
            Supplier<Convolution> layer, Shape input) {
        @Override
        public String toString() {
            return name;
        }
    }

    @SuppressWarnings("unchecked")
    private static <B extends Convolution> ConvolutionSampler<Convolution> any(
            ConvolutionSampler<B> sampler) {
        return (ConvolutionSampler<Convolution>) (ConvolutionSampler<?>) sampler;
    }

    static Stream<Setting> settings() {
        return Stream.of(
                new Setting("Conv1d kernel 4 stride 3 padding 1 dilation 2",
                        any(ConvolutionSampler.conv1d()), () -> Conv1d.builder().setFilters(4)
                                .setKernelShape(new Shape(4)).optStride(new Shape(3))
                                .optPadding(new Shape(1)).optDilation(new Shape(2)).build(),
                        new Shape(3, 19)),
                new Setting("Conv1d 3 groups kernel 2", any(ConvolutionSampler.conv1d()),
                        () -> Conv1d.builder().setFilters(6).setKernelShape(new Shape(2))
                                .optGroups(3).build(), new Shape(3, 8)),
                new Setting("Conv2d 2x3 stride (2,1) padding (1,0) dilation (1,2)",
                        any(ConvolutionSampler.conv2d()), () -> Conv2d.builder().setFilters(5)
                                .setKernelShape(new Shape(2, 3)).optStride(new Shape(2, 1))
                                .optPadding(new Shape(1, 0)).optDilation(new Shape(1, 2))
                                .build(), new Shape(3, 9, 11)),
                new Setting("Conv2d 2 groups 3x3 padding (0,2)", any(ConvolutionSampler.conv2d()),
                        () -> Conv2d.builder().setFilters(6).setKernelShape(new Shape(3, 3))
                                .optPadding(new Shape(0, 2)).optGroups(2).build(),
                        new Shape(4, 7, 6)),
                new Setting("Conv3d 2x1x3 stride (1,2,1) padding (1,0,1) dilation (2,1,1)",
                        any(ConvolutionSampler.conv3d()), () -> Conv3d.builder().setFilters(3)
                                .setKernelShape(new Shape(2, 1, 3)).optStride(new Shape(1, 2, 1))
                                .optPadding(new Shape(1, 0, 1)).optDilation(new Shape(2, 1, 1))
                                .build(), new Shape(2, 5, 6, 7)));
    }

    static Stream<Arguments> cases() {
        return settings().flatMap(setting -> Stream.of(DataType.FLOAT32, DataType.FLOAT64)
                .flatMap(type -> Stream.of(1, 9).map(n -> Arguments.of(setting, type, n))));
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("the unfolded input gives the grouped convolution's per-sample weight gradients")
    void unfoldedEqualsGrouped(Setting setting, DataType type, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Convolution layer = setting.layer().get();
            layer.initialize(scope, type, new Shape(1).addAll(setting.input()));
            NDArray input = scope.randomNormal(new Shape(n).addAll(setting.input()))
                    .toType(type, false);
            Shape outputShape = layer.forward(new ParameterStore(scope, false), new NDList(input),
                    false).singletonOrThrow().getShape();
            NDArray backprops = scope.randomNormal(outputShape).toType(type, false);
            ConvolutionSampler.Geometry sizes =
                    ConvolutionSampler.Geometry.of(layer, input, backprops);
            NDArray grouped = setting.sampler().groupedWeight(layer, sizes, input, backprops);
            NDArray unfolded = setting.sampler().unfoldedWeight(layer, sizes, input, backprops);
            Agreement.assertClose(grouped, unfolded, setting.name());
        }
    }

    @Test
    @DisplayName("the unfolding serves one group from 8 samples while it stays within 2^21")
    void rule() {
        // The benchmark CNN's layers at n = 256: 256·1·9·196 and 256·8·9·49 elements.
        assertTrue(ConvolutionSampler.unfolds(256, 1, 9 * 196));
        assertTrue(ConvolutionSampler.unfolds(256, 1, 8 * 9 * 49));
        assertTrue(ConvolutionSampler.unfolds(8, 1, 1));
        assertFalse(ConvolutionSampler.unfolds(7, 1, 1));
        assertFalse(ConvolutionSampler.unfolds(256, 2, 1));
        assertTrue(ConvolutionSampler.unfolds(8, 1, 1L << 18));
        assertFalse(ConvolutionSampler.unfolds(8, 1, (1L << 18) + 1));
        // Issue 18's CNN, conv(32→64, 3×3, stride 2) on 26×26 at n = 256: 10.6M elements
        // unfolded in all, unfolded 50 samples at a time (the grouped convolution was 2–3×
        // slower there).
        assertTrue(ConvolutionSampler.unfolds(256, 1, 32 * 9 * 144));
        assertEquals(50, ConvolutionSampler.chunkSamples(32 * 9 * 144));
        assertEquals(1, ConvolutionSampler.chunkSamples(1L << 22));
    }

    @Test
    @DisplayName("a batch unfolded in chunks gives the grouped convolution's gradients")
    void chunkedEqualsGrouped() {
        try (NDManager scope = manager.newSubManager()) {
            // 4·(2·2)·(128·128) = 2^18 elements unfolded per sample: chunks of 8, so n = 9
            // takes two chunks, the second of one sample.
            Conv2d layer = Conv2d.builder().setFilters(3).setKernelShape(new Shape(2, 2)).build();
            Shape sample = new Shape(4, 129, 129);
            layer.initialize(scope, DataType.FLOAT32, new Shape(1).addAll(sample));
            NDArray input = scope.randomNormal(new Shape(9).addAll(sample));
            Shape outputShape = layer.forward(new ParameterStore(scope, false), new NDList(input),
                    false).singletonOrThrow().getShape();
            NDArray backprops = scope.randomNormal(outputShape);
            ConvolutionSampler<Conv2d> sampler = ConvolutionSampler.conv2d();
            ConvolutionSampler.Geometry sizes =
                    ConvolutionSampler.Geometry.of(layer, input, backprops);
            assertEquals(1L << 18, sizes.unfoldedPerSample());
            assertEquals(8, ConvolutionSampler.chunkSamples(sizes.unfoldedPerSample()));
            assertTrue(ConvolutionSampler.unfolds(9, 1, sizes.unfoldedPerSample()));
            NDArray chunked = sampler.perSample(layer, new ParameterStore(scope, false),
                    new NDList(input), backprops).get(layer.getDirectParameters().get("weight"));
            NDArray grouped = sampler.groupedWeight(layer, sizes, input, backprops);
            assertEquals(grouped.getShape(), chunked.getShape());
            Agreement.assertClose(grouped, chunked, "chunked unfolding");
        }
    }
}
