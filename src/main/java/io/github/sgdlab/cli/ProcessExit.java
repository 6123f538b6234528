package io.github.sgdlab.cli;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Ends the command-line process without the teardown nobody needs. {@link System#exit} runs the
 * C library's exit handlers, and with libtorch loaded those are thousands of static destructors:
 * about 70 ms, a seventh of a whole {@code notebook} run (measured in the README). The command
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
