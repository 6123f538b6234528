package io.github.sgdlab.cli;

import io.github.sgdlab.files.AtomicFile;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.linear.PerSampleSink;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --per-sample-csv}: the n per-sample gradients, one row per sample, columns
 * {@code grad_theta0 … grad_thetaD}, each double written so that it parses back to the same
 * bits. Written atomically through the project's one atomic writer, {@link AtomicFile}: the
 * rows stream into a temporary file in the target's folder while the gradients are computed,
 * and the file is renamed over the target only if the computation returns; if it throws (bad
 * input found late, such as a θ that overflows), the temporary file is removed and the target
 * is untouched. The path {@code -} means standard output: the rows stream there, and the
 * report goes to standard error instead (see {@link #reportStream}).
 */
final class PerSampleCsv {

    /** The path that means standard output. */
    static final String STDOUT = "-";

    private PerSampleCsv() {}

    /**
     * Computes something that hands out per-sample gradients, with the rows it hands out going
     * into the file.
     *
     * @param <T> what the computation returns
     */
    @FunctionalInterface
    interface Rows<T> {

        /**
         * Runs the computation.
         *
         * @param sink takes the per-sample gradients, in sample order
         * @return the computation's result
         */
        T compute(PerSampleSink sink);
    }

    /**
     * Writes the file from the gradients a computation hands out as it runs.
     *
     * @param <T> what the computation returns
     * @param spec the command, for standard output
     * @param path where the file goes ({@code -}: standard output); its directory must exist
     * @param parameters the columns: d + 1
     * @param rows the computation
     * @return what the computation returned
     * @throws IOException if the file cannot be written (see {@link #isBadPath}); the target is
     *     then untouched
     */
    static <T> T write(CommandSpec spec, Path path, int parameters, Rows<T> rows)
            throws IOException {
        List<T> result = new ArrayList<>(1);
        try {
            if (isStdout(path)) {
                PrintWriter stdout = spec.commandLine().getOut();
                result.add(writeRows(stdout, parameters, rows));
                stdout.flush();
            } else {
                AtomicFile.write(path, out -> {
                    Writer writer = new BufferedWriter(
                            new OutputStreamWriter(out, StandardCharsets.UTF_8));
                    result.add(writeRows(writer, parameters, rows));
                    writer.flush();
                });
            }
        } catch (RowFailure e) {
            throw e.getCause();
        }
        return result.get(0);
    }

    /** Streams the header and every row the computation hands out into {@code writer}. */
    private static <T> T writeRows(Writer writer, int parameters, Rows<T> rows)
            throws IOException {
        String[] header = new String[parameters];
        for (int j = 0; j < parameters; j++) {
            header[j] = "grad_theta" + j;
        }
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setHeader(header)
                .setRecordSeparator('\n')
                .get();
        CSVPrinter printer = new CSVPrinter(writer, format);
        String[] row = new String[parameters];
        T result = rows.compute((from, m, gradients) -> {
            try {
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < parameters; j++) {
                        row[j] = DoubleText.of(gradients[j][i]);
                    }
                    printer.printRecord((Object[]) row);
                }
            } catch (IOException e) {
                throw new RowFailure(e);
            }
        });
        printer.flush();
        return result;
    }

    /**
     * Whether a {@code --per-sample-csv} path means standard output.
     *
     * @param path the path as given, or null
     * @return true for {@code -}
     */
    static boolean isStdout(Path path) {
        return path != null && STDOUT.equals(path.toString());
    }

    /**
     * Where the command's report goes: standard output, unless {@code --per-sample-csv -} took
     * it for the rows, then standard error, so that {@code > rows.csv} captures a clean CSV.
     *
     * @param spec the command
     * @return the stream for the text or JSON report
     */
    static PrintWriter reportStream(CommandSpec spec) {
        Path csv = spec.commandLine().getParseResult() == null ? null
                : spec.commandLine().getParseResult().matchedOptionValue("--per-sample-csv", null);
        return isStdout(csv) ? spec.commandLine().getErr() : spec.commandLine().getOut();
    }

    /** A row that could not be written, carried out of the sink, which cannot throw it. */
    private static final class RowFailure extends UncheckedIOException {

        private static final long serialVersionUID = 1L;

        RowFailure(IOException cause) {
            super(cause);
        }
    }

    /**
     * What a failed write of {@code --per-sample-csv} is to the user. A path that names no
     * writable file (no such directory, a directory, no permission) is bad input, exit 2; a
     * write that fails on the way (a full disk) is a failure to write results, exit 3, like
     * stdout's.
     *
     * @param spec the command, for a bad-input error
     * @param path the path as the user gave it
     * @param e what the write threw
     * @return the exception to throw
     */
    static RuntimeException failure(CommandSpec spec, Path path, IOException e) {
        String message = "cannot write --per-sample-csv " + Numbers.echo(path.toString()) + ": "
                + reason(e);
        if (isBadPath(e)) {
            return new ParameterException(spec.commandLine(), message, e);
        }
        return new UncheckedIOException(message, e);
    }

    /**
     * Whether a write failed because of the path the user named, not on the way.
     *
     * @param e what {@link #write} threw
     * @return true for no such directory, a directory, no permission
     */
    static boolean isBadPath(IOException e) {
        return e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || e instanceof FileSystemException fileSystem
                        && AtomicFile.IS_A_DIRECTORY.equals(fileSystem.getReason());
    }

    /**
     * Why a write failed, in words that name no temporary file.
     *
     * @param e what {@link #write} threw
     * @return for example "its directory does not exist"
     */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getMessage();
    }
}
