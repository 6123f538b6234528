package io.github.sgdlab.cli;

import java.io.PrintStream;
import java.time.Duration;

import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long commands ({@code descend study}, runs of many epochs), drawn
 * by {@code me.tongfei:progressbar}, only when stderr is a terminal and the user did not ask for
 * {@code --quiet}. Otherwise every call does nothing, so logs and pipes never see carriage
 * returns, and stdout stays results only.
 *
 * <p>Short tasks stay silent too: the bar appears only once a task has run for
 * {@link #DELAY}, so a quick command's output is not framed by a flash of bar.
 */
public final class StderrProgress implements AutoCloseable {

    /** How long a task runs before its bar appears. */
    static final Duration DELAY = Duration.ofMillis(700);

    private final String task;
    private final long total;
    private final PrintStream out;
    private final int width;
    private final Duration delay;
    private final boolean eta;
    private final long started = System.nanoTime();
    private ProgressBar bar;
    private LineConsumer line;
    private long done;
    private boolean closed;

    private StderrProgress(String task, long total, PrintStream out, int width, Duration delay,
            boolean eta) {
        this.task = task;
        this.total = total;
        this.out = out;
        this.width = width;
        this.delay = delay;
        this.eta = eta;
    }

    /**
     * A bar for a task of {@code total} steps on stderr, or a silent stand-in when stderr is not
     * a terminal or {@code quiet} is set.
     *
     * @param task what the bar says it is doing
     * @param total how many steps make the whole task
     * @param quiet the user's {@code --quiet}
     * @return the progress, to {@link #step} and {@link #close}
     */
    public static StderrProgress start(String task, long total, boolean quiet) {
        return start(task, total, quiet, true);
    }

    /**
     * As {@link #start(String, long, boolean)}, optionally without the time estimate: for a
     * total that is only an upper bound (a descent's maximum epochs), where an estimate from it
     * would be wrong by orders of magnitude.
     *
     * @param task what the bar says it is doing
     * @param total how many steps make the whole task, at most
     * @param quiet the user's {@code --quiet}
     * @param eta whether to show the estimated time left
     * @return the progress, to {@link #step} and {@link #close}
     */
    public static StderrProgress start(String task, long total, boolean quiet, boolean eta) {
        boolean shown = !quiet && StderrTerminal.isTerminal();
        return new StderrProgress(task, total, shown ? System.err : null, -1, DELAY, eta);
    }

    /**
     * A bar drawn on the given stream whatever it is, at a fixed width: for tests.
     *
     * @param task what the bar says it is doing
     * @param total how many steps make the whole task
     * @param out where to draw
     * @param width the bar line's width in characters
     * @param delay how long the task runs before the bar appears
     * @return the progress
     */
    static StderrProgress on(String task, long total, PrintStream out, int width,
            Duration delay) {
        return new StderrProgress(task, total, out, width, delay, true);
    }

    /**
     * Whether this progress draws anything at all.
     *
     * @return false for the silent stand-in
     */
    public boolean shown() {
        return out != null;
    }

    /** One more step done. */
    public void step() {
        stepTo(done + 1);
    }

    /**
     * Sets how many steps are done.
     *
     * @param steps the steps done so far, at most the total
     */
    public synchronized void stepTo(long steps) {
        done = steps;
        if (out == null || closed) {
            return;
        }
        if (bar == null && Duration.ofNanos(System.nanoTime() - started).compareTo(delay) >= 0) {
            line = new LineConsumer(width > 0 ? new ConsoleProgressBarConsumer(out, width)
                    : new ConsoleProgressBarConsumer(out));
            ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(task)
                    .setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                    .setUpdateIntervalMillis(200).setConsumer(line);
            bar = (eta ? builder : builder.hideEta()).build();
        }
        if (bar != null) {
            bar.stepTo(done);
        }
    }

    /**
     * Ends the bar's line, if one was drawn; the bar shows its final count.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (bar != null) {
            bar.stepTo(done);
            bar.close();
            // A bar closed before its first scheduled render draws itself but never ends its
            // line (progressbar 0.10.2); end it here, once.
            line.close();
        }
    }

    /** Passes everything on and ends the bar's line at most once. */
    private static final class LineConsumer implements ProgressBarConsumer {

        private final ProgressBarConsumer console;
        private boolean closed;

        LineConsumer(ProgressBarConsumer console) {
            this.console = console;
        }

        @Override
        public int getMaxRenderedLength() {
            return console.getMaxRenderedLength();
        }

        @Override
        public void accept(String rendered) {
            console.accept(rendered);
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                console.close();
            }
        }
    }
}
