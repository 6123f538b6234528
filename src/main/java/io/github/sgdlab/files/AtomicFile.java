package io.github.sgdlab.files;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * The project's one way to write a file, with the semantics of a careful Unix tool ({@code cp},
 * {@code sort -o}):
 *
 * <ul>
 *   <li>A regular file, or a name that does not exist yet, is replaced atomically: the content
 *       goes to a temporary file in the same folder ({@link TemporaryFiles}), which is renamed
 *       over the target only when the content is complete. Readers see the old file or the new
 *       one, never a part; on any failure the temporary file is removed and the target is
 *       untouched. A new file gets the usual permissions (0666 less the umask, so 0644 under the
 *       common umask 022); a replaced file keeps its own.
 *   <li>A symbolic link is followed to the file it names, and that file is replaced; the link
 *       stays a link.
 *   <li>A character device ({@code /dev/null}), a FIFO, a socket, or a descriptor reached through
 *       {@code /proc} ({@code /dev/stdout}, {@code /dev/fd/3}) is written through, streaming,
 *       with no rename: renaming a file over a device node would replace the node. Such a write
 *       cannot be undone if it fails half-way.
 *   <li>A directory is refused ({@code it is a directory}).
 * </ul>
 *
 * <p>The content's own stream errors win over what the content makes of them: an encoder that
 * turns a full disk into "encoder failed at frame 187" is reported as the disk's
 * {@code No space left on device}.
 */
public final class AtomicFile {

    /** The reason {@link #write} gives when the target is a directory. */
    public static final String IS_A_DIRECTORY = "it is a directory";

    /** Symbolic links followed at most, as the kernel's own limit (ELOOP). */
    private static final int MAX_LINKS = 40;

    private AtomicFile() {}

    /** What writes the content, given a stream to the temporary file. */
    @FunctionalInterface
    public interface Content {
        /**
         * Writes the whole content.
         *
         * @param out the stream; closed by the caller, do not close it
         * @throws IOException if writing fails
         */
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target}: atomically for a regular file or a new name, through for a special
     * file (see the class comment).
     *
     * @param target the file to create or replace
     * @param content what to write into it
     * @throws IOException if the folder is not writable or writing fails; a regular target is
     *     then unchanged and no temporary file is left
     */
    public static void write(Path target, Content content) throws IOException {
        Resolved resolved = resolve(target);
        if (resolved.writeThrough) {
            writeThrough(resolved.path, content);
            return;
        }
        Path file = resolved.path;
        if (Files.isDirectory(file)) {
            throw new FileSystemException(target.toString(), null, IS_A_DIRECTORY);
        }
        Path folder = file.getParent();
        TemporaryFiles.removeLeftovers(folder, file.getFileName().toString());
        Set<PosixFilePermission> keep = permissionsOf(file);
        Path temporary = TemporaryFiles.beside(file);
        try {
            try (Watched out = new Watched(Files.newOutputStream(temporary,
                    StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE))) {
                out.run(content);
            }
            if (keep != null) {
                Files.setPosixFilePermissions(temporary, keep);
            }
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            TemporaryFiles.done(temporary);
        } catch (IOException | RuntimeException | Error e) {
            try {
                TemporaryFiles.remove(temporary);
            } catch (IOException cleanUp) {
                e.addSuppressed(cleanUp);
            }
            throw e;
        }
    }

    /**
     * Writes text in UTF-8, as {@link #write}.
     *
     * @param target the file to create or replace
     * @param text the whole text
     * @throws IOException if the folder is not writable or writing fails
     */
    public static void writeString(Path target, String text) throws IOException {
        write(target, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * Whether {@link #write} would write {@code target} through, with no temporary file: a
     * device, a FIFO, a socket or a descriptor under {@code /proc}, directly or through links.
     *
     * @param target a path
     * @return true for a special file
     * @throws IOException if a link cannot be read
     */
    public static boolean isSpecial(Path target) throws IOException {
        return resolve(target).writeThrough;
    }

    private static void writeThrough(Path path, Content content) throws IOException {
        boolean regular = Files.isRegularFile(path);
        // A regular file reached through /proc/self/fd is our own stdout or another descriptor
        // a shell opened: append, as the shell's writer does, rather than clobber from byte 0.
        try (Watched out = new Watched(regular
                ? Files.newOutputStream(path, StandardOpenOption.WRITE, StandardOpenOption.APPEND)
                : Files.newOutputStream(path, StandardOpenOption.WRITE))) {
            out.run(content);
        }
    }

    private static Set<PosixFilePermission> permissionsOf(Path file) {
        try {
            PosixFileAttributeView view = Files.getFileAttributeView(file,
                    PosixFileAttributeView.class);
            return view != null && Files.isRegularFile(file)
                    ? view.readAttributes().permissions() : null;
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /** The file a path names after its links, and whether it is written through. */
    private record Resolved(Path path, boolean writeThrough) {}

    private static Resolved resolve(Path target) throws IOException {
        Path path = target.toAbsolutePath().normalize();
        boolean viaProc = isUnderProc(path);
        for (int hops = 0; Files.isSymbolicLink(path); hops++) {
            if (hops == MAX_LINKS) {
                throw new FileSystemException(target.toString(), null,
                        "too many levels of symbolic links");
            }
            Path link = Files.readSymbolicLink(path);
            if (isUnderProc(path) && !link.isAbsolute()) {
                // /proc/self/fd/1 -> "pipe:[1234]": not a path, a descriptor.
                return new Resolved(target.toAbsolutePath(), true);
            }
            path = path.resolveSibling(link).normalize();
            viaProc |= isUnderProc(path);
        }
        if (viaProc) {
            return new Resolved(target.toAbsolutePath(), true);
        }
        boolean special = Files.exists(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        return new Resolved(path, special);
    }

    private static boolean isUnderProc(Path path) {
        return path.startsWith("/proc/") || path.startsWith("/dev/fd");
    }

    /** Remembers the first error of the real stream, whatever the content does with it. */
    private static final class Watched extends FilterOutputStream {

        private IOException first;
        private boolean reported;

        Watched(OutputStream out) {
            super(new BufferedOutputStream(out, 1 << 16));
        }

        void run(Content content) throws IOException {
            try {
                content.writeTo(this);
                flush();
            } catch (IOException | RuntimeException e) {
                if (first != null) {
                    if (first != e) {
                        first.addSuppressed(e);
                    }
                    reported = true;
                    throw first;
                }
                throw e;
            }
        }

        private IOException seen(IOException e) {
            if (first == null) {
                first = e;
            }
            return e;
        }

        @Override
        public void write(int b) throws IOException {
            try {
                out.write(b);
            } catch (IOException e) {
                throw seen(e);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            try {
                out.write(b, off, len);
            } catch (IOException e) {
                throw seen(e);
            }
        }

        @Override
        public void flush() throws IOException {
            try {
                out.flush();
            } catch (IOException e) {
                throw seen(e);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                super.close();
            } catch (IOException e) {
                if (reported) {
                    // The first error is on its way out already; this one only repeats it.
                    return;
                }
                throw first != null ? first : seen(e);
            }
        }
    }
}
