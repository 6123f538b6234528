package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.cli.SgdLabTest.Run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code descend --data}: the descent lab on the user's CSV, d features, and its bad input. */
class DescendDataTest {

    @TempDir
    Path dir;

    /** The notebook's data as {@code data --samples 40} prints them (seed 45), saved. */
    private Path notebookCsv() throws IOException {
        Run data = SgdLabTest.run("data", "--samples", "40");
        assertEquals(0, data.exitCode(), data.err());
        return Files.writeString(dir.resolve("d.csv"), data.out());
    }

    /** The committed d = 3 file of make_descent_features_golden.py. */
    private Path threeFeatures() throws IOException {
        Path file = dir.resolve("three.csv");
        try (InputStream in = getClass().getResourceAsStream("/golden/descent-features.csv")) {
            Files.copy(in, file);
        }
        return file;
    }

    private static String[] args(Stream<String> head, String... tail) {
        return Stream.concat(head, Stream.of(tail)).toArray(String[]::new);
    }

    @Test
    @DisplayName("data --samples 40 > d.csv; descend --data d.csv --x x1 gives --dataset "
            + "notebook's JSON and text, number for number")
    void oneFeatureFileIsTheNotebook() throws IOException {
        Path file = notebookCsv();
        for (List<String> options : List.of(
                List.of("--method", "sgd", "--lr", "0.01", "--runs", "3"),
                List.of("--method", "minibatch", "--lr", "0.05", "--momentum", "0.9",
                        "--theta0", "1", "--theta1", "-2"),
                List.of("--lr", "0.1", "--dtype", "float32"))) {
            Run fromFile = SgdLabTest.run(args(Stream.concat(Stream.of("descend", "--data",
                    file.toString(), "--x", "x1"), options.stream()), "--json"));
            Run builtIn = SgdLabTest.run(args(Stream.concat(Stream.of("descend", "--dataset",
                    "notebook"), options.stream()), "--json"));
            assertEquals(0, fromFile.exitCode(), fromFile.err());
            JsonObject a = JsonParser.parseString(fromFile.out()).getAsJsonObject();
            JsonObject b = JsonParser.parseString(builtIn.out()).getAsJsonObject();
            assertEquals(file.toString(), a.remove("data").getAsString());
            assertEquals(file.toString(), a.remove("dataset").getAsString());
            assertEquals("y", a.remove("target").getAsString());
            assertEquals("[\"x1\"]", a.remove("features").toString());
            assertEquals("notebook", b.remove("dataset").getAsString());
            assertEquals(b, a, options.toString());
            Run text = SgdLabTest.run(args(Stream.concat(Stream.of("descend", "--data",
                    file.toString(), "--x", "x1"), options.stream())));
            Run builtInText = SgdLabTest.run(args(Stream.concat(Stream.of("descend"),
                    options.stream())));
            assertEquals(builtInText.out().replaceFirst("^notebook", file.toString()),
                    text.out());
        }
        Run theta = SgdLabTest.run("descend", "--data", file.toString(), "--x", "x1",
                "--lr", "0.1", "--theta", "1,-2", "--json");
        Run pair = SgdLabTest.run("descend", "--lr", "0.1", "--theta0", "1", "--theta1", "-2",
                "--json");
        JsonObject a = JsonParser.parseString(theta.out()).getAsJsonObject();
        JsonObject b = JsonParser.parseString(pair.out()).getAsJsonObject();
        assertEquals(b.get("runs"), a.get("runs"));
    }

    @Test
    @DisplayName("a one-feature file with --out draws every picture, as the notebook does")
    void oneFeatureFileDrawsEverything() throws IOException {
        Path out = dir.resolve("out");
        Run run = SgdLabTest.run("descend", "--data", notebookCsv().toString(), "--x", "x1",
                "--lr", "0.1", "--momentum", "0.5", "--out", out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertEquals(Set.of("loss.png", "contours.png", "trajectory.gif", "momentum.png",
                "per-sample.png", "trajectory.csv", "summary.json"), files(out));
    }

    @Test
    @DisplayName("d = 3 with --out: loss.png, trajectory.csv (theta0..theta3) and summary.json,"
            + " no plane pictures, and one stderr line saying why")
    void threeFeaturesDrawLossOnly() throws IOException {
        Path out = dir.resolve("out");
        Path file = threeFeatures();
        Run run = SgdLabTest.run("descend", "--data", file.toString(), "--method", "sgd",
                "--lr", "0.01", "--runs", "2", "--momentum", "0.5", "--out", out.toString(),
                "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(Set.of("loss.png", "trajectory.csv", "summary.json"), files(out));
        assertEquals(1, run.err().lines().count(), run.err());
        assertTrue(run.err().contains("3 features") && run.err().contains("contours.png")
                && run.err().contains("per-sample.png"), run.err());
        List<String> csv = Files.readAllLines(out.resolve("trajectory.csv"));
        assertEquals("run,epoch,iteration,theta0,theta1,theta2,theta3,loss", csv.get(0));
        assertEquals("0,0,0,0.0,0.0,0.0,0.0", csv.get(1).substring(0, csv.get(1).lastIndexOf(',')));
        JsonObject summary = JsonParser.parseString(
                Files.readString(out.resolve("summary.json"))).getAsJsonObject();
        assertEquals("[\"x1\",\"x2\",\"x3\"]", summary.get("features").toString());
        assertEquals(4, summary.getAsJsonArray("theta_star").size());
        JsonObject first = summary.getAsJsonArray("runs").get(0).getAsJsonObject();
        assertEquals("converged", first.get("outcome").getAsString());
        assertEquals(4, first.getAsJsonArray("final_theta").size());
        // make_descent_features_golden.py, sgd lr 0.01 (no momentum): 4837 iterations.
        Run plain = SgdLabTest.run("descend", "--data", file.toString(), "--method", "sgd",
                "--lr", "0.01", "--json");
        JsonObject json = JsonParser.parseString(plain.out()).getAsJsonObject();
        assertEquals(4837, json.get("mean_iterations").getAsDouble(), 0.0);
        assertEquals("", plain.err());
        Run text = SgdLabTest.run("descend", "--data", file.toString(), "--lr", "0.05",
                "--theta", "1,2,3", "--x", "x3,x1");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("final_theta2 "), text.out());
        assertFalse(text.out().contains("final_theta3"), text.out());
        assertTrue(text.out().startsWith(file + ", full, lr 0.05"), text.out());
    }

    @Test
    @DisplayName("bad input: exit 2, one stderr line, nothing on stdout, nothing written")
    void badInput() throws IOException {
        Path file = threeFeatures();
        Path missing = dir.resolve("missing.csv");
        Path bad = Files.writeString(dir.resolve("bad.csv"), "x1,y\n1,2\n3,oops\n4,5\n");
        List<List<String>> cases = List.of(
                List.of("--data", missing.toString()),
                List.of("--data", bad.toString()),
                List.of("--data", file.toString(), "--dataset", "wide"),
                List.of("--data", file.toString(), "--dataset", "notebook"),
                List.of("--data", file.toString(), "--theta", "1,2"),
                List.of("--data", file.toString(), "--theta0", "1"),
                List.of("--data", file.toString(), "--theta", "0,0,0,0", "--theta1", "1"),
                List.of("--data", file.toString(), "--x", "x9"),
                List.of("--data", file.toString(), "--y", "x1", "--x", "x1"),
                List.of("--theta", "1,2,3"),
                List.of("--x", "x1"));
        for (List<String> options : cases) {
            Path out = dir.resolve("out");
            Run run = SgdLabTest.run(args(Stream.concat(Stream.of("descend", "--lr", "0.1"),
                    options.stream()), "--out", out.toString()));
            assertAll(options.toString(),
                    () -> assertEquals(2, run.exitCode(), run.err()),
                    () -> assertEquals("", run.out()),
                    () -> assertEquals(1, run.err().lines().count(), run.err()),
                    () -> assertFalse(run.err().contains("Exception"), run.err()),
                    () -> assertFalse(Files.exists(out), "--out was created"));
        }
        Run line = SgdLabTest.run("descend", "--lr", "0.1", "--data", bad.toString());
        assertEquals(bad + ":3: column 'y': 'oops' is not a number" + System.lineSeparator(),
                line.err());
    }

    private static Set<String> files(Path folder) throws IOException {
        try (Stream<Path> list = Files.list(folder)) {
            return list.map(p -> p.getFileName().toString()).collect(Collectors.toSet());
        }
    }
}
