package io.github.sgdlab.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
