package io.github.sgdlab.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checking an output directory, and writing into it atomically. */
class OutputDirectoryTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("a run that fails before its commit leaves no directory it created, and an "
            + "existing one as it was")
    void failedRunLeavesNothing() throws IOException {
        Path dir = temp.resolve("out");
        try (OutputDirectory out = OutputDirectory.check(dir, false)) {
            out.open();
            out.write("summary.json", stream -> stream.write("{}".getBytes(StandardCharsets.UTF_8)));
            assertThrows(IOException.class, () -> out.write("trajectory.gif", stream -> {
                stream.write("GIF89a".getBytes(StandardCharsets.UTF_8));
                throw new IOException("No space left on device");
            }));
        }
        assertTrue(Files.notExists(dir));
        Path old = Files.createDirectory(temp.resolve("old"));
        Files.writeString(old.resolve("summary.json"), "old run");
        try (OutputDirectory out = OutputDirectory.check(old, true)) {
            out.open();
            out.write("summary.json", stream -> stream.write("new".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals(List.of("summary.json"), names(old));
        assertEquals("old run", Files.readString(old.resolve("summary.json")));
    }

    @Test
    @DisplayName("a committed run's files appear together; with force, an earlier run's files "
            + "this run did not write are removed, other files stay")
    void oneRunsFilesOnly() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("out"));
        Files.writeString(dir.resolve("momentum.png"), "earlier run");
        Files.writeString(dir.resolve("notes.txt"), "the user's");
        try (OutputDirectory out = OutputDirectory.check(dir, true)) {
            out.open();
            out.write("summary.json", stream -> stream.write("{}".getBytes(StandardCharsets.UTF_8)));
            assertEquals(List.of("momentum.png", "notes.txt"), visible(dir));
            out.commit();
        }
        assertEquals(List.of("notes.txt", "summary.json"), names(dir));
    }

    @Test
    @DisplayName("while one run holds a directory, another is refused, by check and by open")
    void heldByOneRun() throws IOException {
        Path dir = temp.resolve("out");
        OutputDirectory second = OutputDirectory.check(dir, true);
        try (OutputDirectory first = OutputDirectory.check(dir, false)) {
            first.open();
            UnusableDirectoryException checked = assertThrows(UnusableDirectoryException.class,
                    () -> OutputDirectory.check(dir, true));
            assertEquals(UnusableDirectoryException.Reason.IN_USE, checked.reason());
            assertEquals("output directory " + dir + " is in use by another sgd-lab run; wait"
                    + " for it to finish or choose another directory", checked.getMessage());
            assertEquals(UnusableDirectoryException.Reason.IN_USE,
                    assertThrows(UnusableDirectoryException.class, second::open).reason());
            second.close();
            first.write("summary.json", stream -> stream.write('1'));
            first.commit();
        }
        assertEquals(List.of("summary.json"), names(dir));
        try (OutputDirectory again = OutputDirectory.check(dir, true)) {
            again.open();
        }
        assertEquals(List.of("summary.json"), names(dir));
    }

    @Test
    @DisplayName("a directory holding only what an interrupted run left counts as empty, and the "
            + "next run removes it")
    void leftoversAreNotContent() throws IOException {
        Path dir = Files.createDirectory(temp.resolve("out"));
        Files.writeString(dir.resolve(OutputDirectory.LOCK_NAME), "");
        Path staging = Files.createDirectory(dir.resolve(".staging.999999999-x.tmp"));
        Files.writeString(staging.resolve("trajectory.csv"), "half");
        try (OutputDirectory out = OutputDirectory.check(dir, false)) {
            out.open();
            out.write("summary.json", stream -> stream.write('1'));
            out.commit();
        }
        assertEquals(List.of("summary.json"), names(dir));
    }

    private static List<String> visible(Path directory) throws IOException {
        return names(directory).stream().filter(name -> !name.startsWith(".")).toList();
    }

    @Test
    @DisplayName("checking creates nothing; a non-empty directory needs force; a file is refused, "
            + "each with its reason, in the library's words")
    void check() throws IOException {
        Path fresh = temp.resolve("x/y");
        OutputDirectory.check(fresh, false);
        assertTrue(Files.notExists(temp.resolve("x")));
        Path full = Files.createDirectory(temp.resolve("full"));
        Files.writeString(full.resolve("a"), "a");
        UnusableDirectoryException notEmpty = assertThrows(UnusableDirectoryException.class,
                () -> OutputDirectory.check(full, false));
        assertEquals(UnusableDirectoryException.Reason.NOT_EMPTY, notEmpty.reason());
        assertEquals(full, notEmpty.directory());
        assertEquals("output directory " + full + " exists and is not empty, and writing into a"
                + " non-empty directory was not allowed", notEmpty.getMessage());
        OutputDirectory.check(full, true);
        Path file = Files.writeString(temp.resolve("file"), "f");
        UnusableDirectoryException notDirectory = assertThrows(UnusableDirectoryException.class,
                () -> OutputDirectory.check(file, true));
        assertEquals(UnusableDirectoryException.Reason.NOT_A_DIRECTORY, notDirectory.reason());
        assertEquals("output directory " + file + " exists and is not a directory",
                notDirectory.getMessage());
        UnusableDirectoryException below = assertThrows(UnusableDirectoryException.class,
                () -> OutputDirectory.check(file.resolve("below"), true));
        assertEquals(UnusableDirectoryException.Reason.CANNOT_CREATE, below.reason());
        assertEquals(file + " is not a directory", below.detail());
        assertEquals("output directory " + file.resolve("below") + " cannot be created: " + file
                + " is not a directory", below.getMessage());
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
