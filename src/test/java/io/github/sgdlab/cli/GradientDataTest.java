package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.cli.SgdLabTest.Run;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code gradient --data}: the user's own CSV, d features, and its bad input. */
class GradientDataTest {

    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    /** The generated data as the data command prints them, saved to a file. */
    private Path generated(String... args) throws IOException {
        Run data = SgdLabTest.run(args);
        assertEquals(0, data.exitCode(), data.err());
        return write("d.csv", data.out());
    }

    private static List<String> lines(String text) {
        return List.of(text.split("\n", -1));
    }

    @Test
    @DisplayName("data --samples 40 > d.csv; gradient --data d.csv --x x1 prints what"
            + " gradient --seed 45 --samples 40 prints, bit for bit, but for the data's name")
    void ownDataIsTheNotebook() throws IOException {
        Path file = generated("data", "--samples", "40");
        Run fromFile = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "x1");
        Run drawn = SgdLabTest.run("gradient", "--seed", "45", "--samples", "40");
        assertEquals(0, fromFile.exitCode(), fromFile.err());
        List<String> a = lines(fromFile.out());
        List<String> b = lines(drawn.out());
        assertEquals(file + ", 40 samples, y ~ x1, theta = (0.0, 0.0), float32", a.get(0));
        assertEquals("seed 45, 40 samples, theta = (0.0, 0.0), float32", b.get(0));
        assertEquals(b.subList(1, b.size()), a.subList(1, a.size()));
        assertEquals("", fromFile.err());
    }

    @ParameterizedTest(name = "seed {0}, {1} samples, theta ({2}, {3}), {4}")
    @CsvSource({"45, 40, 0, 0, float32", "2024, 999, 1.5, -2, float64",
        "7, 300, -3.25, 0.5, float32"})
    @DisplayName("the JSON for a data file equals the generated data's, key for key, bit for bit")
    void ownDataJson(long seed, int samples, String theta0, String theta1, String dtype)
            throws IOException {
        Path file = generated("data", "--seed", "" + seed, "--samples", "" + samples);
        Run fromFile = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "x1",
                "--theta0", theta0, "--theta1", theta1, "--dtype", dtype, "--json");
        Run withTheta = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "x1",
                "--theta", theta0 + "," + theta1, "--dtype", dtype, "--json");
        Run drawn = SgdLabTest.run("gradient", "--seed", "" + seed, "--samples", "" + samples,
                "--theta0", theta0, "--theta1", theta1, "--dtype", dtype, "--json");
        JsonObject a = JsonParser.parseString(fromFile.out()).getAsJsonObject();
        JsonObject b = JsonParser.parseString(drawn.out()).getAsJsonObject();
        assertEquals(file.toString(), a.remove("data").getAsString());
        assertEquals("y", a.remove("target").getAsString());
        assertEquals(List.of("x1"), a.remove("features").getAsJsonArray().asList().stream()
                .map(e -> e.getAsString()).toList());
        assertEquals(2, a.remove("theta").getAsJsonArray().size());
        assertEquals(seed, b.remove("seed").getAsLong());
        assertEquals(b, a);
        assertEquals(List.copyOf(b.keySet()), List.copyOf(a.keySet()));
        assertEquals(fromFile.out(), withTheta.out());
        JsonArray grad = a.getAsJsonObject("batch").getAsJsonArray("grad");
        assertEquals(a.getAsJsonObject("batch").get("grad_theta1"), grad.get(1));
    }

    @Test
    @DisplayName("three features: grad arrays intercept first, then the features in --x order")
    void threeFeatures() throws IOException {
        Path file = write("three.csv", "a,b,c,y\n1,2,3,10\n2,1,0,5\n0,1,1,3\n4,4,1,7\n"
                + "-1,0.5,2,1\n");
        Run run = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "c,a,b",
                "--theta", "0.5,1,-1,2", "--dtype", "float64", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        JsonArray grad = json.getAsJsonObject("reference_batch").getAsJsonArray("grad");
        // y_pred = 0.5 + 1*c - 1*a + 2*b; grad_j = -2/n * sum((y - y_pred) * x_j).
        double[][] rows = {{1, 2, 3, 10}, {2, 1, 0, 5}, {0, 1, 1, 3}, {4, 4, 1, 7}, {-1, 0.5, 2, 1}};
        double[] expected = new double[4];
        for (double[] r : rows) {
            double residual = r[3] - (0.5 + r[2] - r[0] + 2 * r[1]);
            expected[0] += -2.0 / 5 * residual;
            expected[1] += -2.0 / 5 * residual * r[2];
            expected[2] += -2.0 / 5 * residual * r[0];
            expected[3] += -2.0 / 5 * residual * r[1];
        }
        assertEquals(4, grad.size());
        for (int j = 0; j < 4; j++) {
            assertEquals(expected[j], grad.get(j).getAsDouble(), 1e-12, "theta_" + j);
        }
        assertEquals(List.of("c", "a", "b"), json.getAsJsonArray("features").asList().stream()
                .map(e -> e.getAsString()).toList());
        assertTrue(json.getAsJsonObject("cross_check").get("ok").getAsBoolean());
        assertTrue(json.getAsJsonObject("cross_check").getAsJsonObject("values")
                .has("average_grad_theta3"));
        assertTrue(!json.getAsJsonObject("batch").has("grad_theta1"),
                "the pair keys are for one feature only");
    }

    @Test
    @DisplayName("the text table grows a column per feature")
    void threeFeatureTable() throws IOException {
        Path file = write("t.csv", "x1,x2,y\n1,2,3\n2,1,0\n0,1,1\n");
        Run run = SgdLabTest.run("gradient", "--data", file.toString());
        assertEquals(0, run.exitCode(), run.err());
        List<String> out = lines(run.out());
        assertEquals(file + ", 3 samples, y ~ x1 + x2, theta = (0.0, 0.0, 0.0), float32",
                out.get(0));
        assertEquals(String.format("%-40s %-24s %-24s %-24s %s", "", "grad_theta0",
                "grad_theta1", "grad_theta2", "loss"), out.get(2));
        assertTrue(out.get(3).startsWith("DJL autograd, batch (In [10])"), out.get(3));
    }

    @Test
    @DisplayName("--data - reads standard input")
    void standardInput() throws IOException {
        Path file = generated("data", "--samples", "40");
        InputStream saved = System.in;
        Run fromStdin;
        try {
            System.setIn(new ByteArrayInputStream(Files.readAllBytes(file)));
            fromStdin = SgdLabTest.run("gradient", "--data", "-", "--x", "x1");
        } finally {
            System.setIn(saved);
        }
        Run fromFile = SgdLabTest.run("gradient", "--data", file.toString(), "--x", "x1");
        assertEquals(0, fromStdin.exitCode(), fromStdin.err());
        assertEquals(fromFile.out().replace(file.toString(), "<stdin>"), fromStdin.out());
    }

    @Test
    @DisplayName("standard input's bad lines are named <stdin>:LINE")
    void standardInputErrors() {
        InputStream saved = System.in;
        try {
            System.setIn(new ByteArrayInputStream("x1,y\n1,oops\n".getBytes(
                    StandardCharsets.UTF_8)));
            Run run = SgdLabTest.run("gradient", "--data", "-");
            assertBadInput(run, "<stdin>:2: column 'y': 'oops' is not a number");
        } finally {
            System.setIn(saved);
        }
    }

    private static void assertBadInput(Run run, String line) {
        assertAll(
                () -> assertEquals(2, run.exitCode()),
                () -> assertEquals("", run.out(), "nothing on stdout"),
                () -> assertEquals(line + System.lineSeparator(), run.err()));
    }

    @Test
    @DisplayName("a bad file: exit 2, one stderr line PATH:LINE: what is wrong, no stdout")
    void badFiles() throws IOException {
        Path missing = dir.resolve("missing.csv");
        assertBadInput(SgdLabTest.run("gradient", "--data", missing.toString()),
                missing + ":0: no such file");
        assertBadInput(SgdLabTest.run("gradient", "--data", dir.toString()),
                dir + ":0: is a directory, not a data file");
        Path empty = write("empty.csv", "");
        assertBadInput(SgdLabTest.run("gradient", "--data", empty.toString()),
                empty + ":1: empty file: expected a header row naming the columns");
        Path nan = write("nan.csv", "x1,y\n1,2\n2,NaN\n");
        assertBadInput(SgdLabTest.run("gradient", "--data", nan.toString()),
                nan + ":3: column 'y': 'NaN' is not a finite number");
        Path ok = write("ok.csv", "x1,y\n1,2\n2,3\n");
        assertBadInput(SgdLabTest.run("gradient", "--data", ok.toString(), "--y", "z"),
                ok + ":1: --y names column 'z', which the header does not have"
                        + " (columns: x1, y)");
        assertBadInput(SgdLabTest.run("gradient", "--data", ok.toString(), "--x", "y"),
                ok + ":1: column 'y' is both the target (--y) and a feature (--x)");
        byte[] latin1 = "x1,y\n1,2\n3,\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);
        Path bad = Files.write(dir.resolve("latin1.csv"), latin1);
        assertBadInput(SgdLabTest.run("gradient", "--data", bad.toString()),
                bad + ":3: invalid UTF-8");
    }

    @Test
    @DisplayName("options that do not fit the data are refused, exit 2, no stdout")
    void badOptions() throws IOException {
        Path one = write("one.csv", "x1,y\n1,2\n2,3\n");
        Path two = write("two.csv", "x1,x2,y\n1,2,3\n2,3,4\n4,4,4\n");
        assertBadInput(SgdLabTest.run("gradient", "--data", two.toString(), "--theta", "1,2"),
                "sgd-lab: --theta has 2 values but the data have 2 features: give 3, the"
                        + " intercept first");
        assertBadInput(SgdLabTest.run("gradient", "--data", two.toString(), "--theta1", "2"),
                "sgd-lab: --theta0/--theta1 fit one feature and the data have 2; give --theta"
                        + " with 3 values");
        assertBadInput(SgdLabTest.run("gradient", "--data", one.toString(), "--theta", "1,2",
                "--theta0", "1"),
                "sgd-lab: give theta either as --theta or as --theta0/--theta1, not both");
        assertBadInput(SgdLabTest.run("gradient", "--data", one.toString(), "--seed", "3"),
                "sgd-lab: --seed and --samples draw data; with --data the file holds the samples");
        assertBadInput(SgdLabTest.run("gradient", "--x", "x1"),
                "sgd-lab: --x chooses columns of a --data file; give --data PATH too");
        assertBadInput(SgdLabTest.run("gradient", "--data", one.toString(), "--theta", "1,nan"),
                "sgd-lab: theta must be finite, got [1.0, NaN]");
        assertBadInput(SgdLabTest.run("gradient", "--data", one.toString(), "--theta", "1,abc"),
                "sgd-lab: Invalid value for option '--theta' (T0,T1,...): 'abc' is not a number");
        assertBadInput(SgdLabTest.run("gradient", "--theta", "1,2,3"),
                "sgd-lab: --theta has 3 values but the generated data have one feature: give 2,"
                        + " the intercept first");
    }

    @Test
    @DisplayName("--theta on generated data is --theta0 and --theta1 at once")
    void thetaOnGeneratedData() {
        assertEquals(SgdLabTest.run("gradient", "--theta0", "1.5", "--theta1", "-2").out(),
                SgdLabTest.run("gradient", "--theta", "1.5,-2").out());
    }
}
