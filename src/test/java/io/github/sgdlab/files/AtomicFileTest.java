package io.github.sgdlab.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFileTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("writes the content under the target's name and leaves nothing else")
    void writes() throws IOException {
        Path target = folder.resolve("summary.json");
        AtomicFile.writeString(target, "{\"ok\": true}\n");
        assertEquals("{\"ok\": true}\n", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    @DisplayName("a write that fails half-way leaves no target and no temporary file")
    void failureLeavesNothing() throws IOException {
        Path target = folder.resolve("trajectory.csv");
        IOException thrown = assertThrows(IOException.class, () -> AtomicFile.write(target, out -> {
            out.write("run,epoch\n0,1\n".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("disk full", thrown.getMessage());
        assertFalse(Files.exists(target));
        assertEquals(List.of(), list());
    }

    @Test
    @DisplayName("a failed rewrite keeps the old file whole; a good one replaces it")
    void replaceIsAllOrNothing() throws IOException {
        Path target = folder.resolve("loss.png");
        AtomicFile.writeString(target, "old");
        assertThrows(IllegalStateException.class, () -> AtomicFile.write(target, out -> {
            out.write('n');
            throw new IllegalStateException("crash while drawing");
        }));
        assertEquals("old", Files.readString(target));
        AtomicFile.writeString(target, "new");
        assertEquals("new", Files.readString(target));
        assertEquals(List.of(target), list());
    }

    @Test
    @DisplayName("a folder that does not exist is an IOException, not a stray file")
    void missingFolder() {
        Path target = folder.resolve("no-such-folder").resolve("x.png");
        assertThrows(IOException.class, () -> AtomicFile.writeString(target, "x"));
        assertFalse(Files.exists(target.getParent()));
    }

    @Test
    @DisplayName("a symbolic link is followed: the file it names is replaced, the link stays a link")
    void followsLinks() throws IOException {
        Path real = folder.resolve("real.csv");
        Files.writeString(real, "old");
        Path link = Files.createSymbolicLink(folder.resolve("link.csv"), real.getFileName());
        AtomicFile.writeString(link, "new");
        assertTrue(Files.isSymbolicLink(link));
        assertEquals("new", Files.readString(real));
        assertEquals(List.of(link, real), list());
    }

    @Test
    @DisplayName("a character device is written through, never replaced by a regular file")
    void devicesWrittenThrough() throws IOException {
        Path devNull = Path.of("/dev/null");
        assumeTrue(Files.exists(devNull) && !Files.isRegularFile(devNull));
        AtomicFile.writeString(devNull, "discarded");
        assertFalse(Files.isRegularFile(devNull));
        assertTrue(AtomicFile.isSpecial(devNull));
        assertTrue(AtomicFile.isSpecial(Path.of("/dev/stdout")));
    }

    @Test
    @DisplayName("a FIFO is written through: its reader gets the content, it stays a FIFO")
    void fifoWrittenThrough() throws Exception {
        Path fifo = folder.resolve("rows.csv");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(mkfifo.waitFor() == 0, "mkfifo is not available");
        CompletableFuture<String> reader = CompletableFuture.supplyAsync(() -> {
            try {
                return Files.readString(fifo);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        AtomicFile.writeString(fifo, "a,b\n1,2\n");
        assertEquals("a,b\n1,2\n", reader.get(30, TimeUnit.SECONDS));
        assertFalse(Files.isRegularFile(fifo, LinkOption.NOFOLLOW_LINKS));
        assertEquals(List.of(fifo), list());
    }

    @Test
    @DisplayName("a new file gets the permissions any new file gets here (umask), not 0600; "
            + "a replaced file keeps its own")
    void permissions() throws IOException {
        Path plain = folder.resolve("plain");
        Files.newOutputStream(plain).close();
        Set<PosixFilePermission> usual = Files.getPosixFilePermissions(plain);
        Path target = folder.resolve("summary.json");
        AtomicFile.writeString(target, "{}");
        assertEquals(usual, Files.getPosixFilePermissions(target));
        assertTrue(usual.contains(PosixFilePermission.OTHERS_READ)
                || !usual.contains(PosixFilePermission.GROUP_READ), "umask 077 is not usual");
        Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-r-----"));
        AtomicFile.writeString(target, "{\"again\": 1}");
        assertEquals(PosixFilePermissions.fromString("rw-r-----"),
                Files.getPosixFilePermissions(target));
    }

    @Test
    @DisplayName("a directory is refused; earlier runs' leftovers of the same name are removed, "
            + "a live process's are not")
    void leftovers() throws IOException {
        assertEquals(AtomicFile.IS_A_DIRECTORY, assertThrows(FileSystemException.class,
                () -> AtomicFile.writeString(folder, "x")).getReason());
        Path target = folder.resolve("trajectory.csv");
        long dead = deadPid();
        Path leftover = Files.writeString(folder.resolve(".trajectory.csv." + dead + "-abc.tmp"),
                "293 MB of an interrupted run");
        Path live = Files.writeString(folder.resolve(".trajectory.csv."
                + ProcessHandle.current().parent().orElseThrow().pid() + "-abc.tmp"), "busy");
        Path other = Files.writeString(folder.resolve(".other.csv." + dead + "-abc.tmp"), "x");
        AtomicFile.writeString(target, "run\n");
        assertFalse(Files.exists(leftover));
        assertTrue(Files.exists(live));
        assertTrue(Files.exists(other));
        assertEquals(2, TemporaryFiles.removeLeftovers(folder, null) + 1);
        assertTrue(Files.exists(live));
    }

    @Test
    @DisplayName("the stream's own error wins over what the content makes of it (a full disk, "
            + "not 'encoder failed')")
    void firstStreamErrorWins() {
        Path full = Path.of("/dev/full");
        assumeTrue(Files.exists(full));
        IOException thrown = assertThrows(IOException.class, () -> AtomicFile.write(full, out -> {
            try {
                out.write(new byte[1 << 17]);
                out.flush();
            } catch (IOException e) {
                throw new IOException("GIF encoder failed at frame 187");
            }
        }));
        assertEquals("No space left on device", thrown.getMessage());
    }

    /** A pid no process has now. */
    private static long deadPid() {
        long pid = 999_999;
        while (ProcessHandle.of(pid).isPresent()) {
            pid--;
        }
        return pid;
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
