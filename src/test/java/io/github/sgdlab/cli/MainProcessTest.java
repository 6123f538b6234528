package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.JavaProcess;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real {@code main} in a process of its own: its output arrives whole before the process ends
 * (it ends with {@code _exit} after flushing), with the exit code the in-process run returns.
 */
class MainProcessTest {

    private static JavaProcess.Result main(String... args) throws IOException, InterruptedException {
        return JavaProcess.run(new ProcessBuilder(JavaProcess.sgdLab(List.of(), args)));
    }

    @Test
    @DisplayName("main with no arguments prints what the in-process run prints and exits 0")
    void notebook() throws Exception {
        JavaProcess.Result result = main();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result.err()),
                () -> assertEquals(SgdLabTest.run("notebook").out(), result.out()),
                () -> assertEquals("", result.err()));
    }

    @Test
    @DisplayName("main flushes a long output completely before the process ends")
    void longOutputArrivesWhole() throws Exception {
        JavaProcess.Result result = main("data", "--samples", "20000");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(SgdLabTest.run("data", "--samples", "20000").out(), result.out());
    }

    @Test
    @DisplayName("main exits 2 on bad input with one line on stderr and nothing on stdout")
    void badInput() throws Exception {
        JavaProcess.Result result = main("gradient", "--samples", "abc");
        assertAll(
                () -> assertEquals(2, result.exitCode()),
                () -> assertEquals("", result.out()),
                () -> assertEquals("sgd-lab: Invalid value for option '--samples': 'abc' is not an integer\n",
                        result.err()));
    }
}
