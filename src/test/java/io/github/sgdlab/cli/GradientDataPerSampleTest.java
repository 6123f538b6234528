package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.cli.SgdLabTest.Run;
import io.github.sgdlab.data.Columns;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gradient --data} with {@code --per-sample loop|vectorized} and {@code --per-sample-csv}. */
class GradientDataPerSampleTest extends EngineTest {

    @TempDir
    Path dir;

    private static void ok(Run run) {
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
    }

    /** The generated data as {@code data} prints them, saved to a file. */
    private Path generated(String... args) throws IOException {
        Run data = SgdLabTest.run(args);
        assertEquals(0, data.exitCode(), data.err());
        return Files.writeString(dir.resolve("d.csv"), data.out());
    }

    /**
     * A three-feature file, the values in shortest round-trip form, with an unused column. More
     * rows than one chunk of 65 536, so the CSV is written from more than one chunk.
     */
    private Path threeFeatures(int n) throws IOException {
        Random random = new Random(42);
        StringBuilder text = new StringBuilder("when,a,b,c,y\n");
        for (int i = 0; i < n; i++) {
            double a = random.nextDouble() * 2 - 1;
            double b = random.nextGaussian();
            double c = random.nextDouble() * 10;
            double y = 0.5 + 2 * a - b + 0.25 * c + random.nextGaussian();
            text.append("day ").append(i).append(',').append(DoubleText.of(a)).append(',')
                    .append(DoubleText.of(b)).append(',').append(DoubleText.of(c)).append(',')
                    .append(DoubleText.of(y)).append('\n');
        }
        return Files.writeString(dir.resolve("three.csv"), text);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
        }
    }

    @ParameterizedTest(name = "seed {0}, {1} samples, theta ({2}, {3}), {4}, {5}")
    @CsvSource({"45, 40, 0, 0, float32, vectorized", "45, 40, 0, 0, float32, loop",
        "2024, 999, 1.5, -2, float64, loop", "2024, 999, 1.5, -2, float64, vectorized",
        "7, 300, -3.25, 0.5, float32, loop"})
    @DisplayName("d = 1: the CSV equals generated data's byte for byte, and so does the output"
            + " but for its first line, whichever strategy")
    void oneFeatureIsTheGeneratedData(long seed, int samples, String theta0, String theta1,
            String dtype, String strategy) throws IOException {
        Path file = generated("data", "--seed", "" + seed, "--samples", "" + samples);
        Path fromFileCsv = dir.resolve("from-file.csv");
        Path drawnCsv = dir.resolve("drawn.csv");
        Run fromFile = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "x1",
                "--theta", theta0 + "," + theta1, "--dtype", dtype, "--per-sample", strategy,
                "--per-sample-csv", fromFileCsv.toString());
        // The generated data's default strategy, so both engines' paths are compared.
        Run drawn = SgdLabTest.run("gradient", "--seed", "" + seed, "--samples", "" + samples,
                "--theta0", theta0, "--theta1", theta1, "--dtype", dtype,
                "--per-sample-csv", drawnCsv.toString());
        ok(fromFile);
        ok(drawn);
        assertEquals(Files.readString(drawnCsv), Files.readString(fromFileCsv));
        assertEquals("grad_theta0,grad_theta1", Files.readAllLines(fromFileCsv).get(0));
        assertEquals(samples + 1, Files.readAllLines(fromFileCsv).size());
        List<String> a = List.of(fromFile.out().split("\n", -1));
        List<String> b = List.of(drawn.out().split("\n", -1));
        assertEquals(b.subList(1, b.size()), a.subList(1, a.size()));
        assertEquals(List.of(), leftovers());
    }

    @Test
    @DisplayName("d = 3: loop and vectorized print the same and write the same CSV, n rows of"
            + " grad_theta0..3, each the library's per-sample gradient to the last bit")
    void threeFeatures() throws IOException {
        int n = 65_536 + 37;
        Path file = threeFeatures(n);
        String[] common = {"gradient", "--data", file.toString(), "--x", "a,b,c",
            "--theta", "0.1,-0.5,2,0.75", "--json"};
        Path loopCsv = dir.resolve("loop.csv");
        Path vectorizedCsv = dir.resolve("vectorized.csv");
        Run loop = SgdLabTest.run(Stream.concat(Stream.of(common), Stream.of("--per-sample",
                "loop", "--per-sample-csv", loopCsv.toString())).toArray(String[]::new));
        Run vectorized = SgdLabTest.run(Stream.concat(Stream.of(common), Stream.of(
                "--per-sample-csv", vectorizedCsv.toString())).toArray(String[]::new));
        ok(loop);
        ok(vectorized);
        assertEquals(vectorized.out(), loop.out());
        assertEquals(Files.readString(vectorizedCsv), Files.readString(loopCsv));

        List<String> lines = Files.readAllLines(vectorizedCsv);
        assertEquals(n + 1, lines.size());
        assertEquals("grad_theta0,grad_theta1,grad_theta2,grad_theta3", lines.get(0));
        PerSampleGradients expected;
        try (NDManager manager = newManager()) {
            expected = AutogradGradients.builder(manager).optDataType(DataType.FLOAT32).build()
                    .perSample(FeatureData.fromCsv(file, Columns.defaults()
                            .optFeatures(List.of("a", "b", "c"))),
                            Theta.of(0.1, -0.5, 2, 0.75));
        }
        for (int j = 0; j < 4; j++) {
            double[] column = new double[n];
            for (int i = 0; i < n; i++) {
                column[i] = Double.parseDouble(lines.get(i + 1).split(",")[j]);
            }
            assertArrayEquals(expected.gradient(j), column, "grad_theta" + j);
        }
        assertEquals(List.of(), leftovers());
    }

    @Test
    @DisplayName("a --per-sample-csv path that cannot be written: exit 2, one line, nothing"
            + " written, before any gradient is taken")
    void unwritableCsv() throws IOException {
        Path file = threeFeatures(50);
        Path blocked = Files.createDirectory(dir.resolve("a-directory.csv"));
        for (Path target : List.of(blocked, dir.resolve("no/such/dir.csv"))) {
            for (String strategy : List.of("loop", "vectorized")) {
                Run run = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "a,b,c",
                        "--per-sample",
                        strategy, "--per-sample-csv", target.toString());
                assertEquals(2, run.exitCode(), run.err());
                assertEquals("", run.out());
                assertEquals("sgd-lab: cannot write --per-sample-csv " + target + ": "
                        + (target == blocked ? "it is a directory"
                                : "its directory does not exist") + "\n", run.err());
            }
        }
        assertEquals(List.of(), leftovers());
        try (Stream<Path> files = Files.list(blocked)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    @DisplayName("bad input writes no CSV and leaves an old one as it was: a bad file, a wrong"
            + " --theta count, a theta that overflows")
    void badInputWritesNothing() throws IOException {
        Path csv = dir.resolve("out.csv");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "x1,y\n1,2\n3,oops\n");
        Path good = threeFeatures(50);
        List<Run> runs = List.of(
                SgdLabTest.run("gradient", "--data", bad.toString(), "--per-sample-csv",
                        csv.toString()),
                SgdLabTest.run("gradient", "--data", good.toString(), "--x", "a,b,c",
                        "--theta", "1,2",
                        "--per-sample", "loop", "--per-sample-csv", csv.toString()),
                SgdLabTest.run("gradient", "--data", good.toString(), "--x", "a,b,c",
                        "--theta", "0,1e30,1e30,1e30", "--per-sample-csv", csv.toString()),
                SgdLabTest.run("gradient", "--data", good.toString(), "--x", "a,b,c",
                        "--theta", "0,1e30,1e30,1e30", "--per-sample", "loop",
                        "--per-sample-csv", csv.toString()));
        for (Run run : runs) {
            assertEquals(2, run.exitCode(), run.err());
            assertEquals("", run.out());
            assertEquals(1, run.err().split("\n").length, run.err());
            assertFalse(Files.exists(csv), run.err());
        }
        assertTrue(runs.get(0).err().contains("bad.csv:3: column 'y'"), runs.get(0).err());
        assertTrue(runs.get(1).err().contains("--theta has 2 values"), runs.get(1).err());
        assertTrue(runs.get(2).err().contains("too far from the data"), runs.get(2).err());
        assertTrue(runs.get(3).err().contains("too far from the data"), runs.get(3).err());
        Files.writeString(csv, "old\n");
        Run overflow = SgdLabTest.run("gradient", "--data", good.toString(), "--x", "a,b,c",
                "--theta", "0,1e30,1e30,1e30", "--per-sample-csv", csv.toString());
        assertEquals(2, overflow.exitCode());
        assertEquals("old\n", Files.readString(csv));
        assertEquals(List.of(), leftovers());
    }

    @Test
    @DisplayName("the CSV gets a new file's ordinary permissions, not a temporary file's 0600")
    void ordinaryPermissions() throws IOException {
        Assumptions.assumeTrue(dir.getFileSystem().supportedFileAttributeViews().contains("posix"));
        Path file = threeFeatures(20);
        Path csv = dir.resolve("out.csv");
        ok(SgdLabTest.run("gradient", "--data", file.toString(), "--x", "a,b,c",
                "--per-sample-csv", csv.toString()));
        Path plain = Files.createFile(dir.resolve("plain"));
        assertEquals(Files.getPosixFilePermissions(plain), Files.getPosixFilePermissions(csv));
    }
}
