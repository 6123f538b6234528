package io.github.sgdlab.persample;

import ai.djl.engine.Engine;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;

import java.util.stream.Stream;

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
class VectorizedMatchesLoopTest extends EngineTest {

    @BeforeAll
    static void open() {
        Engine.getEngine("PyTorch").setRandomSeed(20240);
    }

    static Stream<Arguments> cases() {
        return SamplerChecks.cases(Architectures.all(manager));
    }

    @ParameterizedTest(name = "{0}, {1}, n = {2}")
    @MethodSource("cases")
    @DisplayName("AUTO may vectorize; VECTORIZED equals the loop, and the mean is the batch gradient")
    void agreesWithLoopAndBatch(Architectures.Case architecture, DataType type, int n) {
        SamplerChecks.agreesWithLoopAndBatch(manager, architecture, type, n);
    }
}
