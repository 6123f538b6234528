package io.github.sgdlab.cli;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;

/**
 * Whether standard error is a terminal, asked of the C library's {@code isatty(2)}.
 *
 * <p>Java itself cannot tell: {@code System.console()} looks at stdin and stdout, and a progress
 * bar belongs on stderr exactly when stdout is redirected to a file. Where the C library cannot
 * be bound (Windows, a stripped JRE), the answer is "no", so nothing is drawn.
 */
final class StderrTerminal {

    private static final int STDERR = 2;

    private static final boolean BOUND = bind();

    private StderrTerminal() {}

    private static boolean bind() {
        if (Platform.isWindows()) {
            return false;
        }
        try {
            Native.register(StderrTerminal.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
            return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            return false;
        }
    }

    /** The C library's {@code int isatty(int fd)}, bound by {@link Native#register}. */
    private static native int isatty(int fd);

    /**
     * Whether stderr is a terminal a person watches.
     *
     * @return true only if the C library says so
     */
    static boolean isTerminal() {
        return BOUND && isatty(STDERR) == 1;
    }
}
