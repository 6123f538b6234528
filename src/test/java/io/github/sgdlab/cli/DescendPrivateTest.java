package io.github.sgdlab.cli;

import io.github.sgdlab.JavaProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.cli.SgdLabTest.Run;
import io.github.sgdlab.privacy.PrivacyAccountant;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code descend --method dp-sgd}: what it prints and writes, and what it refuses. */
class DescendPrivateTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("--json: epsilon per run is the accountant's for the iterations taken, delta as given")
    void json() {
        Run run = SgdLabTest.run("descend", "--method", "dp-sgd", "--batch", "10", "--clip",
                "1.5", "--noise", "1.2", "--delta", "1e-6", "--accountant", "rdp", "--lr", "0.05",
                "--runs", "2", "--max-epochs", "4", "--eps", "0.5", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("dp-sgd", json.get("method").getAsString());
        assertEquals(1e-6, json.get("delta").getAsDouble());
        assertEquals(0.25, json.get("sample_rate").getAsDouble());
        assertEquals(4, json.get("iterations_per_epoch").getAsInt());
        assertEquals("rdp", json.get("accountant").getAsString());
        assertFalse(json.has("max_reference_deviation"));
        JsonArray runs = json.getAsJsonArray("runs");
        double worst = 0;
        for (int r = 0; r < 2; r++) {
            JsonObject item = runs.get(r).getAsJsonObject();
            PrivacyAccountant accountant = PrivacyAccountant.create("rdp");
            accountant.step(1.2, 0.25, item.get("iterations").getAsInt());
            double epsilon = item.get("epsilon").getAsDouble();
            assertEquals(accountant.getEpsilon(1e-6), epsilon, 1e-12);
            worst = Math.max(worst, epsilon);
        }
        assertEquals(worst, json.get("epsilon").getAsDouble());
    }

    @Test
    @DisplayName("text: the settings line, one line per run ending in its epsilon, delta named")
    void text() {
        Run run = SgdLabTest.run("descend", "--method", "dp-sgd", "--batch", "8", "--clip",
                "1", "--noise", "1", "--lr", "0.05", "--max-epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[0].startsWith("notebook, dp-sgd (expected batch 8, q 0.2, 5 iterations "
                + "an epoch), clip 1.0, noise 1.0, lr 0.05"), lines[0]);
        assertTrue(lines[3].endsWith(" epsilon"), lines[3]);
        PrivacyAccountant accountant = PrivacyAccountant.create("prv");
        accountant.step(1.0, 0.2, 10);
        String[] row = lines[4].trim().split(" +");
        assertEquals("not_converged", row[2]);
        assertEquals("10", row[3]);
        assertEquals(accountant.getEpsilon(1e-5), Double.parseDouble(row[row.length - 1]), 1e-12);
        assertTrue(run.out().contains("at delta 1.0E-5 (prv accountant)"), run.out());
    }

    @Test
    @DisplayName("rdp at little noise: Opacus's best-order warning as one sgd-lab line on stderr")
    void rdpWarningOneLine() {
        Run run = SgdLabTest.run("descend", "--method", "dp-sgd", "--batch", "8", "--clip",
                "1", "--noise", "0.2", "--accountant", "rdp", "--lr", "0.05", "--max-epochs",
                "20");
        assertEquals(0, run.exitCode(), run.err());
        String warning = "sgd-lab: warning: Optimal order is the smallest alpha. Please consider "
                + "expanding the range of alphas to get a tighter privacy bound.";
        assertTrue(run.err().lines().anyMatch(warning::equals), run.err());
        assertTrue(run.err().lines().allMatch(line -> line.startsWith("sgd-lab: ")),
                run.err());
    }

    @Test
    @DisplayName("text, noise 0: no privacy claimed, epsilon infinite")
    void textWithoutNoise() {
        Run run = SgdLabTest.run("descend", "--method", "dp-sgd", "--batch", "8", "--clip",
                "1", "--noise", "0", "--lr", "0.05", "--max-epochs", "2");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertTrue(lines[4].endsWith(" inf"), lines[4]);
        assertEquals("privacy: none (noise 0): epsilon is infinite at every delta",
                lines[lines.length - 1]);
        assertFalse(run.out().contains("-DP"), run.out());
    }

    @Test
    @DisplayName("--out: the private trajectory's pictures and the clipping picture")
    void pictures() throws Exception {
        Path out = temp.resolve("dp");
        Run run = SgdLabTest.run("descend", "--method", "dp-sgd", "--batch", "8", "--clip",
                "3", "--noise", "0.5", "--lr", "0.05", "--max-epochs", "3", "--out",
                out.toString(), "--quiet");
        assertEquals(0, run.exitCode(), run.err());
        for (String file : List.of("trajectory.csv", "summary.json", "loss.png", "contours.png",
                "trajectory.gif", "per-sample.png")) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
        }
        JsonObject summary = JsonParser.parseString(Files.readString(out.resolve("summary.json")))
                .getAsJsonObject();
        assertTrue(summary.get("epsilon").getAsDouble() > 0);
        // 15 iterations and θ_0: 16 rows and the header.
        assertEquals(17, Files.readAllLines(out.resolve("trajectory.csv")).size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--method dp-sgd --lr 0.1 --noise 1 | missing required option --clip (with --method dp-sgd)",
        "--method dp-sgd --lr 0.1 --clip 1 | missing required option --noise (with --method dp-sgd)",
        "--method dp-sgd --lr 0.1 --clip 0 --noise 1 | --clip must be a positive finite number",
        "--method dp-sgd --lr 0.1 --clip 1 --noise -1 | --noise must be a finite number >= 0",
        "--method dp-sgd --lr 0.1 --clip 1 --noise 1 --delta 1 | --delta must be in (0, 1), got 1.0",
        "--method dp-sgd --lr 0.1 --clip 1 --noise 1 --accountant gdp | unknown accountant 'gdp': expected rdp or prv",
        "--method dp-sgd --lr 0.1 --clip 1 --noise 1 --batch 41 | batch",
        "--method sgd --lr 0.1 --clip 1 | --clip applies to --method dp-sgd only",
        "--lr 0.1 --delta 1e-5 | --delta applies to --method dp-sgd only",
        "--method dpsgd --lr 0.1 | unknown method 'dpsgd': expected full, sgd, minibatch or dp-sgd"})
    @DisplayName("bad options: one line on stderr, exit 2, nothing on stdout")
    void badInput(String args, String message) {
        Run run = SgdLabTest.run(("descend " + args).split(" "));
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("sgd-lab: ") && run.err().contains(message)
                && run.err().indexOf('\n') == run.err().length() - 1, run.err());
    }

    @Test
    @DisplayName("in a process of its own: the JSON on stdout, and bad input exits 2 with one line")
    void process() throws Exception {
        JavaProcess.Result ok = JavaProcess.run(new ProcessBuilder(JavaProcess.sgdLab(List.of(),
                "descend", "--method", "dp-sgd", "--batch", "8", "--clip", "1", "--noise", "1",
                "--lr", "0.05", "--max-epochs", "1", "--json")));
        assertEquals(0, ok.exitCode(), ok.err());
        JsonObject json = JsonParser.parseString(ok.out()).getAsJsonObject();
        assertEquals(1e-5, json.get("delta").getAsDouble());
        assertTrue(json.get("epsilon").getAsDouble() > 0);
        JavaProcess.Result bad = JavaProcess.run(new ProcessBuilder(JavaProcess.sgdLab(List.of(),
                "descend", "--method", "dp-sgd", "--lr", "0.05", "--clip", "1", "--noise",
                "nan")));
        assertEquals(2, bad.exitCode(), bad.err());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("--noise") && bad.err().indexOf('\n')
                == bad.err().length() - 1, bad.err());
    }
}
