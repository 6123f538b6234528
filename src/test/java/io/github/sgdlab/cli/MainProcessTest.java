package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The real {@code main} in a process of its own: its output arrives whole before the process ends
 * (it ends with {@code _exit} after flushing), with the exit code the in-process run returns.
 */
class MainProcessTest {

    record Result(int exitCode, String out, String err) {}

    private static Result main(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                SgdLab.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, true));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, false));
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process did not end");
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String read(Process process, boolean stdout) {
        try {
            return new String((stdout ? process.getInputStream() : process.getErrorStream())
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    @DisplayName("main with no arguments prints what the in-process run prints and exits 0")
    void notebook() throws Exception {
        Result result = main();
        assertAll(
                () -> assertEquals(0, result.exitCode(), result.err()),
                () -> assertEquals(SgdLabTest.run("notebook").out(), result.out()),
                () -> assertEquals("", result.err()));
    }

    @Test
    @DisplayName("main flushes a long output completely before the process ends")
    void longOutputArrivesWhole() throws Exception {
        Result result = main("data", "--samples", "20000");
        assertEquals(0, result.exitCode(), result.err());
        assertEquals(SgdLabTest.run("data", "--samples", "20000").out(), result.out());
    }

    @Test
    @DisplayName("main exits 2 on bad input with one line on stderr and nothing on stdout")
    void badInput() throws Exception {
        Result result = main("gradient", "--samples", "abc");
        assertAll(
                () -> assertEquals(2, result.exitCode()),
                () -> assertEquals("", result.out()),
                () -> assertEquals("sgd-lab: Invalid value for option '--samples': 'abc' is not an integer\n",
                        result.err()));
    }
}
