package io.github.sgdlab.output;

import io.github.sgdlab.files.AtomicFile;
import io.github.sgdlab.files.TemporaryFiles;
import io.github.sgdlab.output.UnusableDirectoryException.Reason;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A directory one run writes its results into: checked before any work, so bad input fails with
 * nothing written; held by one run at a time; and filled all at once, so that it holds one
 * complete run's files or none of a failed run's.
 *
 * <pre>{@code
 * OutputDirectory out = OutputDirectory.check(Path.of("runs"), false); // before the work
 * try (out) {
 *     out.open();                          // locks it; refused if another run holds it
 *     ...                                  // the work
 *     out.write("summary.json", stream -> stream.write(json.getBytes(UTF_8)));
 *     out.commit();                        // the files appear, together
 * }                                        // without commit: nothing appears
 * }</pre>
 *
 * <p>How: {@link #open} creates the directory if needed and takes an exclusive lock on the file
 * {@value #LOCK_NAME} inside it (a POSIX lock, released by the kernel if the process dies). Files
 * are written into a hidden staging folder inside the directory ({@code .staging.PID-RANDOM.tmp},
 * see {@link TemporaryFiles}); {@link #commit} removes the files of sgd-lab's earlier runs
 * ({@link #PRODUCTS}) that this run did not write, renames each staged file into place, and
 * removes the staging folder and the lock. A run that fails or is interrupted before the commit
 * removes its staging folder, and the directory too if it created it, so a full disk leaves the
 * directory as it was (an earlier run's files, or absent). Files that are not sgd-lab's are
 * never removed. A directory that cannot be used is refused with an
 * {@link UnusableDirectoryException}, which says why.
 */
public final class OutputDirectory implements AutoCloseable {

    /** The lock file inside the directory while a run holds it. */
    public static final String LOCK_NAME = ".sgd-lab.lock";

    /** The scratch folder's name inside the staging folder. */
    private static final String SCRATCH = ".scratch";

    /**
     * Every file name sgd-lab's commands write into an output directory; {@link #commit}
     * removes those of an earlier run that the new one does not write, so that the directory
     * holds one run's files only.
     */
    public static final Set<String> PRODUCTS = Set.of("trajectory.csv", "summary.json",
            "contours.png", "trajectory.gif", "loss.png", "momentum.png", "per-sample.png",
            "study.md", "study.json");

    /** Writes a file's content to a stream. */
    @FunctionalInterface
    public interface StreamWriter {

        /**
         * Writes the content.
         *
         * @param out the file's stream; do not close it
         * @throws IOException if writing fails
         */
        void write(OutputStream out) throws IOException;
    }

    /** The lock files this JVM holds. */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path directory;
    /** The directory as the caller gave it, for messages. */
    private final Path asGiven;
    private boolean created;
    private FileChannel lockChannel;
    private FileLock lock;
    private Path staging;
    private final Set<String> written = new LinkedHashSet<>();

    private OutputDirectory(Path directory, Path asGiven) {
        this.directory = directory;
        this.asGiven = asGiven;
    }

    /**
     * Checks that results may go into {@code directory}, without creating anything: it must be a
     * directory or not exist yet, be empty unless {@code force} (sgd-lab's own lock and
     * temporary files do not count), not be held by another run, and be writable (or, when it
     * does not exist, its nearest existing ancestor must be a writable directory).
     *
     * @param directory the directory
     * @param force whether an existing, non-empty directory may be written into
     * @return the checked directory
     * @throws UnusableDirectoryException naming the problem
     */
    public static OutputDirectory check(Path directory, boolean force) {
        Objects.requireNonNull(directory, "directory");
        Path absolute = directory.toAbsolutePath().normalize();
        if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS) || Files.exists(absolute)) {
            if (!Files.isDirectory(absolute)) {
                throw new UnusableDirectoryException(Reason.NOT_A_DIRECTORY, directory, "", null);
            }
            if (isHeld(absolute)) {
                throw new UnusableDirectoryException(Reason.IN_USE, directory, "", null);
            }
            if (!force && !isEmpty(absolute, directory)) {
                throw new UnusableDirectoryException(Reason.NOT_EMPTY, directory, "", null);
            }
            requireWritable(absolute, directory);
            return new OutputDirectory(absolute, directory);
        }
        Path ancestor = absolute.getParent();
        while (ancestor != null && !Files.exists(ancestor)) {
            ancestor = ancestor.getParent();
        }
        if (ancestor == null || !Files.isDirectory(ancestor)) {
            throw new UnusableDirectoryException(Reason.CANNOT_CREATE, directory, ancestor == null ? "no existing parent"
                    : Texts.echo(ancestor.toString()) + " is not a directory", null);
        }
        requireWritable(ancestor, directory);
        return new OutputDirectory(absolute, directory);
    }

    /**
     * The folder the files go into now: the staging folder between {@link #open} and
     * {@link #commit}, the directory itself otherwise.
     *
     * @return an absolute path
     */
    public Path path() {
        return staging != null ? staging : directory;
    }

    /**
     * A folder inside the staging area for a writer's pieces (e.g. {@code trajectory.csv}'s
     * per-run parts while the descent runs): never moved into the directory, removed with the
     * staging folder at {@link #commit} or {@link #close}.
     *
     * @return the folder, created on the first call
     * @throws IOException if it cannot be created
     * @throws IllegalStateException if the directory is not open
     */
    public Path scratch() throws IOException {
        if (staging == null) {
            throw new IllegalStateException("not open");
        }
        return Files.createDirectories(staging.resolve(SCRATCH));
    }

    /**
     * The directory the files end up in.
     *
     * @return its absolute path
     */
    public Path directory() {
        return directory;
    }

    /**
     * Creates the directory if it does not exist, takes its lock and makes the staging folder;
     * removes what interrupted earlier runs left.
     *
     * @throws UnusableDirectoryException if another run holds the directory
     *     ({@link Reason#IN_USE})
     * @throws IOException if the directory cannot be created or locked
     */
    public void open() throws IOException {
        if (lock != null) {
            return;
        }
        created = !Files.exists(directory);
        Files.createDirectories(directory);
        Path lockFile = directory.resolve(LOCK_NAME);
        if (!HELD.add(lockFile)) {
            created = false;
            throw new UnusableDirectoryException(Reason.IN_USE, asGiven, "", null);
        }
        try {
            lock(lockFile);
        } catch (IOException | RuntimeException e) {
            HELD.remove(lockFile);
            created = false;
            throw e;
        }
        TemporaryFiles.removeOnInterrupt(lockFile);
        TemporaryFiles.removeLeftovers(directory, null);
        staging = TemporaryFiles.beside(directory.resolve("staging"));
        Files.createDirectory(staging);
    }

    /**
     * Takes the lock. A POSIX lock belongs to the process and any close of any descriptor of the
     * file releases it, so nothing here opens the file twice. The run before us may have removed
     * the lock file between our open and our lock, leaving us a lock on a file nobody else can
     * find: the file's identity (device and inode, by {@code stat}, which opens nothing) must be
     * the same before the open and after the lock.
     */
    private void lock(Path lockFile) throws IOException {
        for (int attempt = 0; attempt < 10; attempt++) {
            Object before = fileKey(lockFile);
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock taken;
            try {
                taken = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (taken == null) {
                channel.close();
                throw new UnusableDirectoryException(Reason.IN_USE, asGiven, "", null);
            }
            if (before != null && before.equals(fileKey(lockFile))) {
                lockChannel = channel;
                lock = taken;
                return;
            }
            channel.close();
        }
        throw new UnusableDirectoryException(Reason.IN_USE, asGiven, "", null);
    }

    private static Object fileKey(Path file) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS).fileKey();
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Writes one file into the staging folder ({@link AtomicFile}); it appears in the directory
     * at {@link #commit}.
     *
     * @param name the file name, e.g. {@code summary.json}
     * @param writer writes the content
     * @return the staged file
     * @throws IOException if writing fails
     */
    public Path write(String name, StreamWriter writer) throws IOException {
        Path folder = path();
        Path target = folder.resolve(name);
        if (!folder.equals(target.getParent())) {
            throw new IllegalArgumentException("not a plain file name: " + name);
        }
        AtomicFile.write(target, writer::write);
        written.add(name);
        return target;
    }

    /**
     * Moves every staged file into the directory, after removing the files of sgd-lab's earlier
     * runs that this run did not write; then removes the staging folder and the lock.
     *
     * @return the files now in the directory from this run
     * @throws IOException if a file cannot be moved
     */
    public Set<Path> commit() throws IOException {
        if (staging == null) {
            throw new IllegalStateException("not open");
        }
        Set<String> staged = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(staging)) {
            for (Path entry : entries) {
                if (!entry.getFileName().toString().equals(SCRATCH)) {
                    staged.add(entry.getFileName().toString());
                }
            }
        }
        for (String product : PRODUCTS) {
            Path old = directory.resolve(product);
            if (!staged.contains(product) && Files.isRegularFile(old, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(old);
            }
        }
        Set<Path> moved = new LinkedHashSet<>();
        for (String name : staged) {
            Path target = directory.resolve(name);
            Files.move(staging.resolve(name), target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            moved.add(target);
        }
        TemporaryFiles.remove(staging);
        staging = null;
        created = false;
        release();
        return moved;
    }

    /**
     * Ends the run: without a {@link #commit}, removes the staged files, and the directory if
     * this run created it; releases the lock.
     *
     * @throws IOException if clean-up fails
     */
    @Override
    public void close() throws IOException {
        if (staging != null) {
            TemporaryFiles.remove(staging);
            staging = null;
        }
        release();
        if (created) {
            created = false;
            try {
                Files.deleteIfExists(directory);
            } catch (IOException e) {
                // Not empty: somebody else's files arrived meanwhile; they stay.
            }
        }
    }

    private void release() throws IOException {
        if (lock == null) {
            return;
        }
        Path lockFile = directory.resolve(LOCK_NAME);
        try {
            Files.deleteIfExists(lockFile);
        } finally {
            TemporaryFiles.done(lockFile);
            lock.release();
            lockChannel.close();
            lock = null;
            lockChannel = null;
            HELD.remove(directory.resolve(LOCK_NAME));
        }
    }

    /** Whether another run holds the directory's lock now. */
    private static boolean isHeld(Path directory) {
        Path lockFile = directory.resolve(LOCK_NAME);
        if (HELD.contains(lockFile)) {
            // Held in this JVM: probing would open and close the file, which releases the lock.
            return true;
        }
        if (!Files.isRegularFile(lockFile)) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
            FileLock probe = channel.tryLock();
            if (probe == null) {
                return true;
            }
            probe.release();
            return false;
        } catch (OverlappingFileLockException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Empty but for sgd-lab's own lock and temporary files. */
    private static boolean isEmpty(Path directory, Path asGiven) {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.equals(LOCK_NAME) && !TemporaryFiles.isTemporaryName(name)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            throw new UnusableDirectoryException(Reason.CANNOT_READ, asGiven, String.valueOf(e.getMessage()), e);
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
            throw new UnusableDirectoryException(Reason.NOT_WRITABLE, asGiven, Texts.echo(existing.toString()), null);
        }
    }
}
