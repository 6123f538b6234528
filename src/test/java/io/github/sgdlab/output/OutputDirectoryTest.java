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
    @DisplayName("a writer that fails leaves neither the file nor a temporary file behind, and "
            + "an older file of that name untouched")
    void failedWriteLeavesNothing() throws IOException {
        OutputDirectory out = OutputDirectory.check(temp.resolve("out"), false);
        out.create();
        out.write("summary.json", stream -> stream.write("old".getBytes(StandardCharsets.UTF_8)));
        IOException failure = assertThrows(IOException.class, () -> out.write("summary.json",
                stream -> {
                    stream.write("half".getBytes(StandardCharsets.UTF_8));
                    throw new IOException("disk full");
                }));
        assertEquals("disk full", failure.getMessage());
        assertThrows(IOException.class, () -> out.write("new.json", stream -> {
            throw new IOException("crash");
        }));
        assertEquals(List.of("summary.json"), names(out.path()));
        assertEquals("old", Files.readString(out.path().resolve("summary.json")));
    }

    @Test
    @DisplayName("checking creates nothing; a non-empty directory needs force; a file is refused")
    void check() throws IOException {
        Path fresh = temp.resolve("x/y");
        OutputDirectory.check(fresh, false);
        assertTrue(Files.notExists(temp.resolve("x")));
        Path full = Files.createDirectory(temp.resolve("full"));
        Files.writeString(full.resolve("a"), "a");
        assertThrows(IllegalArgumentException.class, () -> OutputDirectory.check(full, false));
        OutputDirectory.check(full, true);
        Path file = Files.writeString(temp.resolve("file"), "f");
        assertThrows(IllegalArgumentException.class, () -> OutputDirectory.check(file, true));
        assertThrows(IllegalArgumentException.class,
                () -> OutputDirectory.check(file.resolve("below"), true));
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
