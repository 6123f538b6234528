package io.github.sgdlab.cli;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Ends the command-line process without the teardown nobody needs; only for a process that is
 * certainly sgd-lab's own ({@link Launcher}, or {@code java io.github.sgdlab.cli.SgdLab}), never
 * for a host that embeds the command line. {@link System#exit} runs the
 * C library's exit handlers, and with libtorch loaded those are thousands of static destructors,
 * a noticeable share of a whole {@code notebook} run (timed in {@code src/test/bench/README.md}).
 * The command
 * line has written everything it writes to stdout and stderr, holds no files and registers no
 * shutdown hooks, so after flushing both streams it ends the process with the C library's
 * {@code _exit}. Where that cannot be bound, {@link System#exit} does the job.
 */
final class ProcessExit {

    private static final boolean BOUND = bind();

    private ProcessExit() {}

    private static boolean bind() {
        if (!Platform.isLinux() && !Platform.isMac()) {
            return false;
        }
        try {
            Native.register(ProcessExit.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** The C library's {@code void _exit(int)}, bound by {@link Native#register}. */
    private static native void _exit(int status);

    /**
     * Whether the JVM was started for sgd-lab: its command line names the {@link SgdLab} or
     * {@link Launcher} class, or the jar they were loaded from. Under Maven's {@code exec:java}
     * or in a program that calls {@link SgdLab#main}, it names something else.
     *
     * @return true if ending the process cannot take anybody else's work with it
     */
    static boolean isOwnProcess() {
        String command = System.getProperty("sun.java.command", "");
        String first = command.split(" ", 2)[0];
        if (first.equals(SgdLab.class.getName()) || first.equals(Launcher.class.getName())) {
            return true;
        }
        try {
            Path jar = Path.of(
                    SgdLab.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return first.endsWith(".jar") && Files.isRegularFile(jar)
                    && Files.isSameFile(jar, Path.of(first));
        } catch (IOException | URISyntaxException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Flushes stdout and stderr, then ends the process with {@code status}.
     *
     * @param status the exit code
     */
    static void now(int status) {
        System.out.flush();
        System.err.flush();
        if (BOUND) {
            _exit(status);
        }
        System.exit(status);
    }
}
