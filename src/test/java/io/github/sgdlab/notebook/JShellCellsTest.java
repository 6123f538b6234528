package io.github.sgdlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The notebook harness itself: magics, state across cells, and the failures it must report. */
class JShellCellsTest {

    private static final Set<String> ALLOWED = Set.of("io.github.sgdlab:sgd-lab:0.1.0-SNAPSHOT");

    @Test
    @DisplayName("cells share state, several snippets per cell, and print what they print")
    void runsCellsInOneSession() throws Exception {
        try (JShellCells shell = new JShellCells(ALLOWED)) {
            assertEquals(List.of(), shell.run("int a = 2; int b = 3;\nint twice(int x) { return 2 * x; }"));
            assertEquals(List.of("10", "done"),
                    shell.run("System.out.println(twice(a + b));\nSystem.out.println(\"done\");"));
        }
    }

    @Test
    @DisplayName("%maven naming the project is skipped; any other artifact or magic fails")
    void magics() throws Exception {
        try (JShellCells shell = new JShellCells(ALLOWED)) {
            assertEquals(List.of("ok"), shell.run(
                    "%maven io.github.sgdlab:sgd-lab:0.1.0-SNAPSHOT\nSystem.out.println(\"ok\");"));
            JShellCells.CellFailure other = assertThrows(JShellCells.CellFailure.class,
                    () -> shell.run("%maven org.example:other:1.0"));
            assertTrue(other.getMessage().contains("org.example:other:1.0"), other.getMessage());
            JShellCells.CellFailure jars = assertThrows(JShellCells.CellFailure.class,
                    () -> shell.run("%jars lib/*.jar"));
            assertTrue(jars.getMessage().startsWith("unsupported IJava magic"), jars.getMessage());
        }
    }

    @Test
    @DisplayName("a compile error and an exception in a later snippet of a cell both fail")
    void failures() throws Exception {
        try (JShellCells shell = new JShellCells(ALLOWED)) {
            JShellCells.CellFailure compile = assertThrows(JShellCells.CellFailure.class,
                    () -> shell.run("int ok = 1;\nnoSuchMethod();"));
            assertTrue(compile.getMessage().startsWith("does not compile"), compile.getMessage());
            JShellCells.CellFailure thrown = assertThrows(JShellCells.CellFailure.class,
                    () -> shell.run("int[] a = new int[1];\na[3] = 1;"));
            assertTrue(thrown.getMessage().contains("ArrayIndexOutOfBoundsException"),
                    thrown.getMessage());
        }
    }

    @Test
    @DisplayName("the project's dependencies from pom.xml may be named by %maven")
    void projectArtifactsComeFromThePom() throws Exception {
        Set<String> artifacts = NotebookExecutionTest.projectArtifacts();
        assertTrue(artifacts.contains("io.github.sgdlab:sgd-lab:0.1.0-SNAPSHOT"), artifacts.toString());
        assertTrue(artifacts.contains("ai.djl:api:0.36.0"), artifacts.toString());
        assertTrue(artifacts.contains("ai.djl.pytorch:pytorch-engine:0.36.0"), artifacts.toString());
    }
}
