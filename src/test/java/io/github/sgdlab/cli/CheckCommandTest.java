package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.cli.SgdLabTest.Run;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code check} command: reports, exit codes, bad input. */
class CheckCommandTest {

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @DisplayName("check passes on the notebook model and the MLP, prints both reports, exits 0")
    void passes(boolean fast) {
        Run run = fast ? SgdLabTest.run("check", "--fast") : SgdLabTest.run("check");
        assertAll(
                () -> assertEquals(0, run.exitCode(), run.err()),
                () -> assertEquals("", run.err()),
                () -> assertTrue(run.out().startsWith("Notebook model: mean((theta_1 * x1 + "
                        + "theta_0 - y)^2), seed 45, 40 samples"), run.out()),
                () -> assertTrue(run.out().contains("\ntheta_0 "), run.out()),
                () -> assertTrue(run.out().contains("\nMLP 4-8-3 (tanh), 16 samples, float64"),
                        run.out()),
                () -> assertTrue(run.out().contains("\n03Linear_bias "), run.out()),
                () -> assertEquals(2, run.out().split(fast ? "fast mode" : "full Jacobian",
                        -1).length - 1, run.out()),
                () -> assertTrue(!run.out().contains("FAIL"), run.out()));
    }

    @Test
    @DisplayName("check works on a thread other than the engine's, where libtorch's grad mode is on")
    void passesOnAFreshThread() throws Exception {
        // DJL turns grad mode off only on the thread that loaded the engine; the command line
        // loads it on a warm-up thread, so its main thread has libtorch's default, on, where an
        // in-place write to a parameter that requires a gradient is refused.
        Run[] run = new Run[1];
        Thread thread = new Thread(() -> run[0] = SgdLabTest.run("check", "--fast"));
        thread.start();
        thread.join();
        assertEquals(0, run[0].exitCode(), run[0].err());
        assertEquals("", run[0].err());
    }

    @Test
    @DisplayName("check exits 1 with the failing report when the step is too coarse to agree")
    void failsWithCoarseStep() {
        // eps = 0.5: the central difference's O(eps^2) error exceeds the tolerance on the MLP.
        Run run = SgdLabTest.run("check", "--eps", "0.5");
        assertAll(
                () -> assertEquals(1, run.exitCode(), run.out()),
                () -> assertTrue(run.out().contains("FAILED"), run.out()),
                () -> assertTrue(run.out().contains("Jacobian mismatch for output 0 with respect "
                        + "to input "), run.out()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"--eps=0", "--eps=-1", "--eps=NaN", "--seed=x", "--bogus"})
    @DisplayName("check exits 2 on bad input, one line on stderr, nothing on stdout")
    void badInput(String argument) {
        Run run = SgdLabTest.run("check", argument);
        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertEquals("", run.out()),
                () -> assertTrue(run.err().startsWith("sgd-lab: ") && run.err().endsWith("\n")
                        && run.err().lines().count() == 1, run.err()));
    }
}
