package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.ReferenceCase;
import io.github.sgdlab.Resources;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line, run in-process: output, JSON, exit codes and bad input. */
class SgdLabTest {

    /** What one run printed and returned. */
    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = SgdLab.execute(args, new PrintWriter(out), new PrintWriter(err));
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    @DisplayName("no arguments prints the notebook's lines and the verdict, like 'notebook'")
    void noArgumentsRunsTheNotebook() {
        Run bare = run();
        Run notebook = run("notebook");
        assertEquals(0, bare.exitCode(), bare.err());
        assertEquals(notebook.out(), bare.out());
        assertTrue(bare.out().startsWith("Gradient of theta_0: -7.4471\n"), bare.out());
        assertTrue(bare.out().contains("\n\nCross-check: OK"), bare.out());
        assertEquals("", bare.err());
    }

    @Test
    @DisplayName("notebook --json carries the documented keys and the torch float32 numbers")
    void notebookJson() {
        Run run = run("notebook", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        for (String key : List.of("batch", "per_sample_average", "reference_batch",
                "reference_per_sample_average", "cross_check")) {
            assertTrue(json.has(key), key);
        }
        ReferenceCase notebook = ReferenceCase.all().get(0);
        assertAll(
                () -> assertEquals(notebook.batch("torch_float32").gradient().get(0),
                        json.getAsJsonObject("batch").get("grad_theta0").getAsDouble(), 0.0),
                () -> assertEquals(notebook.batch("torch_float32").loss(),
                        json.getAsJsonObject("batch").get("loss").getAsDouble(), 0.0),
                () -> assertEquals(notebook.batch("numpy_float64").gradient().get(1),
                        json.getAsJsonObject("reference_batch").get("grad_theta1").getAsDouble(), 0.0),
                () -> assertEquals(Set.of("max_abs_diff", "tolerance", "ok", "worst", "worst_ratio",
                                "values"),
                        json.getAsJsonObject("cross_check").keySet()),
                () -> assertEquals(Set.of("grad_theta0", "grad_theta1", "loss",
                                "average_grad_theta0", "average_grad_theta1"),
                        json.getAsJsonObject("cross_check").getAsJsonObject("values").keySet()),
                () -> assertTrue(json.getAsJsonObject("cross_check").get("ok").getAsBoolean()));
    }

    @Test
    @DisplayName("gradient at any theta in float64 reports torch's and numpy's numbers")
    void gradientAtTheta() {
        Run run = run("gradient", "--seed", "2024", "--samples", "999", "--theta0", "1.5",
                "--theta1", "-2", "--dtype", "float64", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        ReferenceCase reference = ReferenceCase.all().stream()
                .filter(c -> c.seed() == 2024 && c.theta().get(0) == 1.5).findFirst().orElseThrow();
        JsonObject batch = json.getAsJsonObject("reference_batch");
        assertEquals(reference.batch("numpy_float64").loss(), batch.get("loss").getAsDouble(), 0.0);
        assertEquals("float64", json.get("dtype").getAsString());
        assertEquals(999, json.get("samples").getAsInt());
    }

    @Test
    @DisplayName("gradient's text names the four paths and ends with the verdict")
    void gradientText() {
        Run run = run("gradient", "--theta0", "4", "--theta1", "3");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("seed 45, 40 samples, theta = (4.0, 3.0), float32\n"));
        assertTrue(run.out().contains("DJL autograd, batch (In [10])"));
        assertTrue(run.out().contains("reference, per-sample avg (In [14])"));
        assertTrue(run.out().endsWith("\n") && run.out().contains("\nCross-check: OK"));
    }

    @Test
    @DisplayName("data --format csv prints numpy's values so they parse back to the same bits")
    void dataCsvRoundTrips() {
        Run run = run("data", "--seed", "2024", "--samples", "999");
        assertEquals(0, run.exitCode(), run.err());
        String[] lines = run.out().split("\n");
        assertEquals("x1,eps,y", lines[0]);
        assertEquals(1000, lines.length);
        ReferenceCase reference = ReferenceCase.all().stream()
                .filter(c -> c.seed() == 2024).findFirst().orElseThrow();
        for (int i = 0; i < 999; i++) {
            String[] cells = lines[i + 1].split(",");
            assertEquals(reference.x1()[i], Double.parseDouble(cells[0]), 0.0, "x1 row " + i);
            assertEquals(reference.eps()[i], Double.parseDouble(cells[1]), 0.0, "eps row " + i);
            assertEquals(reference.y()[i], Double.parseDouble(cells[2]), 0.0, "y row " + i);
        }
    }

    @Test
    @DisplayName("data --format json carries seed, samples, x1, eps and y")
    void dataJson() {
        Run run = run("data", "--samples", "7", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        LinearData data = LinearData.generate(45, 7);
        assertEquals(45, json.get("seed").getAsLong());
        assertEquals(7, json.get("samples").getAsInt());
        assertEquals(List.of(data.x1()[6], data.eps()[6], data.y()[6]), List.of(
                Resources.doubles(json.getAsJsonArray("x1"))[6],
                Resources.doubles(json.getAsJsonArray("eps"))[6],
                Resources.doubles(json.getAsJsonArray("y"))[6]));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "gradient --seed -1",
        "gradient --seed 4294967296",
        "data --seed 99999999999999999999",
        "gradient --samples 0",
        "data --samples -3",
        "gradient --samples abc",
        "gradient --samples 10000001",
        "gradient --theta0 NaN",
        "gradient --theta1 Infinity",
        "gradient --theta0 -Infinity",
        "gradient --theta0 1e30",
        "gradient --dtype float16",
        "gradient --dtype",
        "gradient --seed",
        "data --format xml",
        "frobnicate",
        "--frobnicate",
        "notebook --samples 3",
        "--samples 3",
        "gradient --theta0 1d",
        "gradient --theta0 1f",
        "gradient --theta1 0x1p3",
        "gradient --theta0 1e309",
        "gradient --theta0 1,5",
        "gradient --samples \uFF14\uFF10",
        "gradient --samples 40.0",
        "gradient --samples 4e1",
        "data --seed 45L"
    })
    @DisplayName("bad input: exit code 2, one line on stderr, nothing on stdout")
    void badInput(String args) {
        Run run = run(args.split(" "));
        assertAll(
                () -> assertEquals(2, run.exitCode(), run.err()),
                () -> assertEquals("", run.out()),
                () -> assertTrue(run.err().startsWith("sgd-lab: "), run.err()),
                () -> assertTrue(run.err().endsWith("\n"), run.err()),
                () -> assertEquals(1, run.err().split("\n").length, run.err()),
                () -> assertFalse(run.err().contains("Exception"), run.err()),
                () -> assertFalse(run.err().contains("\tat "), run.err()));
    }

    @Test
    @DisplayName("the messages name the problem")
    void messagesNameTheProblem() {
        assertAll(
                () -> assertTrue(run("gradient", "--seed", "-1").err().contains("seed")),
                () -> assertTrue(run("gradient", "--samples", "0").err().contains("--samples")),
                () -> assertTrue(run("gradient", "--theta0", "NaN").err().contains("theta")),
                () -> assertTrue(run("gradient", "--dtype", "int8").err().contains("dtype")),
                () -> assertTrue(run("frobnicate").err().contains("unknown command 'frobnicate'")),
                () -> assertTrue(run("gradient", "--theta0", "1e30").err().contains("overflows")),
                () -> assertTrue(run("gradient", "--theta0", "1e309").err().contains("out of range")),
                () -> assertTrue(run("gradient", "--theta0", "0x1p3").err()
                        .contains("'0x1p3' is not a number")),
                () -> assertTrue(run("gradient", "--samples", "\uFF14\uFF10").err()
                        .contains("is not an integer")),
                () -> assertTrue(run("--samples", "3").err()
                        .contains("options before a command are notebook's")));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"1_000", " 2.5 ", "+1.", ".5", "-1E-3", "1e+2"})
    @DisplayName("numbers are read as Python's float() reads them")
    void pythonNumbers(String theta0) {
        Run run = run("gradient", "--samples", "5", "--theta0", theta0, "--json");
        assertEquals(0, run.exitCode(), run.err());
        double expected = Double.parseDouble(theta0.strip().replace("_", ""));
        assertEquals(expected, JsonParser.parseString(run.out()).getAsJsonObject()
                .get("theta0").getAsDouble());
    }

    @Test
    @DisplayName("a bad argument is echoed in at most about 80 characters")
    void longArgumentsAreCut() {
        String huge = "9".repeat(10_000) + "x";
        for (String[] args : List.of(new String[] {"gradient", "--theta0", huge},
                new String[] {"gradient", "--samples", huge}, new String[] {huge},
                new String[] {"gradient", "--" + huge})) {
            Run run = run(args);
            assertEquals(2, run.exitCode(), run.err());
            assertTrue(run.err().length() < 250, run.err());
        }
    }

    @Test
    @DisplayName("options before any command are the notebook's: --json prints the notebook's JSON")
    void optionsBeforeCommandGoToNotebook() {
        Run run = run("--json");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(run("notebook", "--json").out(), run.out());
    }
}
