package io.github.sgdlab.persample;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import io.github.sgdlab.EngineTest;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link Strategy#AUTO}'s per-call decision ({@link PerSample#plan}): on the models where it was
 * measured ({@code src/test/bench/per-sample-auto.sh}, figures in src/test/bench/README.md) it
 * takes the strategy that measured faster and not hungrier; its estimate is made of the sizes a
 * reader can check by hand, and grows with n; and what it computes is LOOP's result. No timings
 * are taken here.
 */
class AutoStrategyTest extends EngineTest {

    private static PerSample auto(Block block) {
        return PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy()).build();
    }

    private static PerSample.Plan plan(StrategyModels model, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = model.block(scope);
            return auto(block).plan(model.inputs(scope, n), model.labels(scope, n));
        }
    }

    /** The measured better strategy of each (model, n) of the benchmark. */
    static Stream<Arguments> measured() {
        return Stream.of(
                Arguments.of(StrategyModels.CNN, 256, Strategy.VECTORIZED),
                Arguments.of(StrategyModels.MLP_784_128_10, 256, Strategy.VECTORIZED),
                Arguments.of(StrategyModels.MLP_784_1024_1024_10, 256, Strategy.VECTORIZED),
                Arguments.of(StrategyModels.MLP_784_1024_1024_10, 1024, Strategy.VECTORIZED),
                Arguments.of(StrategyModels.LAYERNORM, 256, Strategy.VECTORIZED),
                Arguments.of(StrategyModels.EMBEDDING, 256, Strategy.VECTORIZED),
                Arguments.of(StrategyModels.CNN, 1, Strategy.LOOP));
    }

    @ParameterizedTest(name = "{0}, n = {1}: {2}")
    @MethodSource("measured")
    @DisplayName("AUTO takes the strategy that measured better on the benchmark's models")
    void choosesTheMeasuredBetter(StrategyModels model, int n, Strategy better) {
        PerSample.Plan plan = plan(model, n);
        assertEquals(better, plan.strategy(), plan.toString());
        assertEquals(better == Strategy.LOOP, plan.vectorizedHungrier()
                || plan.vectorizedMillis() > plan.loopMillis(), plan.toString());
    }

    @Test
    @DisplayName("the CNN's estimate: P, the unfolded inputs, the outputs, and chunks of 9 samples")
    void cnnIngredients() {
        try (NDManager scope = manager.newSubManager()) {
            Block block = StrategyModels.CNN.block(scope);
            PerSample perSample = auto(block);
            Footprint footprint = perSample.footprint(new Shape(1, 1, 28, 28));
            // Parameters: 32·1·9 + 32, 64·32·9 + 64, 64·64·9 + 64, 1600·10 + 10.
            long gradients = 320 + 18_496 + 36_928 + 16_010;
            // Unfolded inputs C_in·k²·L_out: 1·9·26², 32·9·12², 64·9·5².
            long unfolded = 1 * 9 * 676 + 32 * 9 * 144 + 64 * 9 * 25;
            // Outputs: the convolutions 32·26², 64·12², 64·5²; ReLUs; flatten; linear.
            long convolutions = 32 * 676 + 64 * 144 + 64 * 25;
            long passedThrough = convolutions + 1600;
            long outputs = convolutions + passedThrough + 10;
            // Multiply-adds: C_in·k²·C_out·L_out for each convolution, 1600·10 for the linear.
            long macs = 1L * 9 * 32 * 676 + 32L * 9 * 64 * 144 + 64L * 9 * 64 * 25 + 1600 * 10;
            assertAll(
                    () -> assertEquals(gradients, footprint.gradients(), "P"),
                    () -> assertEquals(3 * unfolded, footprint.vectorizedExtra(), "unfolding"),
                    () -> assertEquals(2 * outputs, footprint.loopWork(), "LOOP's pass"),
                    () -> assertEquals(4 * convolutions + 2 * passedThrough + 3 * 10
                            + 3 * unfolded, footprint.vectorizedWork(), "VECTORIZED's pass"),
                    () -> assertEquals(macs + passedThrough, footprint.macs(), "multiply-adds"),
                    () -> assertEquals(8, footprint.blocks(), "blocks"));
            int n = 256;
            NDList x = StrategyModels.CNN.inputs(scope, n);
            NDArray y = StrategyModels.CNN.labels(scope, n);
            PerSample.Plan plan = perSample.plan(x, y);
            long result = n * gradients * 4;
            long loopExtra = (2 * outputs + gradients) * 4;
            long perSample4 = (footprint.vectorizedWork() + gradients) * 4;
            long chunk = (loopExtra + Planner.SLACK) / perSample4;
            assertAll(
                    () -> assertEquals(result, plan.resultBytes(), "result"),
                    () -> assertEquals(result + loopExtra, plan.loopBytes(), "LOOP"),
                    () -> assertEquals(9, chunk, "chunk by hand"),
                    () -> assertEquals(chunk, plan.chunkSamples(), "chunk"),
                    () -> assertEquals(result + chunk * perSample4, plan.vectorizedBytes(),
                            "VECTORIZED"),
                    () -> assertFalse(plan.vectorizedHungrier()),
                    () -> assertEquals(Strategy.VECTORIZED, perSample.resolve(x, y)));
        }
    }

    @Test
    @DisplayName("the wide MLP at n = 1024 runs whole: its activations are 1/64 of its gradients")
    void wideMlpRunsWhole() {
        PerSample.Plan plan = plan(StrategyModels.MLP_784_1024_1024_10, 1024);
        long gradients = 784L * 1024 + 1024 + 1024L * 1024 + 1024 + 1024L * 10 + 10;
        assertEquals(1024 * gradients * 4, plan.resultBytes());
        assertEquals(1024, plan.chunkSamples());
        assertTrue(plan.vectorizedBytes() - plan.loopBytes() <= plan.resultBytes() / 64,
                plan.toString());
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(StrategyModels.class)
    @DisplayName("every estimate grows with n, or stays")
    void monotoneInN(StrategyModels model) {
        try (NDManager scope = manager.newSubManager()) {
            PerSample perSample = auto(model.block(scope));
            PerSample.Plan previous = null;
            for (int n = 1; n <= 1200; n += n < 40 ? 1 : 37) {
                PerSample.Plan plan;
                try (NDManager call = scope.newSubManager()) {
                    plan = perSample.plan(model.inputs(call, n), model.labels(call, n));
                }
                if (previous != null) {
                    String what = model + " from n = " + previous.samples() + " to " + n;
                    PerSample.Plan before = previous;
                    assertAll(
                            () -> assertTrue(plan.resultBytes() > before.resultBytes(), what),
                            () -> assertTrue(plan.loopBytes() > before.loopBytes(), what),
                            () -> assertTrue(plan.vectorizedBytes() >= before.vectorizedBytes(),
                                    what),
                            () -> assertTrue(plan.loopMillis() > before.loopMillis(), what),
                            () -> assertTrue(plan.vectorizedMillis()
                                    >= before.vectorizedMillis(), what));
                }
                previous = plan;
            }
        }
    }

    @Test
    @DisplayName("a model whose one sample overflows the slack: VECTORIZED is hungrier, AUTO loops")
    void hungrierLoops() {
        Footprint heavy = new Footprint(10_000_000, 100, 1_000, 1_000, 0, 2);
        PerSample.Plan plan = Planner.plan(heavy, 64, 1_000, 4, true, Strategy.AUTO);
        assertAll(
                () -> assertTrue(plan.vectorizedHungrier(), plan.toString()),
                () -> assertEquals(1, plan.chunkSamples()),
                () -> assertEquals(Strategy.LOOP, plan.strategy()),
                () -> assertEquals(Strategy.VECTORIZED,
                        Planner.plan(heavy, 64, 1_000, 4, true, Strategy.VECTORIZED).strategy()));
    }

    static Stream<Arguments> agreement() {
        return Stream.of(Arguments.of(StrategyModels.CNN, 24),
                Arguments.of(StrategyModels.CNN, 1),
                Arguments.of(StrategyModels.MLP_784_128_10, 64),
                Arguments.of(StrategyModels.LAYERNORM, 33),
                Arguments.of(StrategyModels.EMBEDDING, 40));
    }

    @ParameterizedTest(name = "{0}, n = {1}")
    @MethodSource("agreement")
    @DisplayName("AUTO's per-sample gradients are LOOP's within rounding, chunked or not")
    void autoEqualsLoop(StrategyModels model, int n) {
        try (NDManager scope = manager.newSubManager()) {
            Block block = model.block(scope);
            NDList x = model.inputs(scope, n);
            NDArray y = model.labels(scope, n);
            PerSample loop = PerSample.builder(block, PerSampleLoss.softmaxCrossEntropy())
                    .optStrategy(Strategy.LOOP).build();
            PerSample auto = auto(block);
            try (PerSampleResult expected = loop.compute(x, y);
                    PerSampleResult actual = auto.compute(x, y)) {
                assertEquals(auto.resolve(x, y), actual.strategy());
                assertEquals(expected.parameterNames(), actual.parameterNames());
                for (String name : expected.parameterNames()) {
                    Agreement.assertClose(expected.gradient(name), actual.gradient(name), name);
                }
            }
        }
    }
}
