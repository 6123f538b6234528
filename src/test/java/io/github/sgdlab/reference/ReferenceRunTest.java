package io.github.sgdlab.reference;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.github.sgdlab.data.FeatureData;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The plain-Java descent on three samples whose sums are exact in double, worked by hand: the
 * slices follow the order it is given, the step is PyTorch's momentum SGD, and the run ends
 * where its rule or its epochs say. (Against numpy, run for run, it is checked by
 * {@code descent/DescentGoldenTest}.)
 */
class ReferenceRunTest {

    /** x = 1, 2, 3 with y = 1, 3, 2. */
    private static final FeatureData DATA =
            FeatureData.of(new double[][] {{1}, {2}, {3}}, new double[] {1, 3, 2});

    private static final double[] ZERO = {0, 0};

    @Test
    @DisplayName("each slice follows the epoch's order and the step is v = mu*v + g, theta -= lr*v")
    void slicesFollowTheOrderWithMomentum() {
        AtomicInteger epochs = new AtomicInteger();
        Supplier<int[]> orders = () -> {
            epochs.incrementAndGet();
            return new int[] {2, 0, 1};
        };
        ReferenceRun<String> run = new ReferenceRun<>(DATA, ZERO,
                new ReferenceRun.Settings(0.25, 0.5, 2, 5), orders, theta -> null, "out");
        run.step();
        // Samples 2 and 0: r = (2, 1); g = -2/2 * (2 + 1, 2*3 + 1*1) = (-3, -7); v = g.
        assertAll(() -> assertEquals(0.75, run.theta(0), 0.0),
                () -> assertEquals(1.75, run.theta(1), 0.0));
        run.step();
        // Sample 1 alone: r = 3 - (1.75*2 + 0.75) = -1.25; g = -2 * (-1.25, -2.5) = (2.5, 5);
        // v = 0.5 * (-3, -7) + g = (1, 1.5); theta = (0.75, 1.75) - 0.25 * v.
        assertAll(() -> assertEquals(0.5, run.theta(0), 0.0),
                () -> assertEquals(1.375, run.theta(1), 0.0),
                () -> assertEquals(2, run.iterations()),
                () -> assertEquals(1, run.epochs()),
                () -> assertEquals(1, epochs.get(), "one order per epoch"),
                () -> assertNull(run.outcome()));
        run.step();
        assertEquals(2, epochs.get(), "the third slice starts the second epoch");
    }

    @Test
    @DisplayName("the rule's verdict ends the run; without one the epochs running out do")
    void endsByRuleOrByEpochs() {
        Supplier<int[]> identity = () -> new int[] {0, 1, 2};
        ReferenceRun<String> stopped = new ReferenceRun<>(DATA, ZERO,
                new ReferenceRun.Settings(0.1, 0, 3, 10), identity,
                theta -> theta[0] > 0 ? "stopped" : null, "exhausted").finish();
        assertAll(() -> assertEquals("stopped", stopped.outcome()),
                () -> assertEquals(1, stopped.iterations()),
                () -> assertFalse(stopped.step(), "a stopped run takes no further step"));
        ReferenceRun<String> exhausted = new ReferenceRun<>(DATA, ZERO,
                new ReferenceRun.Settings(0.1, 0, 2, 3), identity, theta -> null, "exhausted")
                .finish();
        assertAll(() -> assertEquals("exhausted", exhausted.outcome()),
                () -> assertEquals(6, exhausted.iterations(), "two slices an epoch, three epochs"),
                () -> assertEquals(3, exhausted.epochs()));
    }

    @Test
    @DisplayName("the start is copied, not stepped in place")
    void startIsCopied() {
        double[] start = {0, 0};
        new ReferenceRun<>(DATA, start, new ReferenceRun.Settings(0.1, 0, 3, 1),
                () -> new int[] {0, 1, 2}, theta -> null, "exhausted").finish();
        assertAll(() -> assertEquals(0.0, start[0], 0.0), () -> assertEquals(0.0, start[1], 0.0));
    }
}
