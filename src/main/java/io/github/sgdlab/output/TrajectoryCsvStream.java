package io.github.sgdlab.output;

import io.github.sgdlab.descent.TrajectoryListener;
import io.github.sgdlab.files.DoubleText;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code trajectory.csv} written while the descent runs, in memory that does not grow with the
 * iterations: each run's rows go to a part file of its own in a scratch folder as the run
 * computes them (the runs advance together, the file lists them one after the other), and
 * {@link #finish} joins header and parts into the file. The bytes are those of
 * {@link TrajectoryCsv#write(io.github.sgdlab.descent.DescentResult, OutputStream, int)}: the
 * same rows, thinned the same way (iterations 0, K, 2K, … and each run's last).
 */
public final class TrajectoryCsvStream implements TrajectoryListener, AutoCloseable {

    private final Path scratch;
    private final int every;
    private final int features;
    private final Writer[] parts;
    /** Per run, its latest row when it was not written (thinned away), else null. */
    private final String[] pending;
    private final StringBuilder row = new StringBuilder(128);

    /**
     * Starts the parts.
     *
     * @param scratch an existing folder of its own for the parts (the output directory's
     *     {@link OutputDirectory#scratch()}); removed with the staging area
     * @param runs how many runs
     * @param features d
     * @param every K, at least 1
     */
    public TrajectoryCsvStream(Path scratch, int runs, int features, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, got " + every);
        }
        this.scratch = scratch;
        this.every = every;
        this.features = features;
        this.parts = new Writer[runs];
        this.pending = new String[runs];
    }

    @Override
    public void iteration(int run, int epoch, int iteration, double[] theta, double loss) {
        row.setLength(0);
        row.append(run).append(',').append(epoch).append(',').append(iteration);
        for (double value : theta) {
            row.append(',').append(DoubleText.of(value));
        }
        row.append(',').append(DoubleText.of(loss)).append('\n');
        if (iteration % every == 0) {
            append(run, row);
            pending[run] = null;
        } else {
            pending[run] = row.toString();
        }
    }

    /**
     * Writes the header and every run's rows, in run order, then deletes the parts.
     *
     * @param out where the CSV goes; not closed
     * @throws IOException if a part cannot be written or read
     */
    public void finish(OutputStream out) throws IOException {
        StringBuilder header = new StringBuilder();
        for (String name : TrajectoryCsv.header(features)) {
            header.append(header.length() == 0 ? "" : ",").append(name);
        }
        out.write(header.append('\n').toString().getBytes(StandardCharsets.UTF_8));
        for (int r = 0; r < parts.length; r++) {
            if (pending[r] != null) {
                // The run's last row, which thinning must keep.
                append(r, pending[r]);
                pending[r] = null;
            }
            if (parts[r] == null) {
                continue;
            }
            parts[r].close();
            parts[r] = null;
            Path part = part(r);
            try (InputStream in = Files.newInputStream(part)) {
                in.transferTo(out);
            }
            Files.delete(part);
        }
        out.flush();
    }

    /** Closes and deletes what is left of the parts. */
    @Override
    public void close() throws IOException {
        for (int r = 0; r < parts.length; r++) {
            if (parts[r] != null) {
                parts[r].close();
                parts[r] = null;
            }
            Files.deleteIfExists(part(r));
        }
    }

    private void append(int run, CharSequence text) {
        try {
            if (parts[run] == null) {
                parts[run] = new BufferedWriter(new OutputStreamWriter(
                        Files.newOutputStream(part(run)), StandardCharsets.UTF_8), 1 << 14);
            }
            parts[run].append(text);
        } catch (IOException e) {
            // The listener cannot throw IOException; the command unwraps this.
            throw new UncheckedIOException(e);
        }
    }

    private Path part(int run) {
        return scratch.resolve("trajectory-" + run + ".part");
    }
}
