package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.JavaProcess;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * The command line in a process of its own, where things go wrong: a full disk, a reader that
 * leaves, too little memory, missing libraries, an engine that cannot load. Each ends with an
 * honest exit code and at most one line on stderr, never a stack trace; and {@code main} never
 * ends a JVM that is not sgd-lab's own.
 */
class ProcessFailureTest {

    private static void assertOneLine(JavaProcess.Result result, int exitCode, String start) {
        assertAll(
                () -> assertEquals(exitCode, result.exitCode(), result.err()),
                () -> assertEquals("", result.out()),
                () -> assertTrue(result.err().startsWith(start), result.err()),
                () -> assertEquals(1, result.err().split("\n").length, result.err()),
                () -> assertTrue(result.err().endsWith("\n"), result.err()));
    }

    @Test
    @EnabledOnOs(OS.LINUX)
    @DisplayName("a full disk (/dev/full) is exit 3 with 'cannot write output', not a silent exit 0")
    void fullDisk() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(JavaProcess.java(List.of(),
                System.getProperty("java.class.path"), SgdLab.class.getName(),
                "data", "--samples", "100000"));
        builder.redirectOutput(new File("/dev/full"));
        JavaProcess.Result result = JavaProcess.run(builder);
        assertOneLine(result, 3, "sgd-lab: cannot write output: No space left on device");
    }

    @Test
    @DisplayName("a reader that leaves stops a 10^7-row data run at once, quietly, with 141")
    void closedPipeStopsTheWork() throws Exception {
        Process process = new ProcessBuilder(JavaProcess.java(List.of(), System.getProperty("java.class.path"),
                SgdLab.class.getName(), "data", "--samples", "10000000")).start();
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> JavaProcess.read(process, false));
        BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        assertEquals("x1,eps,y", reader.readLine());
        long left = System.nanoTime();
        reader.close();
        // Printing all 10^7 rows takes many seconds; stopping must not wait for that.
        assertTrue(process.waitFor(10, TimeUnit.SECONDS), "still running after the reader left");
        double seconds = (System.nanoTime() - left) / 1e9;
        assertEquals(SgdLab.BROKEN_PIPE, process.exitValue());
        assertEquals("", err.join());
        assertTrue(seconds < 10, seconds + " s");
    }

    @Test
    @DisplayName("data streams: 3 * 10^6 rows as JSON and as CSV in a 32 MiB heap (the arrays alone would need 72 MiB)")
    void dataStreamsInFlatMemory() throws Exception {
        for (String format : List.of("json", "csv")) {
            ProcessBuilder builder = new ProcessBuilder(JavaProcess.java(List.of("-Xmx32m"),
                    System.getProperty("java.class.path"), SgdLab.class.getName(),
                    "data", "--samples", "3000000", "--format", format));
            builder.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            JavaProcess.Result result = JavaProcess.run(builder);
            assertEquals(0, result.exitCode(), format + ": " + result.err());
            assertEquals("", result.err(), format);
        }
    }

    @Test
    @DisplayName("running out of memory is exit 3 with one line, not exit 1 and a stack trace")
    void outOfMemory() throws Exception {
        assertOneLine(JavaProcess.run(new ProcessBuilder(JavaProcess.sgdLab(List.of("-Xmx24m"),
                "gradient", "--samples", "10000000"))),
                3, "sgd-lab: error: out of memory");
    }

    @Test
    @DisplayName("the PRV accountant out of memory: exit 3, one line that advises -Xmx or RDP, not fewer samples")
    void accountantOutOfMemory() throws Exception {
        // Opacus's PRV accountant exhausted this 24 GiB machine on the same setting.
        JavaProcess.Result result = JavaProcess.run(new ProcessBuilder(JavaProcess.sgdLab(
                List.of("-Xmx24m"), "privacy", "epsilon", "--noise-multiplier", "1",
                "--sample-rate", "0.2", "--steps", "200000", "--delta", "1e-5")));
        assertOneLine(result, 3, "sgd-lab: error: out of memory");
        assertTrue(result.err().contains("the prv accountant needs more memory for these steps;"
                + " give the JVM more with -Xmx or use --accountant rdp"), result.err());
    }

    @Test
    @DisplayName("missing libraries beside the launcher: exit 3 with one line that says what is missing")
    void missingLibraries() throws Exception {
        String classesOnly = Path.of(Launcher.class.getProtectionDomain().getCodeSource()
                .getLocation().toURI()).toString();
        JavaProcess.Result result = JavaProcess.run(new ProcessBuilder(
                JavaProcess.java(List.of(), classesOnly, Launcher.class.getName())));
        assertOneLine(result, 3, "sgd-lab: cannot start: java.lang.NoClassDefFoundError");
        assertTrue(result.err().contains("lib/"), result.err());
    }

    @Test
    @DisplayName("an engine that cannot load: exit 3, one line naming the real cause")
    void engineFailures() throws Exception {
        for (Map.Entry<String, String> env : List.of(
                Map.entry("PYTORCH_VERSION", "2.5.1"),
                Map.entry("DJL_DEFAULT_ENGINE", "OnnxRuntime"))) {
            ProcessBuilder builder = new ProcessBuilder(JavaProcess.java(List.of(),
                    System.getProperty("java.class.path"), SgdLab.class.getName(), "notebook"));
            builder.environment().put(env.getKey(), env.getValue());
            JavaProcess.Result result = JavaProcess.run(builder);
            assertOneLine(result, 3, "sgd-lab: error: cannot load the PyTorch engine: ");
        }
    }

    @Test
    @DisplayName("a program that calls main lives on: main returns on success, throws on failure")
    void mainDoesNotEndAHostJvm() throws Exception {
        JavaProcess.Result result = JavaProcess.run(new ProcessBuilder(JavaProcess.java(List.of(),
                System.getProperty("java.class.path"), EmbeddingHost.class.getName())));
        assertAll(
                () -> assertEquals(0, result.exitCode(), result.err()),
                () -> assertTrue(result.out().startsWith("{\"seed\":45,\"samples\":2,"),
                        result.out()),
                () -> assertTrue(result.out().contains("caught: sgd-lab exited with code 2\n"
                        + "x1,eps,y\n"), result.out()),
                () -> assertTrue(result.out().endsWith("run: 0\nhost alive\n"), result.out()));
    }

    /** A program embedding the command line, as Maven's exec:java or a user's tool does. */
    public static final class EmbeddingHost {

        private EmbeddingHost() {}

        /**
         * Calls main twice and run once, then says it is still alive.
         *
         * @param args ignored
         */
        public static void main(String[] args) {
            SgdLab.main(new String[] {"data", "--samples", "2", "--format", "json"});
            try {
                SgdLab.main(new String[] {"data", "--samples", "0"});
            } catch (IllegalStateException e) {
                System.out.println("caught: " + e.getMessage());
            }
            System.out.println("run: " + SgdLab.run("data", "--samples", "1"));
            System.out.println("host alive");
        }
    }
}
