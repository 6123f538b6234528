package io.github.sgdlab.grad;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.persample.Strategy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The spread's second pass: from held gradients or computed again, the same bits. */
class GradientComparisonTest extends EngineTest {

    private static final FeatureData DATA = LinearData.generate(2024, 500).features();
    private static final Theta THETA = Theta.of(1.5, -2);

    @Test
    @DisplayName("held or computed twice, the loop's comparison is the same, bit for bit")
    void heldEqualsRecomputed() {
        for (DataType type : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            GradientComparison held = GradientComparison.compute(manager, DATA, THETA, type,
                    Strategy.LOOP, done -> { }, PerSampleSink.NONE);
            GradientComparison recomputed = GradientComparison.compute(manager, DATA, THETA,
                    type, Strategy.LOOP, done -> { }, PerSampleSink.NONE, 0);
            assertEquals(held, recomputed, type.toString());
        }
    }

    @Test
    @DisplayName("computed twice, progress counts through both passes of the loop, 1 to 2n")
    void progressCountsBothPasses() {
        List<Integer> seen = new ArrayList<>();
        GradientComparison.compute(manager, DATA, THETA, DataType.FLOAT32, Strategy.LOOP,
                seen::add, PerSampleSink.NONE, 0);
        assertEquals(1, seen.get(0));
        assertEquals(1000, seen.get(seen.size() - 1));
        for (int k = 1; k < seen.size(); k++) {
            assertTrue(seen.get(k) >= seen.get(k - 1), "never counts back");
        }
        assertTrue(seen.contains(500) && seen.contains(501));
    }

    @Test
    @DisplayName("held, progress counts 1 to n through the loop, then 2n at once")
    void progressWhenHeld() {
        List<Integer> seen = new ArrayList<>();
        GradientComparison.compute(manager, DATA, THETA, DataType.FLOAT32, Strategy.LOOP,
                seen::add, PerSampleSink.NONE);
        assertEquals(1, seen.get(0));
        assertEquals(List.of(500, 1000), seen.subList(seen.size() - 2, seen.size()));
    }
}
