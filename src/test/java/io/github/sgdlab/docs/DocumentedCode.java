package io.github.sgdlab.docs;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The Java code blocks of a Markdown document, and how each is compiled and run; the rules are
 * those of {@link DocumentCodeTest}, which documents them for authors.
 *
 * <p>A block is read from the document itself at test time, so the test compiles what a reader
 * sees, not a copy of it.
 */
final class DocumentedCode {

    /** Packages every block without {@code import} lines may use without importing them. */
    static final List<String> IMPLICIT_PACKAGES = List.of(
            "java.util", "java.nio.file",
            "ai.djl.ndarray", "ai.djl.ndarray.types", "ai.djl.nn", "ai.djl.nn.core",
            "ai.djl", "ai.djl.training");

    private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*([A-Za-z0-9_+-]*).*$");
    private static final Pattern MARKER = Pattern.compile("^\\s*<!--\\s*doc-test:(.*?)-->\\s*$");
    private static final Pattern TYPE_DECLARATION = Pattern.compile(
            "(?m)^(?:(?:public|abstract|final|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^(?:(?:abstract|final|sealed|non-sealed|strictfp)\\s+)*public\\s+"
                    + "(?:(?:abstract|final|sealed|non-sealed|strictfp)\\s+)*"
                    + "(?:class|interface|record|enum|@interface)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?[\\w.]+(\\.\\*)?\\s*;\\s*$");

    /** What a block is, by its marker and its text. */
    enum Kind {
        /** Statements: the body of a method. The default. */
        STATEMENTS,
        /** Fields, methods and nested types: the body of a class ({@code members}). */
        MEMBERS,
        /** A whole compilation unit: it declares a top-level type. */
        UNIT
    }

    /**
     * One fenced Java block.
     *
     * @param document the document, relative to the project's root
     * @param line the line of the opening fence, from 1
     * @param code the block's text, the fence's indentation removed
     * @param kind statements, members or a unit
     * @param run whether the test runs it
     * @param given the parameters a statements block is given ({@code given …}), or empty
     * @param expectedOutput the output shown under it (an {@code output} block), or null
     */
    record Block(Path document, int line, String code, Kind kind, boolean run, String given,
            String expectedOutput) {

        /** Where the block is, as {@code README.md:123}. */
        String where() {
            return document.toString().replace('\\', '/') + ":" + line;
        }

        @Override
        public String toString() {
            return where() + " (" + kind.name().toLowerCase(Locale.ROOT) + (run ? ", run" : "")
                    + (expectedOutput != null ? ", output checked" : "") + ")";
        }
    }

    private DocumentedCode() {}

    /**
     * Every Markdown document under the project's root, build output and hidden folders left out.
     *
     * @param root the project's root
     * @return the documents, sorted
     */
    static List<Path> documents(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files
                    .filter(p -> p.getFileName().toString().endsWith(".md"))
                    .filter(p -> {
                        for (Path part : root.relativize(p)) {
                            String name = part.toString();
                            if (name.startsWith(".") || name.equals("target")
                                    || name.equals("node_modules")) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Java blocks of one document, with their markers.
     *
     * @param document the document's name, for messages
     * @param text the document's text
     * @return its blocks, in order
     * @throws IllegalArgumentException if a marker is malformed, misplaced or contradicts itself
     */
    static List<Block> parse(Path document, String text) {
        String[] lines = text.split("\r?\n", -1);
        List<Block> blocks = new ArrayList<>();
        String pendingMarker = null;
        int pendingMarkerLine = 0;
        Block lastJava = null;
        boolean lastJavaHasOutput = false;
        for (int i = 0; i < lines.length; i++) {
            Matcher marker = MARKER.matcher(lines[i]);
            if (marker.matches()) {
                pendingMarker = marker.group(1).trim();
                pendingMarkerLine = i + 1;
                continue;
            }
            Matcher fence = FENCE.matcher(lines[i]);
            if (!fence.matches()) {
                if (!lines[i].isBlank() && pendingMarker != null) {
                    throw new IllegalArgumentException(document + ":" + pendingMarkerLine
                            + ": a doc-test marker must stand right above a code fence");
                }
                continue;
            }
            String indent = fence.group(1);
            String language = fence.group(2).toLowerCase(Locale.ROOT);
            int open = i;
            StringBuilder body = new StringBuilder();
            for (i++; i < lines.length && !lines[i].trim().equals("```"); i++) {
                String l = lines[i];
                body.append(l.startsWith(indent) ? l.substring(indent.length()) : l.stripLeading())
                        .append('\n');
            }
            if (i >= lines.length) {
                throw new IllegalArgumentException(document + ":" + (open + 1) + ": code fence never closed");
            }
            String marked = pendingMarker;
            pendingMarker = null;
            if (language.equals("java")) {
                lastJava = javaBlock(document, open + 1, body.toString(), marked);
                lastJavaHasOutput = false;
                blocks.add(lastJava);
            } else if (marked != null) {
                if (!marked.equals("output")) {
                    throw new IllegalArgumentException(document + ":" + (open + 1)
                            + ": only 'output' may mark a block that is not Java, found '" + marked + "'");
                }
                if (lastJava == null || !lastJava.run() || lastJavaHasOutput) {
                    throw new IllegalArgumentException(document + ":" + (open + 1)
                            + ": an 'output' block must follow a Java block marked 'run', once");
                }
                blocks.set(blocks.size() - 1, new Block(lastJava.document(), lastJava.line(),
                        lastJava.code(), lastJava.kind(), true, lastJava.given(), body.toString()));
                lastJavaHasOutput = true;
            }
        }
        return blocks;
    }

    private static Block javaBlock(Path document, int line, String code, String marker) {
        boolean run = false;
        boolean members = false;
        String given = "";
        if (marker != null) {
            for (String option : marker.split(";")) {
                String o = option.trim();
                if (o.equals("run")) {
                    run = true;
                } else if (o.equals("members")) {
                    members = true;
                } else if (o.startsWith("given ")) {
                    given = o.substring("given ".length()).trim();
                } else {
                    throw new IllegalArgumentException(document + ":" + line
                            + ": unknown doc-test option '" + o + "' (run, members, given …)");
                }
            }
        }
        Kind kind = TYPE_DECLARATION.matcher(code).find() ? Kind.UNIT
                : members ? Kind.MEMBERS : Kind.STATEMENTS;
        String where = document + ":" + line;
        if (kind == Kind.UNIT && (members || !given.isEmpty())) {
            throw new IllegalArgumentException(where + ": a block declaring a top-level type takes no 'members' or 'given'");
        }
        if (run && (kind == Kind.MEMBERS || !given.isEmpty())) {
            throw new IllegalArgumentException(where + ": only statements without 'given', or a unit with main, can run");
        }
        return new Block(document, line, code, kind, run, given, null);
    }

    /** The project's own packages, found in its compiled main classes. */
    static Set<String> projectPackages(Path mainClasses) {
        try (Stream<Path> files = Files.walk(mainClasses)) {
            return files.filter(p -> p.toString().endsWith(".class"))
                    .map(p -> mainClasses.relativize(p.getParent()).toString().replace(java.io.File.separatorChar, '.'))
                    .filter(p -> !p.isEmpty())
                    .collect(Collectors.toCollection(TreeSet::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The source a block compiles as, with a map from its lines back to the document's.
     *
     * @param lines the source's lines
     * @param documentLines for each source line, the document's line, or 0 for a wrapper line
     * @param className the top-level class to compile and run
     */
    record Source(List<String> lines, List<Integer> documentLines, String className) {
        String text() {
            return String.join("\n", lines) + "\n";
        }
    }

    /**
     * Wraps a block into a compilation unit: statements into {@code run(given…)} of class
     * {@code Snippet}, members into the body of {@code Snippet}, a unit as it is.
     *
     * @param block the block
     * @param implicitPackages packages imported on demand when the block has no import line
     * @return the source
     */
    static Source wrap(Block block, Set<String> implicitPackages) {
        List<String> out = new ArrayList<>();
        List<Integer> map = new ArrayList<>();
        String[] lines = block.code().split("\n", -1);
        int first = block.line() + 1; // the document line of the block's first code line
        if (block.kind() == Kind.UNIT) {
            for (int i = 0; i < lines.length; i++) {
                out.add(lines[i]);
                map.add(first + i);
            }
            Matcher pub = PUBLIC_TYPE.matcher(block.code());
            Matcher any = TYPE_DECLARATION.matcher(block.code());
            String name = pub.find() ? pub.group(1) : any.find() ? any.group(1) : "Snippet";
            return new Source(out, map, name);
        }
        int body = 0;
        boolean hasImports = false;
        for (; body < lines.length; body++) {
            String l = lines[body].trim();
            if (IMPORT.matcher(lines[body]).matches()) {
                hasImports = true;
            } else if (!(l.isEmpty() || l.startsWith("//"))) {
                break;
            }
        }
        for (int i = 0; i < body; i++) {
            out.add(lines[i]);
            map.add(first + i);
        }
        if (!hasImports) {
            for (String p : implicitPackages) {
                out.add("import " + p + ".*;");
                map.add(0);
            }
        }
        out.add("public class Snippet {");
        map.add(0);
        if (block.kind() == Kind.STATEMENTS) {
            out.add("public static void run(" + block.given() + ") throws Exception {");
            map.add(0);
        }
        for (int i = body; i < lines.length; i++) {
            out.add(lines[i]);
            map.add(first + i);
        }
        if (block.kind() == Kind.STATEMENTS) {
            out.add("}");
            map.add(0);
        }
        out.add("}");
        map.add(0);
        return new Source(out, map, "Snippet");
    }

    /**
     * Compiles a block's source into its own folder.
     *
     * @param compiler the system compiler
     * @param files the compiler's file manager, shared between blocks (it caches the class path)
     * @param block the block, for messages
     * @param source its source
     * @param classPath the class path to compile against
     * @param folder an empty folder for the source and the classes
     * @return the compiler's errors, one line each as {@code README.md:123: message}; empty when it compiled
     */
    static List<String> compile(JavaCompiler compiler, StandardJavaFileManager files, Block block,
            Source source, String classPath, Path folder) throws IOException {
        Path file = folder.resolve(source.className() + ".java");
        Files.writeString(file, source.text(), StandardCharsets.UTF_8);
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-encoding", "UTF-8", "-classpath", classPath,
                "-d", folder.toString());
        boolean ok = compiler.getTask(null, files, diagnostics, options, null,
                files.getJavaFileObjects(file.toFile())).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() != Diagnostic.Kind.ERROR) {
                continue;
            }
            long n = d.getLineNumber();
            int documentLine = n >= 1 && n <= source.documentLines().size()
                    ? source.documentLines().get((int) n - 1) : 0;
            String at = documentLine > 0
                    ? block.document().toString().replace('\\', '/') + ":" + documentLine
                    : block.where() + " (wrapper line " + n + ")";
            errors.add(at + ": " + d.getMessage(Locale.ROOT));
        }
        if (!ok && errors.isEmpty()) {
            errors.add(block.where() + ": the compiler failed without an error message");
        }
        return errors;
    }

    /**
     * Runs a compiled block in a class loader of its own and returns what it printed on
     * {@code System.out}.
     *
     * @param block the block
     * @param source its source
     * @param folder the folder it was compiled into
     * @return its standard output
     * @throws Throwable what the block threw
     */
    static String run(Block block, Source source, Path folder) throws Throwable {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream original = System.out;
        ClassLoader parent = Thread.currentThread().getContextClassLoader();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {folder.toUri().toURL()}, parent);
                PrintStream capture = new PrintStream(printed, true, StandardCharsets.UTF_8)) {
            Class<?> type = Class.forName(source.className(), true, loader);
            Method entry = block.kind() == Kind.UNIT
                    ? type.getMethod("main", String[].class)
                    : type.getMethod("run");
            System.setOut(capture);
            try {
                if (block.kind() == Kind.UNIT) {
                    entry.invoke(null, (Object) new String[0]);
                } else {
                    entry.invoke(null);
                }
            } catch (InvocationTargetException e) {
                throw e.getCause();
            } finally {
                System.setOut(original);
            }
        }
        return printed.toString(StandardCharsets.UTF_8);
    }

    /** The system Java compiler, or an error saying that tests need a JDK. */
    static JavaCompiler compiler() {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: run the tests on a JDK, not a JRE");
        }
        return compiler;
    }
}
