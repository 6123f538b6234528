package io.github.sgdlab.cli;

import io.github.sgdlab.grad.PerSampleGradients;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * {@code --per-sample-csv}: the n per-sample gradient pairs, one row per sample, each double
 * written so that it parses back to the same bits. Written atomically: to a temporary file in the
 * same directory, then renamed over the target, so a reader never sees half a file and a failed
 * write leaves whatever was there before.
 */
final class PerSampleCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader("grad_theta0", "grad_theta1")
            .setRecordSeparator('\n')
            .get();

    private PerSampleCsv() {}

    /**
     * Writes the file.
     *
     * @param path where it goes; its directory must exist
     * @param gradients the per-sample gradients
     * @throws IOException if it cannot be written; the target is then untouched
     */
    static void write(Path path, PerSampleGradients gradients) throws IOException {
        Path target = path.toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new FileSystemException(path.toString(), null, IS_A_DIRECTORY);
        }
        Path temporary = Files.createTempFile(target.getParent(),
                "." + target.getFileName(), ".tmp");
        try {
            double[] gradTheta0 = gradients.gradTheta0();
            double[] gradTheta1 = gradients.gradTheta1();
            try (Writer writer = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8);
                    CSVPrinter printer = new CSVPrinter(writer, FORMAT)) {
                for (int i = 0; i < gradTheta0.length; i++) {
                    printer.printRecord(DoubleText.of(gradTheta0[i]), DoubleText.of(gradTheta1[i]));
                }
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /** What {@link #write} throws when the target is a directory. */
    private static final String IS_A_DIRECTORY = "it is a directory";

    /**
     * Whether a write failed because of the path the user named, not on the way.
     *
     * @param e what {@link #write} threw
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
