package io.github.sgdlab.notebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sgdlab.chart.DescentLabFigures;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Executes every notebook in notebooks-ported/ cell by cell through JShell and compares what each
 * cell prints with the output stored in the notebook.
 *
 * <p>Stored outputs are never typed by hand: run
 * {@code mvn test -Dtest=NotebookExecutionTest -Dnotebooks.rewrite=true} to write them from an
 * actual run (only when every cell ran cleanly).
 */
class NotebookExecutionTest {

    /** The folder of ported notebooks, relative to the project root (Maven's working directory). */
    static final Path FOLDER = Path.of("notebooks-ported");

    /** The port of the seed notebook, whose stored outputs must also be the seed's own lines. */
    static final Path SEED_PORT = FOLDER.resolve("sgd-vs-batch-gradient.ipynb");

    /** Set to true to rewrite the stored outputs from this run instead of comparing. */
    static final String REWRITE = "notebooks.rewrite";

    /** The port of tasks 1.3-1.4, whose figures are also decoded and checked. */
    static final Path DESCENT_LAB = FOLDER.resolve("descent-lab.ipynb");

    /** Where the notebooks write their figures; pointed at a temporary folder here. */
    static final String FIGURES = "sgdlab.figures";

    @TempDir
    Path figures;

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(FOLDER)) {
            List<Path> notebooks = files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList();
            assertFalse(notebooks.isEmpty(), "no .ipynb in " + FOLDER.toAbsolutePath());
            return notebooks.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    @DisplayName("every code cell runs cleanly and prints exactly its stored output")
    void cellsPrintTheirStoredOutput(Path path) throws Exception {
        Ipynb notebook = Ipynb.read(path);
        assertEquals("java", notebook.kernelspec().get("name").getAsString(), path + ": kernelspec");
        assertEquals("java", notebook.kernelspec().get("language").getAsString(), path + ": language");
        List<List<String>> actual = new ArrayList<>();
        System.setProperty(FIGURES, figures.toString());
        try (JShellCells shell = new JShellCells(projectArtifacts())) {
            for (Ipynb.CodeCell cell : notebook.codeCells()) {
                try {
                    actual.add(shell.run(cell.source()));
                } catch (JShellCells.CellFailure e) {
                    fail(path + ", cell " + cell.label() + ": " + e.getMessage());
                }
            }
        } finally {
            System.clearProperty(FIGURES);
        }
        if (path.equals(DESCENT_LAB)) {
            DescentLabFigures.check(figures);
        }
        if (Boolean.getBoolean(REWRITE)) {
            notebook.writeOutputs(actual);
            return;
        }
        List<Ipynb.CodeCell> cells = notebook.codeCells();
        for (int i = 0; i < cells.size(); i++) {
            assertSameLines(path + ", cell " + cells.get(i).label(), "stored",
                    cells.get(i).storedOutput(), "the run printed", actual.get(i));
        }
    }

    @Test
    @DisplayName("the port's stored outputs are the seed notebook's printed lines, cell for cell")
    void portStoresTheSeedsLines() throws IOException {
        Map<Integer, List<String>> seed = SeedNotebook.printedLines();
        List<Integer> counts = new ArrayList<>();
        for (Ipynb.CodeCell cell : Ipynb.read(SEED_PORT).codeCells()) {
            counts.add(cell.executionCount());
            assertSameLines(SEED_PORT + ", cell " + cell.label(), "the seed printed",
                    seed.getOrDefault(cell.executionCount(), List.of()), "the port stores",
                    cell.storedOutput());
        }
        assertEquals(List.of(1, 2, 10, 11, 12, 14), counts, "the seed's code cells, in order");
    }

    /** Fails with the notebook, the cell and the first line that differs. */
    private static void assertSameLines(String where, String expectedName, List<String> expected,
            String actualName, List<String> actual) {
        for (int line = 0; line < Math.max(expected.size(), actual.size()); line++) {
            String e = line < expected.size() ? expected.get(line) : null;
            String a = line < actual.size() ? actual.get(line) : null;
            if (e == null || !e.equals(a)) {
                fail(String.format("%s: first difference at output line %d: %s %s, %s %s",
                        where, line + 1, expectedName, quote(e), actualName, quote(a)));
            }
        }
    }

    private static String quote(String line) {
        return line == null ? "nothing" : "'" + line + "'";
    }

    /**
     * The coordinates a {@code %maven} line may name: this project and its declared dependencies,
     * read from pom.xml, with properties resolved.
     */
    static Set<String> projectArtifacts() throws IOException {
        String pom = Files.readString(Path.of("pom.xml"), StandardCharsets.UTF_8);
        Map<String, String> properties = new java.util.HashMap<>();
        Matcher property = Pattern.compile("<([\\w.-]+)>([^<$]*)</\\1>")
                .matcher(section(pom, "properties"));
        while (property.find()) {
            properties.put(property.group(1), property.group(2));
        }
        Set<String> artifacts = new LinkedHashSet<>();
        artifacts.add(coordinates(pom.substring(0, pom.indexOf("<properties>")), properties));
        Matcher dependency = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL)
                .matcher(pom);
        while (dependency.find()) {
            artifacts.add(coordinates(dependency.group(1), properties));
        }
        return artifacts;
    }

    private static String coordinates(String xml, Map<String, String> properties) {
        return value(xml, "groupId", properties) + ":" + value(xml, "artifactId", properties) + ":"
                + value(xml, "version", properties);
    }

    private static String value(String xml, String tag, Map<String, String> properties) {
        Matcher m = Pattern.compile("<" + tag + ">([^<]*)</" + tag + ">").matcher(xml);
        if (!m.find()) {
            return "";
        }
        String value = m.group(1);
        Matcher reference = Pattern.compile("\\$\\{([\\w.-]+)}").matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (reference.find()) {
            reference.appendReplacement(resolved,
                    Matcher.quoteReplacement(properties.getOrDefault(reference.group(1), "")));
        }
        return reference.appendTail(resolved).toString();
    }

    private static String section(String xml, String tag) {
        int start = xml.indexOf("<" + tag + ">");
        int end = xml.indexOf("</" + tag + ">");
        return start < 0 || end < 0 ? "" : xml.substring(start, end);
    }
}
