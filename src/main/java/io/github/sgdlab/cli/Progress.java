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
    private final int samples;
    private final int passes;
    private long lastDraw = System.nanoTime();
    private boolean drawn;
    private int last;

    /**
     * A progress line for one pass over {@code total} samples.
     *
     * @param err where to draw it
     * @param total the number of samples
     */
    Progress(PrintStream err, int total) {
        this(err, total, 1);
    }

    /**
     * A progress line for {@code passes} passes over {@code samples} samples, told the samples
     * done counting through all passes (pass 2 starts at {@code samples + 1}); each pass gets
     * its own line.
     *
     * @param err where to draw it
     * @param samples the samples in each pass
     * @param passes how many passes
     */
    Progress(PrintStream err, int samples, int passes) {
        this.err = err;
        this.samples = samples;
        this.passes = passes;
    }

    /**
     * A listener for a loop over {@code total} samples: a progress line on {@code System.err} if
     * it is a terminal and the loop is long, else one that does nothing.
     *
     * @param total the number of samples
     * @return the listener
     */
    static IntConsumer forLoop(int total) {
        return forPasses(total, 1);
    }

    /**
     * A listener for a loop that goes {@code passes} times over {@code samples} samples, told
     * the samples done through all passes: a progress line per pass on {@code System.err} if it
     * is a terminal and the loop is long, else one that does nothing.
     *
     * @param samples the samples in each pass
     * @param passes how many passes
     * @return the listener
     */
    static IntConsumer forPasses(int samples, int passes) {
        if (samples < MIN_SAMPLES || !stderrIsTerminal()) {
            return done -> { };
        }
        return new Progress(System.err, samples, passes);
    }

    @Override
    public void accept(int done) {
        if (done == last) {
            // Told twice (the engine's loop reports its last sample, then the call's end).
            return;
        }
        last = done;
        long now = System.nanoTime();
        boolean passEnd = done > 0 && done % samples == 0;
        if (!passEnd && now - lastDraw < INTERVAL_NANOS) {
            return;
        }
        lastDraw = now;
        if (!passEnd || drawn) {
            int pass = done == 0 ? 1 : (done - 1) / samples + 1;
            int inPass = done - (pass - 1) * samples;
            err.printf(Locale.ROOT, "\rper-sample loop%s: %d/%d samples (%d%%)%s",
                    passes == 1 ? "" : ", pass " + pass + " of " + passes, inPass, samples,
                    (int) (100L * inPass / samples), passEnd ? "\n" : "");
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
