package io.github.sgdlab;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.cli.SgdLab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The tests' one process launcher: a JVM of its own, for the command line as a user's shell
 * starts it or for any main class on a class path of the test's choosing.
 */
public final class JavaProcess {

    /**
     * What one process printed and returned.
     *
     * @param exitCode its exit code
     * @param out what it printed on stdout (both streams, if merged)
     * @param err what it printed on stderr
     */
    public record Result(int exitCode, String out, String err) {}

    private JavaProcess() {}

    /**
     * The command line starting a JVM.
     *
     * @param jvmOptions options before the class path, e.g. {@code -Xmx32m}
     * @param classPath the class path
     * @param mainClass the class to run
     * @param args its arguments
     * @return the command
     */
    public static List<String> java(List<String> jvmOptions, String classPath, String mainClass,
            String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass));
        command.addAll(List.of(args));
        return command;
    }

    /**
     * {@link SgdLab} on the test class path, in a process of its own.
     *
     * @param jvmOptions JVM options
     * @param args the arguments
     * @return the command
     */
    public static List<String> sgdLab(List<String> jvmOptions, String... args) {
        return java(jvmOptions, System.getProperty("java.class.path"), SgdLab.class.getName(),
                args);
    }

    /**
     * Starts the process, reads both streams to the end and waits for it.
     *
     * @param builder the process
     * @return its exit code and output
     * @throws IOException if it cannot start
     * @throws InterruptedException if interrupted while waiting
     */
    public static Result run(ProcessBuilder builder) throws IOException, InterruptedException {
        Process process = builder.start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, true));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, false));
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "the process did not end");
        return new Result(process.exitValue(), out.join(), err.join());
    }

    /**
     * One stream of a process, read to its end; empty if it was redirected or closed.
     *
     * @param process the process
     * @param stdout stdout if true, else stderr
     * @return what it printed
     */
    public static String read(Process process, boolean stdout) {
        try {
            return new String((stdout ? process.getInputStream() : process.getErrorStream())
                    .readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
