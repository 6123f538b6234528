package io.github.sgdlab.files;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The temporary files and folders sgd-lab writes before it renames them into place: how they are
 * named, removed when the process is interrupted, and removed on a later run when a crash left
 * them behind.
 *
 * <p>A temporary name is {@code .NAME.PID-RANDOM.tmp} beside its target {@code NAME}: hidden,
 * plainly not a result, and carrying the id of the process that writes it. On SIGINT or SIGTERM
 * the JVM runs its shutdown hooks, and one hook removes every temporary file still in flight. A
 * {@code kill -9} or a power cut cannot be caught; the next run that writes beside such a file
 * removes it, but only when the process its name names is gone, so two runs writing beside each
 * other never delete each other's work in progress.
 */
public final class TemporaryFiles {

    /** {@code .NAME.PID-RANDOM.tmp}: group 1 the target's name, group 2 the pid. */
    private static final Pattern OURS = Pattern.compile("\\.(.+)\\.(\\d+)-[0-9a-z]+\\.tmp");

    private static final SecureRandom RANDOM = new SecureRandom();

    private static final Set<Path> IN_FLIGHT = ConcurrentHashMap.newKeySet();

    private static final long PID = ProcessHandle.current().pid();

    static {
        Thread hook = new Thread(TemporaryFiles::removeInFlight, "sgd-lab temporary files");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IllegalStateException | SecurityException e) {
            // Already shutting down, or not allowed: a later run removes what is left.
        }
    }

    private TemporaryFiles() {}

    /**
     * A fresh temporary name beside {@code target}, registered for removal on interrupt.
     *
     * @param target the file (or folder) it will be renamed to
     * @return the temporary path, in the same folder
     */
    public static Path beside(Path target) {
        Path absolute = target.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "." + PID + "-"
                + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        IN_FLIGHT.add(temporary);
        return temporary;
    }

    /**
     * Registers a path of ours that is not a temporary name (a lock file) for removal on
     * interrupt, until {@link #done} forgets it.
     *
     * @param path the file
     */
    public static void removeOnInterrupt(Path path) {
        IN_FLIGHT.add(path.toAbsolutePath());
    }

    /**
     * Forgets a temporary path: it was renamed into place or removed.
     *
     * @param temporary what {@link #beside} returned
     */
    public static void done(Path temporary) {
        IN_FLIGHT.remove(temporary);
    }

    /**
     * Removes a temporary file or folder (with its content) and forgets it.
     *
     * @param temporary what {@link #beside} returned
     * @throws IOException if it cannot be removed
     */
    public static void remove(Path temporary) throws IOException {
        try {
            removeTree(temporary);
        } finally {
            IN_FLIGHT.remove(temporary);
        }
    }

    /**
     * Whether a name is one of sgd-lab's temporary names.
     *
     * @param name a file name
     * @return true for {@code .NAME.PID-RANDOM.tmp}
     */
    public static boolean isTemporaryName(String name) {
        return OURS.matcher(name).matches();
    }

    /**
     * Removes, from {@code folder}, what earlier runs left of their temporary files and folders:
     * those named by {@link #beside} whose process no longer runs. With {@code target} non-null,
     * only those for that target's name.
     *
     * @param folder the folder to clean
     * @param target only leftovers of this name, or null for all
     * @return how many were removed
     */
    public static int removeLeftovers(Path folder, String target) {
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder, ".*.tmp")) {
            for (Path entry : entries) {
                Matcher matcher = OURS.matcher(entry.getFileName().toString());
                if (!matcher.matches() || target != null && !matcher.group(1).equals(target)) {
                    continue;
                }
                long pid = Long.parseLong(matcher.group(2));
                if (pid != PID && ProcessHandle.of(pid).map(ProcessHandle::isAlive)
                        .orElse(false)) {
                    continue;
                }
                if (pid == PID && IN_FLIGHT.contains(entry)) {
                    continue;
                }
                try {
                    removeTree(entry);
                    removed++;
                } catch (IOException e) {
                    // Not ours to insist on: it stays, and the next run tries again.
                }
            }
        } catch (IOException | RuntimeException e) {
            // A folder we cannot list holds nothing we could remove.
        }
        return removed;
    }

    private static void removeInFlight() {
        for (Path path : IN_FLIGHT) {
            try {
                removeTree(path);
            } catch (IOException | RuntimeException e) {
                // Shutting down: nothing more to do.
            }
        }
    }

    /** Removes a file, or a folder and what it holds, without following links. */
    static void removeTree(Path path) throws IOException {
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(path);
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                        throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e)
                        throws IOException {
                    if (e != null) {
                        throw e;
                    }
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (NoSuchFileException e) {
            // Already gone.
        }
    }
}
