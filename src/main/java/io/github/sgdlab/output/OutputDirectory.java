package io.github.sgdlab.output;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory results are written into, checked before any work is done so that bad input fails
 * with nothing written, and written into one file at a time, each atomically: the content goes to
 * a temporary file beside the target, which is then renamed over it.
 *
 * <pre>{@code
 * OutputDirectory out = OutputDirectory.check(Path.of("runs"), false); // before the work
 * ...
 * out.create();
 * out.write("summary.json", stream -> stream.write(json.getBytes(UTF_8)));
 * }</pre>
 */
public final class OutputDirectory {

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {

        /**
         * Writes the content.
         *
         * @param out the temporary file's stream; do not close it
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    private final Path directory;

    private OutputDirectory(Path directory) {
        this.directory = directory;
    }

    /**
     * Checks that results may go into {@code directory}, without creating anything: it must be a
     * directory or not exist yet, be empty unless {@code force}, and be writable (or, when it does
     * not exist, its nearest existing ancestor must be a writable directory).
     *
     * @param directory the directory
     * @param force whether an existing, non-empty directory may be written into
     * @return the checked directory
     * @throws IllegalArgumentException naming the problem
     */
    public static OutputDirectory check(Path directory, boolean force) {
        Objects.requireNonNull(directory, "directory");
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) || Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new IllegalArgumentException(
                        "--out " + directory + " exists and is not a directory");
            }
            if (!force && !isEmpty(absolute)) {
                throw new IllegalArgumentException("--out " + directory
                        + " exists and is not empty; use --force to write into it");
            }
            requireWritable(absolute, directory);
            return new OutputDirectory(absolute);
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new IllegalArgumentException("--out " + directory + " cannot be created: "
                    + (ancestor == null ? "no existing parent" : ancestor + " is not a directory"));
        }
        requireWritable(ancestor, directory);
        return new OutputDirectory(absolute);
    }

    /**
     * The directory.
     *
     * @return its absolute path
     */
    public Path path() {
        return directory;
    }

    /**
     * Creates the directory and its parents if they do not exist.
     *
     * @throws IOException if that fails
     */
    public void create() throws IOException {
        Files.createDirectories(directory);
    }

    /**
     * Writes one file atomically ({@link AtomicFiles}): into a temporary file in the directory,
     * then renamed to {@code name}, replacing an older file of that name. On failure the
     * temporary file is deleted and no file of that name appears.
     *
     * @param name the file name, e.g. {@code summary.json}
     * @param writer writes the content
     * @return the written file
     * @throws IOException if writing or renaming fails
     */
    public Path write(String name, StreamWriter writer) throws IOException {
        Path target = directory.resolve(name);
        if (!directory.equals(target.getParent())) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        AtomicFiles.write(target, writer::write);
        return target;
    }

    private static boolean isEmpty(Path directory) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            return !entries.iterator().hasNext();
        } catch (IOException e) {
            throw new IllegalArgumentException(
                    "--out " + directory + " cannot be read: " + e.getMessage(), e);
        }
    }

    private static void requireWritable(Path existing, Path asGiven) {
        boolean writable = Files.isWritable(existing);
        if (writable) {
            // isWritable trusts permission bits, which root bypasses, and knows nothing of
            // read-only mounts (/proc, a read-only volume): a probe file, deleted at once, asks
            // the file system itself.
            try {
                Files.delete(Files.createTempFile(existing, ".sgd-lab-probe-", ".tmp"));
            } catch (IOException | UnsupportedOperationException e) {
                writable = false;
            }
        }
        if (!writable) {
            throw new IllegalArgumentException(
                    "--out " + asGiven + " is not writable (" + existing + ")");
        }
    }
}
