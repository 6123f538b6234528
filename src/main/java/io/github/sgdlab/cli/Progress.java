package io.github.sgdlab.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.IntConsumer;

/**
 * A progress line for long per-sample loops, redrawn in place on stderr at most twice a second,
 * and only when stderr is a terminal: redirected to a file or a pipe, stderr carries error
 * messages only.
 */
final class Progress implements IntConsumer {

    /** Loops shorter than this finish too fast to need a progress line. */
    private static final int MIN_SAMPLES = 100_000;

    private static final long INTERVAL_NANOS = 500_000_000L;

    private final PrintStream err;
    private final int total;
    private long lastDraw = System.nanoTime();
    private boolean drawn;

    Progress(PrintStream err, int total) {
        this.err = err;
        this.total = total;
    }

    /**
     * A listener for a loop over {@code total} samples: a progress line on {@code System.err} if
     * it is a terminal and the loop is long, else one that does nothing.
     *
     * @param total the number of samples
     * @return the listener
     */
    static IntConsumer forLoop(int total) {
        if (total < MIN_SAMPLES || !stderrIsTerminal()) {
            return done -> { };
        }
        return new Progress(System.err, total);
    }

    @Override
    public void accept(int done) {
        long now = System.nanoTime();
        if (done < total && now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        if (done < total || drawn) {
            err.printf(Locale.ROOT, "\rper-sample loop: %d/%d samples (%d%%)%s", done, total,
                    (int) (100L * done / total), done == total ? "\n" : "");
            err.flush();
            drawn = true;
        }
    }

    /**
     * Whether stderr is a terminal. Java 17 has no direct test; on Linux, file descriptor 2 links
     * to a terminal device. Elsewhere, a console on the process is the best sign there is.
     */
    private static boolean stderrIsTerminal() {
        try {
            String device = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return device.startsWith("/dev/pts/") || device.startsWith("/dev/tty");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }
}
