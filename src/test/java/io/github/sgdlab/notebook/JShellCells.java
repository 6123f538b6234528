package io.github.sgdlab.notebook;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jdk.jshell.DeclarationSnippet;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Runs notebook cells the way the IJava kernel does: each cell's source through JShell, snippet
 * by snippet, in one shared session, capturing what the cell prints.
 *
 * <p>The session executes in this JVM ("local" engine) with the test class path, so the cells
 * use the same DJL classes and the same loaded native library as the tests. IJava's
 * {@code %maven} magic is handled here: it may only name this project or one of its declared
 * dependencies, which are already on the class path, and is then skipped. Any other magic fails.
 */
final class JShellCells implements AutoCloseable {

    private static final Pattern MAVEN = Pattern.compile("%maven\\s+(.+)");

    /** A cell that did not compile or threw. */
    static final class CellFailure extends Exception {
        private static final long serialVersionUID = 1L;

        CellFailure(String message) {
            super(message);
        }
    }

    private final JShell shell;
    private final Set<String> allowedArtifacts;

    /**
     * Opens a session on the test class path.
     *
     * @param allowedArtifacts "groupId:artifactId:version" strings a {@code %maven} line may name
     */
    JShellCells(Set<String> allowedArtifacts) {
        this.allowedArtifacts = allowedArtifacts;
        this.shell = JShell.builder().executionEngine("local").build();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            shell.addToClasspath(entry);
        }
    }

    /**
     * Runs one cell.
     *
     * @param source the cell's source
     * @return the lines it printed to stdout
     * @throws CellFailure on a compile error, an exception, or an unsupported magic
     */
    List<String> run(String source) throws CellFailure {
        String code = stripMagics(source);
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream stdout = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            SourceCodeAnalysis analysis = shell.sourceCodeAnalysis();
            String remaining = code;
            while (!remaining.isBlank()) {
                SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(remaining);
                if (!info.completeness().isComplete()) {
                    throw new CellFailure("incomplete source: " + firstLine(remaining));
                }
                evaluate(info.source());
                remaining = info.remaining();
            }
        } finally {
            System.out.flush();
            System.setOut(stdout);
        }
        return Ipynb.lines(captured.toString(StandardCharsets.UTF_8));
    }

    private void evaluate(String snippet) throws CellFailure {
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.causeSnippet() != null) {
                continue; // a consequence of an earlier snippet being replaced
            }
            Snippet.Status status = event.status();
            if (status == Snippet.Status.REJECTED || status == Snippet.Status.RECOVERABLE_DEFINED
                    || status == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String diagnostics = shell.diagnostics(event.snippet())
                        .map(d -> d.getMessage(Locale.ROOT).replace('\n', ' '))
                        .collect(Collectors.joining("; "));
                if (diagnostics.isEmpty() && status != Snippet.Status.REJECTED) {
                    diagnostics = "unresolved references: "
                            + shell.unresolvedDependencies((DeclarationSnippet) event.snippet())
                                    .collect(Collectors.joining(", "));
                }
                throw new CellFailure("does not compile: " + diagnostics + " in: "
                        + firstLine(snippet));
            }
            if (event.exception() != null) {
                Exception e = event.exception();
                String name = e instanceof EvalException
                        ? ((EvalException) e).getExceptionClassName() : e.getClass().getName();
                throw new CellFailure("threw " + name + ": " + e.getMessage() + " in: "
                        + firstLine(snippet));
            }
        }
    }

    private String stripMagics(String source) throws CellFailure {
        List<String> kept = new ArrayList<>();
        for (String line : source.split("\n", -1)) {
            String trimmed = line.trim();
            if (!trimmed.startsWith("%")) {
                kept.add(line);
                continue;
            }
            Matcher maven = MAVEN.matcher(trimmed);
            if (!maven.matches()) {
                throw new CellFailure("unsupported IJava magic: " + trimmed);
            }
            for (String coordinates : maven.group(1).trim().split("\\s+")) {
                if (!allowedArtifacts.contains(coordinates)) {
                    throw new CellFailure("%maven names " + coordinates
                            + ", which is neither this project nor one of its dependencies "
                            + allowedArtifacts);
                }
            }
            kept.add(""); // keep line numbers of the rest unchanged
        }
        return String.join("\n", kept);
    }

    private static String firstLine(String code) {
        String trimmed = code.strip();
        int newline = trimmed.indexOf('\n');
        return newline < 0 ? trimmed : trimmed.substring(0, newline) + " ...";
    }

    @Override
    public void close() {
        shell.close();
    }
}
