package io.github.sgdlab.output;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;

/**
 * Writes a file atomically: the content goes to a temporary file in the target's own folder,
 * which is then renamed onto the target. Readers see either the old file (or none) or the
 * complete new one, never a part; on any failure the temporary file is removed.
 *
 * <p>For one file at any path, such as {@code gradient --plot PATH} and the pictures the chart
 * package draws; {@link OutputDirectory} does the same for the files of a checked {@code --out}.
 *
 * <p>The temporary file sits in the same folder because a rename is only atomic within one file
 * system. Its name starts with a dot and ends in {@code .tmp}, so a crash that kills the process
 * before the clean-up leaves something plainly not a result.
 */
public final class AtomicFiles {

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {}

    /** What writes the content, given a stream to the temporary file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content.
         *
         * @param out the temporary file's stream; closed by the caller
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} atomically.
     *
     * @param target the file to create or replace
     * @param content what to write into it
     * @throws IOException if the folder is not writable or writing fails; the target is then
     *     unchanged and no temporary file is left
     */
    public static void write(Path target, Content content) throws IOException {
        Path absolute = target.toAbsolutePath();
        Path folder = absolute.getParent();
        if (folder == null) {
            throw new IOException(target + ": a file system root is not a file");
        }
        // Not Files.createTempFile: it makes the file readable by its owner only, and the rename
        // would carry that onto a result meant to be shared.
        Path temporary = folder.resolve("." + absolute.getFileName() + "."
                + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                content.writeTo(out);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException cleanUp) {
                e.addSuppressed(cleanUp);
            }
            throw e;
        }
    }

    /**
     * Writes text atomically, in UTF-8.
     *
     * @param target the file to create or replace
     * @param text the whole text
     * @throws IOException if the folder is not writable or writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }
}
