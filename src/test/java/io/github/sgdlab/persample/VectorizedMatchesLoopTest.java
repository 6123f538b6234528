package io.github.sgdlab.persample;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * VECTORIZED (one forward, one backward) against LOOP (the block itself, one sample at a time),
 * and the mean of the per-sample gradients against the batch gradient, on every architecture in
 * {@link Architectures}, in float32 and float64, for n = 1, an odd n and a larger one.
 */
class VectorizedMatchesLoopTest {

    private static NDManager manager;

    @BeforeAll
    static void open() {
        manager = NDManager.newBaseManager("PyTorch");
        Engine.getEngine("PyTorch").setRandomSeed(20240);
    }

    @AfterAll
    static void close() {
        manager.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        for (Architectures.Case architecture : Architectures.all(manager)) {
            for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
                for (int n : new int[] {1, 7, 64}) {
                    cases.add(Arguments.of(architecture, type, n));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("vectorized per-sample gradients equal the loop's")
    void vectorizedEqualsLoop(Architectures.Case architecture, DataType type, int n) {
        StrategyChecks.vectorizedEqualsLoop(manager, architecture, type, n);
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("AUTO picks VECTORIZED, and the mean of the per-sample gradients is the batch "
            + "gradient of the mean loss")
    void meanIsTheBatchGradient(Architectures.Case architecture, DataType type, int n) {
        StrategyChecks.autoIsVectorizedAndMeanIsBatchGradient(manager, architecture, type, n);
    }
}
