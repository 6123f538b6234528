package io.github.sgdlab.cli;

import io.github.sgdlab.grad.PerSampleGradients;
import io.github.sgdlab.grad.PerSampleSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * {@code --per-sample-csv}: the n per-sample gradients, one row per sample, columns
 * {@code grad_theta0 … grad_thetaD}, each double written so that it parses back to the same
 * bits. Written atomically: rows stream into a temporary file in the same directory, which is
 * renamed over the target only by {@link #commit()}, so a reader never sees half a file and a
 * failed or abandoned write leaves whatever was there before.
 *
 * <pre>{@code
 * try (PerSampleCsv csv = PerSampleCsv.open(path, d + 1)) {
 *     ... csv.write(from, m, chunk) for each chunk ...
 *     csv.commit();
 * }   // not committed: the temporary file is deleted, the target untouched
 * }</pre>
 */
final class PerSampleCsv implements AutoCloseable {

    /** What {@link #open} throws when the target is a directory. */
    private static final String IS_A_DIRECTORY = "it is a directory";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path target;
    private final Path temporary;
    private final CSVPrinter printer;
    private final String[] row;
    private boolean closed;

    private PerSampleCsv(Path target, Path temporary, CSVPrinter printer, int parameters) {
        this.target = target;
        this.temporary = temporary;
        this.printer = printer;
        this.row = new String[parameters];
    }

    /**
     * Starts the file: a temporary file beside the target, with the header written.
     *
     * @param path where the file goes once committed; its directory must exist
     * @param parameters the columns: d + 1
     * @return the open writer
     * @throws IOException if the temporary file cannot be made; see {@link #isBadPath}
     */
    static PerSampleCsv open(Path path, int parameters) throws IOException {
        Path target = path.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(path.toString(), null, IS_A_DIRECTORY);
        }
        // Not Files.createTempFile: that makes the file readable by its owner only (0600), and
        // the rename would hand those permissions to the result. A new file of our own name
        // gets the ordinary ones (the umask's), as a shell's redirection would.
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        try {
            String[] header = new String[parameters];
            for (int j = 0; j < parameters; j++) {
                header[j] = "grad_theta" + j;
            }
            CSVFormat format = CSVFormat.DEFAULT.builder()
                    .setHeader(header)
                    .setRecordSeparator('\n')
                    .get();
            return new PerSampleCsv(target, temporary, new CSVPrinter(writer, format),
                    parameters);
        } catch (IOException | RuntimeException e) {
            writer.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    /**
     * Writes the n gradient pairs of the notebook's model and commits the file.
     *
     * @param path where it goes; its directory must exist
     * @param gradients the per-sample gradients
     * @throws IOException if it cannot be written; the target is then untouched
     */
    static void write(Path path, PerSampleGradients gradients) throws IOException {
        try (PerSampleCsv csv = open(path, 2)) {
            csv.write(0, gradients.size(),
                    new double[][] {gradients.gradTheta0(), gradients.gradTheta1()});
            csv.commit();
        }
    }

    /**
     * Appends the rows of one chunk.
     *
     * @param from the chunk's first sample (rows come in sample order)
     * @param m how many samples the chunk holds
     * @param gradients {@code gradients[j][i]}: component j of the chunk's i-th gradient
     * @throws IOException if the write fails
     */
    void write(int from, int m, double[][] gradients) throws IOException {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < row.length; j++) {
                row[j] = DoubleText.of(gradients[j][i]);
            }
            printer.printRecord((Object[]) row);
        }
    }

    /**
     * This writer as a sink for the gradient paths, which cannot throw checked exceptions: a
     * failed write comes out as {@link #failure}'s exception.
     *
     * @param spec the command, for a bad-input error
     * @param path the path as the user gave it, for the message
     * @return the sink
     */
    PerSampleSink sink(CommandSpec spec, Path path) {
        return (from, m, gradients) -> {
            try {
                write(from, m, gradients);
            } catch (IOException e) {
                throw failure(spec, path, e);
            }
        };
    }

    /**
     * Finishes the file and renames it over the target.
     *
     * @throws IOException if the last rows cannot be written or the rename fails
     */
    void commit() throws IOException {
        closed = true;
        printer.close();
        Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
    }

    /** Abandons the file if it was not committed: the temporary file is deleted. */
    @Override
    public void close() throws IOException {
        try {
            if (!closed) {
                closed = true;
                printer.close();
            }
        } finally {
            Files.deleteIfExists(temporary);
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
        String message = "cannot write --per-sample-csv " + path + ": " + reason(e);
        if (isBadPath(e)) {
            return new ParameterException(spec.commandLine(), message, e);
        }
        return new UncheckedIOException(message, e);
    }

    /**
     * Whether a write failed because of the path the user named, not on the way.
     *
     * @param e what {@link #open} threw
     * @return true for no such directory, a directory, no permission
     */
    static boolean isBadPath(IOException e) {
        return e instanceof NoSuchFileException || e instanceof AccessDeniedException
                || e instanceof FileSystemException fileSystem
                        && IS_A_DIRECTORY.equals(fileSystem.getReason());
    }

    /**
     * Why a write failed, in words that name no temporary file.
     *
     * @param e what {@link #open} or a write threw
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
