package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.github.sgdlab.JavaProcess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 at the process level: output files never replace what is not ours and never leave
 * debris; every bad input a one-line refusal.
 */
class FilesAndInputsTest {

    private static final String HOUSES = "area,rooms,price\n50,2,150\n80,3,220\n65,2,180\n"
            + "120,4,330\n95,3,260\n";

    @TempDir
    Path temp;

    private JavaProcess.Result run(ProcessBuilder builder) throws Exception {
        return JavaProcess.run(builder.directory(temp.toFile()));
    }

    private static ProcessBuilder sgdLab(String... args) {
        return new ProcessBuilder(JavaProcess.sgdLab(List.of(), args));
    }

    private static void assertOneLine(JavaProcess.Result result, int code, String contains) {
        assertEquals(code, result.exitCode(), result.err());
        assertEquals(1, result.err().lines().count(), result.err());
        assertTrue(result.err().contains(contains), result.err());
        assertFalse(result.err().contains("\tat "), result.err());
    }

    @Test
    @DisplayName("--help and --version into a full disk: one line, exit 3, no stack trace")
    void helpIntoFullDisk() throws Exception {
        assumeTrue(Files.exists(Path.of("/dev/full")));
        for (String option : new String[] {"--help", "--version"}) {
            JavaProcess.Result result = run(sgdLab(option)
                    .redirectOutput(ProcessBuilder.Redirect.to(Path.of("/dev/full").toFile())));
            assertOneLine(result, SgdLab.INTERNAL_ERROR,
                    "cannot write output: No space left on device");
        }
    }

    @Test
    @DisplayName("--per-sample-csv /dev/null is written through; - is standard output, the "
            + "report then on stderr")
    void perSampleCsvSpecialTargets() throws Exception {
        JavaProcess.Result devNull = run(sgdLab("gradient", "--samples", "5", "--per-sample-csv",
                "/dev/null"));
        assertEquals(0, devNull.exitCode(), devNull.err());
        assertTrue(Files.exists(Path.of("/dev/null")) && !Files.isRegularFile(Path.of("/dev/null")));
        JavaProcess.Result stdout = run(sgdLab("gradient", "--samples", "5", "--per-sample-csv",
                "-"));
        assertEquals(0, stdout.exitCode(), stdout.err());
        List<String> rows = stdout.out().lines().toList();
        assertEquals("grad_theta0,grad_theta1", rows.get(0));
        assertEquals(6, rows.size(), stdout.out());
        assertTrue(stdout.err().contains("per-sample avg"), stdout.err());
        assertFalse(Files.exists(temp.resolve("-")));
        assertOneLine(run(sgdLab("gradient", "--samples", "5", "--plot", "-")), 2,
                "--plot - is refused");
    }

    @Test
    @DisplayName("a symbolic link to the CSV: the file it names is replaced, the link stays")
    void linkFollowed() throws Exception {
        Path real = Files.writeString(temp.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(temp.resolve("link.csv"), real.getFileName());
        JavaProcess.Result result = run(sgdLab("gradient", "--samples", "5", "--per-sample-csv",
                "link.csv"));
        assertEquals(0, result.exitCode(), result.err());
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).startsWith("grad_theta0,grad_theta1\n"));
    }

    @Test
    @DisplayName("descend --out DIR with stdout closed early still writes DIR; --force leaves "
            + "one run's files only; no leftovers")
    void descendFiles() throws Exception {
        Path out = temp.resolve("runs");
        ProcessBuilder first = sgdLab("descend", "--lr", "0.1", "--momentum", "0.5", "--out",
                "runs", "--quiet");
        Process process = first.directory(temp.toFile()).start();
        process.getInputStream().close();
        process.getErrorStream().close();
        process.waitFor();
        assertTrue(Files.exists(out.resolve("summary.json")), "the files are the product");
        assertTrue(Files.exists(out.resolve("momentum.png")));
        JavaProcess.Result again = run(sgdLab("descend", "--lr", "0.1", "--out", "runs",
                "--force", "--quiet"));
        assertEquals(0, again.exitCode(), again.err());
        assertFalse(Files.exists(out.resolve("momentum.png")),
                "an earlier run's picture stays beside the new summary");
        try (Stream<Path> files = Files.list(out)) {
            assertTrue(files.noneMatch(path -> path.getFileName().toString().startsWith(".")));
        }
    }

    @Test
    @DisplayName("--trajectory-every K thins trajectory.csv to iterations 0, K, 2K, ... and the "
            + "last")
    void trajectoryEvery() throws Exception {
        JavaProcess.Result all = run(sgdLab("descend", "--lr", "0.1", "--out", "all",
                "--quiet"));
        assertEquals(0, all.exitCode(), all.err());
        JavaProcess.Result thin = run(sgdLab("descend", "--lr", "0.1", "--out", "thin",
                "--trajectory-every", "50", "--quiet"));
        assertEquals(0, thin.exitCode(), thin.err());
        List<String> every = Files.readAllLines(temp.resolve("all/trajectory.csv"));
        List<String> rows = Files.readAllLines(temp.resolve("thin/trajectory.csv"));
        int last = every.size() - 2;
        List<String> expected = new java.util.ArrayList<>();
        expected.add(every.get(0));
        for (int t = 0; t < last; t += 50) {
            expected.add(every.get(t + 1));
        }
        expected.add(every.get(last + 1));
        assertEquals(expected, rows);
        assertOneLine(run(sgdLab("descend", "--lr", "0.1", "--trajectory-every", "0")), 2,
                "--trajectory-every must be at least 1");
    }

    @Test
    @DisplayName("reading: a 5-row file descends with full and sgd; /dev/zero, '' and a long "
            + "--y are one-line refusals echoing at most 80 characters")
    void reading() throws Exception {
        Files.writeString(temp.resolve("houses.csv"), HOUSES);
        for (String method : new String[] {"full", "sgd"}) {
            JavaProcess.Result result = run(sgdLab("descend", "--data", "houses.csv", "--lr",
                    "1e-5", "--max-epochs", "3", "--method", method, "--quiet"));
            assertEquals(0, result.exitCode(), result.err());
        }
        assertOneLine(run(sgdLab("gradient", "--data", "/dev/zero")), 2,
                "/dev/zero:1: line longer than 1048576 characters");
        assertOneLine(run(sgdLab("gradient", "--data", "")), 2, "--data needs a file name");
        String longName = "y".repeat(500);
        JavaProcess.Result y = run(sgdLab("gradient", "--data", "houses.csv", "--y", longName));
        assertOneLine(y, 2, "houses.csv:1:");
        assertFalse(y.err().contains("y".repeat(81)), y.err());
        JavaProcess.Result piped = run(sgdLab("gradient", "--data", "-")
                .redirectInput(ProcessBuilder.Redirect.from(temp.resolve("houses.csv").toFile())));
        assertEquals(0, piped.exitCode(), piped.err());
    }

    @Test
    @DisplayName("data of magnitude 1e-40 (float32) and 1e-300 (float64) pass the cross-check: "
            + "the bound has an underflow term")
    void subnormalData() throws Exception {
        for (String[] c : new String[][] {{"1e-40", "float32"}, {"1e-300", "float64"}}) {
            double scale = Double.parseDouble(c[0]);
            StringBuilder csv = new StringBuilder("x,y\n");
            java.util.SplittableRandom random = new java.util.SplittableRandom(1);
            for (int i = 0; i < 20; i++) {
                double x = (1 + 2 * random.nextDouble()) * scale;
                csv.append(x).append(',').append(3 * x + random.nextDouble() * scale)
                        .append('\n');
            }
            Files.writeString(temp.resolve("tiny.csv"), csv);
            for (String theta : new String[] {"0,0", "-2,3"}) {
                JavaProcess.Result result = run(sgdLab("gradient", "--data", "tiny.csv",
                        "--dtype", c[1], "--theta", theta));
                assertEquals(0, result.exitCode(), c[1] + " " + theta + "\n" + result.out());
            }
        }
    }

    @Test
    @DisplayName("dependent or constant features: exit 2, one line naming the columns")
    void dependentFeatures() throws Exception {
        Files.writeString(temp.resolve("dep.csv"),
                "a,b,c,y\n1,2,5,3\n2,4,5,5\n3,6,5,7.5\n4,8,5,9\n5,10,5,11\n");
        assertOneLine(run(sgdLab("descend", "--data", "dep.csv", "--lr", "0.01", "--quiet")), 2,
                "feature 'b' is a linear combination of 'a'");
        assertOneLine(run(sgdLab("descend", "--data", "dep.csv", "--x", "a,c", "--lr", "0.01",
                "--quiet")), 2, "feature 'c' is constant");
    }

    @Test
    @DisplayName("arguments: float32 theta beyond float's range, an eps that cannot move theta, "
            + "more threads than processors: refused")
    void arguments() throws Exception {
        assertOneLine(run(sgdLab("descend", "--theta0", "1e39", "--dtype", "float32", "--lr",
                "0.1")), 2, "overflows");
        assertOneLine(run(sgdLab("check", "--eps", "5e-324")), 2, "cannot move a parameter");
        assertOneLine(run(sgdLab("bench", "per-sample", "--model", "linear", "--samples", "10",
                "--threads", "100000")), 2, "--threads must be at most this machine");
    }
}
