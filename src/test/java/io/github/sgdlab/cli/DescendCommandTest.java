package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.cli.SgdLabTest.Run;
import io.github.sgdlab.descent.Dataset;
import io.github.sgdlab.reference.LeastSquares;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code descend} and {@code descend study} on the command line. */
class DescendCommandTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("--json carries exactly the documented keys, and numpy's iteration counts")
    void json() {
        Run run = SgdLabTest.run("descend", "--method", "sgd", "--lr", "0.01", "--runs", "4",
                "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(Set.of("dataset", "method", "lr", "momentum", "batch", "eps", "theta_star",
                "runs", "converged_runs", "mean_iterations", "mean_epochs",
                "max_reference_deviation"), json.keySet());
        JsonArray runs = json.getAsJsonArray("runs");
        assertEquals(Set.of("shuffle_seed", "outcome", "iterations", "epochs", "final_theta",
                "final_loss"), runs.get(0).getAsJsonObject().keySet());
        // make_descent_golden.py, "notebook sgd": 3441, 1074, 1094, 696 iterations.
        int[] golden = {3441, 1074, 1094, 696};
        for (int r = 0; r < golden.length; r++) {
            JsonObject item = runs.get(r).getAsJsonObject();
            assertEquals(golden[r], item.get("iterations").getAsInt());
            assertEquals(r, item.get("shuffle_seed").getAsInt());
            assertEquals("converged", item.get("outcome").getAsString());
        }
        assertEquals(4, json.get("converged_runs").getAsInt());
        assertEquals((3441 + 1074 + 1094 + 696) / 4.0,
                json.get("mean_iterations").getAsDouble(), 0.0);
        assertEquals("", run.err());
    }

    @Test
    @DisplayName("a run that converges nowhere has null means, and the text says so")
    void noneConverged() {
        Run json = SgdLabTest.run("descend", "--lr", "1.5", "--json");
        JsonObject parsed = JsonParser.parseString(json.out()).getAsJsonObject();
        assertAll(
                () -> assertEquals(0, json.exitCode(), json.err()),
                () -> assertTrue(parsed.get("mean_iterations").isJsonNull()),
                () -> assertTrue(parsed.get("mean_epochs").isJsonNull()),
                () -> assertEquals("diverged", parsed.getAsJsonArray("runs").get(0)
                        .getAsJsonObject().get("outcome").getAsString()),
                () -> assertEquals(20, parsed.getAsJsonArray("runs").get(0)
                        .getAsJsonObject().get("iterations").getAsInt()));
        Run text = SgdLabTest.run("descend", "--lr", "1.5");
        assertTrue(text.out().contains("converged 0/1, no mean: no run converged"), text.out());
        assertTrue(text.out().contains("theta* = (3.950706402319453, 2.6824689259670587)"));
    }

    static Stream<List<String>> badInput() {
        return Stream.of(
                List.of("--lr", "0"), List.of("--lr", "-1"), List.of("--lr", "Infinity"),
                List.of("--lr", "NaN"), List.of(),
                List.of("--lr", "0.1", "--momentum", "1"),
                List.of("--lr", "0.1", "--momentum", "-0.5"),
                List.of("--lr", "0.1", "--batch", "0"), List.of("--lr", "0.1", "--batch", "41"),
                List.of("--lr", "0.1", "--runs", "0"), List.of("--lr", "0.1", "--runs", "10001"),
                List.of("--lr", "0.1", "--eps", "0"), List.of("--lr", "0.1", "--max-epochs", "0"),
                List.of("--lr", "0.1", "--dataset", "iris"),
                List.of("--lr", "0.1", "--method", "adam"),
                List.of("--lr", "0.1", "--dtype", "float16"),
                List.of("--lr", "0.1", "--theta0", "NaN"),
                List.of("--lr", "0.1", "--shuffle-seed", "-1"),
                List.of("--lr", "abc"));
    }

    @ParameterizedTest(name = "descend {0}")
    @MethodSource("badInput")
    @DisplayName("bad input: one line on stderr, exit 2, nothing on stdout, nothing written")
    void badInputExitsTwo(List<String> options) throws IOException {
        Path out = temp.resolve("out");
        String[] args = Stream.concat(Stream.of("descend"),
                Stream.concat(options.stream(), Stream.of("--out", out.toString())))
                .toArray(String[]::new);
        Run run = SgdLabTest.run(args);
        assertAll(
                () -> assertEquals(2, run.exitCode(), run.err()),
                () -> assertEquals("", run.out()),
                () -> assertEquals(1, run.err().lines().count(), run.err()),
                () -> assertTrue(run.err().startsWith("sgd-lab: "), run.err()),
                () -> assertFalse(Files.exists(out), "--out was created"));
    }

    @ParameterizedTest(name = "descend {0}")
    @CsvSource(delimiter = '|', value = {
        "--lr -1 | lr must be positive and finite, got -1.0",
        "--lr 0.1 --momentum 1 | momentum must be in [0, 1), got 1.0",
        "--lr 0.1 --batch 41 | batch must be between 1 and the number of samples (40), got 41",
        "--lr 0.1 --max-epochs 0 | max epochs must be at least 1, got 0",
        "--lr 0.1 --method adam | unknown method 'adam': expected full, sgd, minibatch or dp-sgd",
        "--lr 0.1 --dataset iris | unknown dataset 'iris': expected notebook or wide",
    })
    @DisplayName("the lab names the setting, the command line its own word for it: the message is"
            + " the one it always was")
    void settingsNamedAsTheCommandLineNamesThem(String options, String message) {
        String[] args = Stream.concat(Stream.of("descend"),
                Stream.of(options.strip().split(" "))).toArray(String[]::new);
        Run run = SgdLabTest.run(args);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("sgd-lab: " + message, run.err().strip());
    }

    @Test
    @DisplayName("--out that is not empty needs --force; one under a file or on a read-only "
            + "file system is refused")
    void outChecks() throws IOException {
        Path full = Files.createDirectory(temp.resolve("full"));
        Files.writeString(full.resolve("keep.txt"), "mine");
        Run refused = SgdLabTest.run("descend", "--lr", "0.1", "--out", full.toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("not empty"), refused.err());
        assertEquals(List.of("keep.txt"), names(full));

        Path file = Files.writeString(temp.resolve("file"), "x");
        Run under = SgdLabTest.run("descend", "--lr", "0.1", "--out",
                file.resolve("out").toString());
        assertEquals(2, under.exitCode());
        assertTrue(under.err().contains("is not a directory"), under.err());

        // A read-only file system, which permission bits (and root) do not reveal.
        Path proc = Path.of("/proc");
        if (Files.isDirectory(proc)) {
            Run readOnly = SgdLabTest.run("descend", "--lr", "0.1", "--out",
                    proc.resolve("sgd-lab-out").toString());
            assertEquals(2, readOnly.exitCode(), readOnly.err());
            assertTrue(readOnly.err().contains("is not writable"), readOnly.err());
        }

        Run forced = SgdLabTest.run("descend", "--lr", "0.1", "--out", full.toString(),
                "--force");
        assertEquals(0, forced.exitCode(), forced.err());
        assertTrue(names(full).containsAll(List.of("keep.txt", "summary.json",
                "trajectory.csv")), names(full).toString());
    }

    @Test
    @DisplayName("--out writes summary.json (the JSON output) and trajectory.csv, no temporary "
            + "files left")
    void outFiles() throws IOException {
        Path out = temp.resolve("a/b");
        Run run = SgdLabTest.run("descend", "--method", "minibatch", "--lr", "0.05",
                "--runs", "2", "--momentum", "0.5", "--json", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(run.out(), Files.readString(out.resolve("summary.json")));
        assertTrue(names(out).stream().noneMatch(name -> name.startsWith(".")), names(out).toString());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        List<CSVRecord> rows;
        try (var reader = Files.newBufferedReader(out.resolve("trajectory.csv"),
                StandardCharsets.UTF_8)) {
            rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                    .parse(reader).getRecords();
        }
        int iterations0 = json.getAsJsonArray("runs").get(0).getAsJsonObject()
                .get("iterations").getAsInt();
        int iterations1 = json.getAsJsonArray("runs").get(1).getAsJsonObject()
                .get("iterations").getAsInt();
        assertEquals(iterations0 + 1 + iterations1 + 1, rows.size());
        CSVRecord last = rows.get(iterations0);
        JsonArray finalTheta = json.getAsJsonArray("runs").get(0).getAsJsonObject()
                .getAsJsonArray("final_theta");
        assertAll(
                () -> assertEquals("0", rows.get(0).get("iteration")),
                () -> assertEquals("0", rows.get(0).get("epoch")),
                () -> assertEquals("0", last.get("run")),
                () -> assertEquals(String.valueOf(iterations0), last.get("iteration")),
                () -> assertEquals(finalTheta.get(0).getAsDouble(),
                        Double.parseDouble(last.get("theta0")), 0.0),
                () -> assertEquals(finalTheta.get(1).getAsDouble(),
                        Double.parseDouble(last.get("theta1")), 0.0),
                () -> assertEquals("1", rows.get(iterations0 + 1).get("run")));
    }

    @Test
    @DisplayName("study prints the twelve-cell table, every cell converged, and the condition "
            + "numbers")
    void study() {
        Run run = SgdLabTest.run("descend", "study", "--runs", "1");
        assertEquals(0, run.exitCode(), run.err());
        List<String> rows = run.out().lines().filter(line -> line.startsWith("| ")
                && !line.startsWith("| dataset")).toList();
        assertEquals(12, rows.size(), run.out());
        assertTrue(rows.stream().allMatch(row -> row.endsWith("| 1/1 |")), run.out());
        assertTrue(run.out().contains("notebook lambda_max 2.021, lambda_min 0.6110, "
                + "condition number 3.307"), run.out());
        assertTrue(run.out().contains("wide     lambda_max 252.7, lambda_min 1.954, "
                + "condition number 129.3"), run.out());
    }

    @Test
    @DisplayName("study --json prints the same cells as the table, and the Hessians; --out "
            + "writes the same JSON to study.json")
    void studyJson(@TempDir Path temp) throws IOException {
        Run table = SgdLabTest.run("descend", "study", "--runs", "2");
        Path out = temp.resolve("study");
        Run run = SgdLabTest.run("descend", "study", "--runs", "2", "--json", "--out",
                out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(1, run.out().lines().count(), run.out());
        assertEquals(run.out(), Files.readString(out.resolve("study.json")));
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(2, json.get("runs").getAsInt());
        JsonArray cells = json.getAsJsonArray("cells");
        List<String> rows = table.out().lines().filter(line -> line.startsWith("| ")
                && !line.startsWith("| dataset")).toList();
        assertEquals(12, cells.size());
        for (int k = 0; k < cells.size(); k++) {
            JsonObject cell = cells.get(k).getAsJsonObject();
            String row = String.format(Locale.ROOT, "| %s | %s | %s | %s | %.1f | %.1f | %d/2 |",
                    cell.get("dataset").getAsString(),
                    BigDecimal.valueOf(cell.get("lr").getAsDouble()).stripTrailingZeros()
                            .toPlainString(),
                    cell.get("method").getAsString(),
                    cell.get("momentum").getAsDouble() == 0 ? "0"
                            : cell.get("momentum").getAsString(),
                    cell.get("mean_iterations").getAsDouble(),
                    cell.get("mean_epochs").getAsDouble(),
                    cell.get("converged_runs").getAsInt());
            assertEquals(rows.get(k), row);
            assertEquals(2, cell.getAsJsonArray("runs").size());
        }
        JsonObject wide = json.getAsJsonObject("hessians").getAsJsonObject("wide");
        double[] lambda = LeastSquares.eigenvalues(Dataset.WIDE.data().features());
        assertEquals(lambda[0], wide.get("lambda_max").getAsDouble(), 0.0);
        assertEquals(lambda[1], wide.get("lambda_min").getAsDouble(), 0.0);
        assertEquals(129.3, wide.get("condition_number").getAsDouble(), 0.05);
        assertEquals(3.307, json.getAsJsonObject("hessians").getAsJsonObject("notebook")
                .get("condition_number").getAsDouble(), 5e-4);
    }

    @Test
    @DisplayName("study refuses a bad --runs with exit 2")
    void studyBadRuns() {
        Run run = SgdLabTest.run("descend", "study", "--runs", "0");
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
    }

    private static List<String> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(path -> path.getFileName().toString()).sorted().toList();
        }
    }
}
