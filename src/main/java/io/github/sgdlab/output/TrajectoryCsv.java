package io.github.sgdlab.output;

import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.RunResult;
import io.github.sgdlab.descent.Trajectory;
import io.github.sgdlab.files.DoubleText;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code trajectory.csv}: one row per run and iteration, starting with iteration 0 (the start θ)
 * in epoch 0, columns {@code run, epoch, iteration, theta0, theta1, loss} (with d features
 * {@code theta0 … thetaD}, intercept first); the loss is the
 * full-data mean-squared error at that θ. Doubles are the shortest text that parses back to the
 * same bits ({@link DoubleText}).
 */
public final class TrajectoryCsv {

    /** The header row of the one-feature model. */
    public static final String[] HEADER = {"run", "epoch", "iteration", "theta0", "theta1", "loss"};

    private TrajectoryCsv() {}

    /**
     * Writes every kept trajectory of a result.
     *
     * @param result the descent; runs without a trajectory are skipped
     * @param out where the CSV goes, UTF-8, {@code \n} line ends; not closed
     * @throws IOException if writing fails
     */
    public static void write(DescentResult result, OutputStream out) throws IOException {
        write(result, out, 1);
    }

    /**
     * Writes every kept trajectory of a result, thinned: of each run the iterations 0, K, 2K, …
     * and always its last, so the start and the end of every run are in the file. K = 1 is
     * {@link #write(DescentResult, OutputStream)}. Rows are streamed, nothing is collected.
     *
     * @param result the descent; runs without a trajectory are skipped
     * @param out where the CSV goes, UTF-8, {@code \n} line ends; not closed
     * @param every K, at least 1
     * @throws IOException if writing fails
     */
    public static void write(DescentResult result, OutputStream out, int every)
            throws IOException {
        if (every < 1) {
            throw new IllegalArgumentException("every must be at least 1, got " + every);
        }
        Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(header(result.config().features())).setRecordSeparator('\n').get();
        CSVPrinter printer = new CSVPrinter(writer, format);
        for (int r = 0; r < result.runs().size(); r++) {
            RunResult run = result.runs().get(r);
            Trajectory trajectory = run.trajectory();
            if (trajectory == null) {
                continue;
            }
            int width = trajectory.features() + 1;
            List<Object> record = new ArrayList<>(width + 4);
            int last = trajectory.iterations();
            for (int t = 0; t <= last; t = t == last ? last + 1 : Math.min(t + every, last)) {
                record.clear();
                record.add(r);
                record.add(trajectory.epoch(t));
                record.add(t);
                for (int j = 0; j < width; j++) {
                    record.add(DoubleText.of(trajectory.theta(t, j)));
                }
                record.add(DoubleText.of(trajectory.loss(t)));
                printer.printRecord(record);
            }
        }
        printer.flush();
    }

    /**
     * The header row for d features.
     *
     * @param features d
     * @return {@code run, epoch, iteration, theta0 … thetaD, loss}
     */
    public static String[] header(int features) {
        String[] header = new String[features + 5];
        header[0] = "run";
        header[1] = "epoch";
        header[2] = "iteration";
        for (int j = 0; j <= features; j++) {
            header[3 + j] = "theta" + j;
        }
        header[features + 4] = "loss";
        return header;
    }
}
