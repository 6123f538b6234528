package io.github.sgdlab.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.github.sgdlab.docs.DocumentedCode.Block;
import io.github.sgdlab.docs.DocumentedCode.Kind;
import io.github.sgdlab.docs.DocumentedCode.Source;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every Java block shown in the project's documents compiles, and the runnable ones run and print
 * what the document shows — read from the documents themselves, so changing a document's code
 * changes what is tested.
 *
 * <p><b>Which documents.</b> Every {@code *.md} file under the project's root ({@code README.md},
 * {@code src/site/markdown/*.md}, {@code notebooks-ported/README.md}, {@code src/test/bench/README.md},
 * and any page added later), except under {@code target/} and hidden folders. In each, every
 * fenced block whose language is {@code java} is compiled against the test class path (the
 * project's classes, its dependencies, JUnit). Code that is not meant to compile is not fenced
 * as {@code java} (use {@code text}).
 *
 * <p><b>What a block is.</b>
 * <ul>
 *   <li>A block that declares a top-level type at the start of a line ({@code class}, {@code
 *       interface}, {@code record}, {@code enum}) is a whole compilation unit, compiled as it is.
 *   <li>Any other block is <i>statements</i>: its leading {@code import} lines (comments and blank
 *       lines may sit between them) become the imports, the rest the body of
 *       {@code public static void run() throws Exception} in a class {@code Snippet}.
 *   <li>A block with no {@code import} line is given on-demand imports of {@code java.util},
 *       {@code java.nio.file}, {@code ai.djl.ndarray}, {@code ai.djl.ndarray.types},
 *       {@code ai.djl.nn}, {@code ai.djl.nn.core}, {@code ai.djl.training} and every package of
 *       the project ({@code io.github.sgdlab.*}, found in the compiled classes). A block that
 *       shows imports gets exactly those: what a reader copies compiles as shown.
 * </ul>
 *
 * <p><b>Markers</b> are HTML comments, invisible on GitHub and in the site, on the last non-blank
 * line above the fence: {@code <!-- doc-test: OPTION[; OPTION] -->}. Options:
 * <ul>
 *   <li>{@code run}: run the block (statements, or a unit with {@code public static void
 *       main(String[])}) and fail on any exception;
 *   <li>{@code members}: the block is fields and methods, compiled as the body of class
 *       {@code Snippet};
 *   <li>{@code given TYPE NAME, TYPE NAME}: the statements use these variables without declaring
 *       them (a fragment of a larger program); they become {@code run}'s parameters, so the block
 *       is compiled, not run;
 *   <li>{@code output}, on the fenced block (of any language but Java) right after a {@code run}
 *       block: what the run must print on {@code System.out}, compared line by line with trailing
 *       blanks and blank end lines ignored.
 * </ul>
 * An unknown option, or a marker that stands above no fence, fails the test: a typo cannot turn a
 * check off.
 *
 * <p>A compiler error is reported at the document's own line ({@code README.md:123: cannot find
 * symbol …}). Each block compiles into a folder and runs in a class loader of its own.
 */
class DocumentCodeTest {

    @TempDir
    static Path work;

    private static JavaCompiler compiler;
    private static StandardJavaFileManager files;
    private static Path root;
    private static String classPath;
    private static Set<String> implicitPackages;
    private static int folders;

    @BeforeAll
    static void setUp() {
        compiler = DocumentedCode.compiler();
        files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8);
        root = Path.of("").toAbsolutePath();
        if (!Files.isRegularFile(root.resolve("pom.xml"))) {
            throw new IllegalStateException("the tests must run in the project's root, not " + root);
        }
        classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        Path mainClasses = Stream.of(classPath.split(File.pathSeparator))
                .map(Path::of)
                .filter(p -> Files.isDirectory(p.resolve("io/github/sgdlab"))
                        && !p.toString().contains("test-classes"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("no main classes on " + classPath));
        implicitPackages = new LinkedHashSet<>(DocumentedCode.IMPLICIT_PACKAGES);
        implicitPackages.addAll(DocumentedCode.projectPackages(mainClasses));
    }

    @AfterAll
    static void tearDown() throws IOException {
        files.close();
    }

    @TestFactory
    @DisplayName("every Java block of every document compiles, and the runnable ones print what the document shows")
    Stream<DynamicTest> documentedCode() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Path document : DocumentedCode.documents(root)) {
            Path name = root.relativize(document);
            List<Block> blocks = DocumentedCode.parse(name, read(document));
            for (Block block : blocks) {
                tests.add(DynamicTest.dynamicTest(block.toString(), () -> check(block)));
            }
        }
        return tests.stream();
    }

    @Test
    @DisplayName("the README's three library examples are found, run, and have their output checked")
    void readmeExamplesAreChecked() {
        List<Block> blocks = DocumentedCode.parse(Path.of("README.md"), read(root.resolve("README.md")));
        assertEquals(3, blocks.size(), "Java blocks in README.md: " + blocks);
        for (Block b : blocks) {
            assertTrue(b.run() && b.expectedOutput() != null, b + " should be run with its output checked");
        }
    }

    @Test
    @DisplayName("a block that no longer compiles fails, at the document's line")
    void brokenCodeFails() throws Exception {
        String doc = "# Page\n\ntext\n\n```java\nint x = 1;\nString s = x;\n```\n";
        Block block = DocumentedCode.parse(Path.of("page.md"), doc).get(0);
        Source source = DocumentedCode.wrap(block, implicitPackages);
        List<String> errors = DocumentedCode.compile(compiler, files, block, source, classPath, folder());
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("page.md:7: "), errors.get(0));
    }

    @Test
    @DisplayName("a run whose output differs from the document's output block fails")
    void wrongOutputFails() throws Exception {
        String doc = "<!-- doc-test: run -->\n```java\nSystem.out.println(List.of(1, 2));\n```\n\n"
                + "<!-- doc-test: output -->\n```\n[1, 3]\n```\n";
        Block block = DocumentedCode.parse(Path.of("page.md"), doc).get(0);
        assertEquals("[1, 3]\n", block.expectedOutput());
        AssertionError e = assertThrows(AssertionError.class, () -> check(block));
        assertTrue(e.getMessage().contains("[1, 2]"), e.getMessage());
    }

    @Test
    @DisplayName("the conventions: units, members, given variables, imports shown or implicit")
    void conventions() throws Throwable {
        String doc = "```java\nimport java.util.List;\n\nList<String> a = List.of();\n```\n"
                + "```java\nclass Mine {\n    public static void main(String[] args) {}\n}\n```\n"
                + "<!-- doc-test: members -->\n```java\nstatic int twice(int x) { return 2 * x; }\n```\n"
                + "<!-- doc-test: given NDManager manager -->\n```java\nNDArray a = manager.zeros(new Shape(2));\n```\n";
        List<Block> blocks = DocumentedCode.parse(Path.of("page.md"), doc);
        assertEquals(List.of(Kind.STATEMENTS, Kind.UNIT, Kind.MEMBERS, Kind.STATEMENTS),
                blocks.stream().map(Block::kind).toList());
        for (Block b : blocks) {
            check(b);
        }
        // Imports shown are the only imports: Map is not imported here.
        Block shown = DocumentedCode.parse(Path.of("page.md"),
                "```java\nimport java.util.List;\nMap<String, String> m = Map.of();\n```\n").get(0);
        assertFalse(DocumentedCode.compile(compiler, files, shown, DocumentedCode.wrap(shown, implicitPackages),
                classPath, folder()).isEmpty());
    }

    @Test
    @DisplayName("markers with a typo, above no fence, or output without a run are refused")
    void badMarkersAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DocumentedCode.parse(Path.of("p.md"),
                "<!-- doc-test: rnu -->\n```java\nint x;\n```\n"));
        assertThrows(IllegalArgumentException.class, () -> DocumentedCode.parse(Path.of("p.md"),
                "<!-- doc-test: run -->\ntext\n```java\nint x;\n```\n"));
        assertThrows(IllegalArgumentException.class, () -> DocumentedCode.parse(Path.of("p.md"),
                "```java\nint x;\n```\n<!-- doc-test: output -->\n```\n1\n```\n"));
        assertThrows(IllegalArgumentException.class, () -> DocumentedCode.parse(Path.of("p.md"),
                "<!-- doc-test: run; given NDManager m -->\n```java\nint x;\n```\n"));
    }

    private static void check(Block block) throws Throwable {
        Source source = DocumentedCode.wrap(block, implicitPackages);
        Path folder = folder();
        List<String> errors = DocumentedCode.compile(compiler, files, block, source, classPath, folder);
        if (!errors.isEmpty()) {
            fail("the code at " + block.where() + " does not compile:\n" + String.join("\n", errors));
        }
        if (!block.run()) {
            return;
        }
        String printed = DocumentedCode.run(block, source, folder);
        if (block.expectedOutput() != null) {
            assertEquals(normalise(block.expectedOutput()), normalise(printed),
                    "what the code at " + block.where() + " prints");
        }
    }

    private static String normalise(String text) {
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\r?\n", -1)) {
            out.append(line.stripTrailing()).append('\n');
        }
        return out.toString().strip();
    }

    private static synchronized Path folder() throws IOException {
        return Files.createDirectories(work.resolve("block" + folders++));
    }

    private static String read(Path document) {
        try {
            return Files.readString(document, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
