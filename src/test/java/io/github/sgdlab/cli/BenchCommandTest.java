package io.github.sgdlab.cli;

import io.github.sgdlab.JavaProcess;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code bench per-sample}: what it prints (not how fast: timings are benchmarks' business). */
class BenchCommandTest {

    @Test
    @DisplayName("bench per-sample --json prints the settings, min_ms <= median_ms and us per sample")
    void json() {
        SgdLabTest.Run run = SgdLabTest.run("bench", "per-sample", "--model", "mlp", "--layers",
                "4,3,2", "--samples", "5", "--strategy", "loop", "--dtype", "float64",
                "--repeat", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("mlp", json.get("model").getAsString());
        assertEquals("[4,3,2]", json.get("layers").toString());
        assertEquals(5, json.get("samples").getAsInt());
        assertEquals("loop", json.get("strategy").getAsString());
        assertEquals("float64", json.get("dtype").getAsString());
        assertEquals(3, json.get("repeat").getAsInt());
        double min = json.get("min_ms").getAsDouble();
        double median = json.get("median_ms").getAsDouble();
        assertTrue(min > 0 && min <= median, run.out());
        assertEquals(median * 1000 / 5, json.get("us_per_sample").getAsDouble(), 1e-9);
    }

    @Test
    @DisplayName("bench per-sample prints min and median ms in text")
    void text() {
        SgdLabTest.Run run = SgdLabTest.run("bench", "per-sample", "--model", "linear",
                "--samples", "1000", "--repeat", "2");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("per-sample gradients: linear 1-1, 1000 samples, "
                + "float32, vectorized, 1 thread, 2 timed runs\nmin "), run.out());
        assertTrue(run.out().contains(" ms, median "), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--model cnn --samples 5 | unknown model 'cnn': expected linear or mlp",
        "--model mlp --samples 5 --strategy auto | unknown strategy 'auto': expected loop or vectorized",
        "--model mlp --samples 0 | --samples must be between 1 and 10000000, got 0",
        "--model mlp --samples 5 --layers 4 | layers must be at least two positive widths",
        "--model linear --samples 5 --layers 4,2 | --layers applies to --model mlp only",
        "--model mlp --samples 5 --repeat 0 | repeat must be at least 1",
        "--model mlp --samples 5 --threads 0 | --threads must be at least 1",
        "--model mlp | --samples"})
    @DisplayName("bad options: one line on stderr, exit 2, nothing on stdout")
    void badInput(String args, String message) {
        String[] words = ("bench per-sample " + args).split(" ");
        SgdLabTest.Run run = SgdLabTest.run(words);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("sgd-lab: ") && run.err().contains(message)
                && run.err().indexOf('\n') == run.err().length() - 1, run.err());
    }
    @Test
    @DisplayName("bench private --json prints the DP step's and the plain step's min and median ms")
    void privateJson() {
        SgdLabTest.Run run = SgdLabTest.run("bench", "private", "--layers", "6,5,3",
                "--samples", "4", "--ghost", "--repeat", "3", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals("mlp", json.get("model").getAsString());
        assertEquals("[6,5,3]", json.get("layers").toString());
        assertEquals(4, json.get("samples").getAsInt());
        assertTrue(json.get("ghost").getAsBoolean());
        assertEquals(3, json.get("repeat").getAsInt());
        for (String side : new String[] {"", "non_private_"}) {
            double min = json.get(side + "min_ms").getAsDouble();
            double median = json.get(side + "median_ms").getAsDouble();
            assertTrue(min > 0 && min <= median, run.out());
        }
    }

    @Test
    @DisplayName("bench private --private-only times the DP step alone: no non-private keys")
    void privateOnly() {
        SgdLabTest.Run run = SgdLabTest.run("bench", "private", "--layers", "6,5,3",
                "--samples", "4", "--repeat", "2", "--private-only", "--json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertTrue(json.get("min_ms").getAsDouble() > 0, run.out());
        assertFalse(json.has("non_private_min_ms") || json.has("non_private_median_ms"),
                run.out());
        SgdLabTest.Run text = SgdLabTest.run("bench", "private", "--layers", "6,5,3",
                "--samples", "4", "--repeat", "1", "--private-only");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("\nprivate      min "), text.out());
        assertFalse(text.out().contains("non-private"), text.out());
    }

    @Test
    @DisplayName("bench private --model cnn times the CNN's DP step in text")
    void privateCnnText() {
        SgdLabTest.Run run = SgdLabTest.run("bench", "private", "--model", "cnn",
                "--samples", "2", "--repeat", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("DP-SGD step: cnn 1x28x28-32-64-64-10, 2 samples, "
                + "float32, per-sample gradients, 1 thread, 1 timed steps\nprivate      min "),
                run.out());
        assertTrue(run.out().contains("\nnon-private  min "), run.out());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "--model linear --samples 5 | unknown model 'linear': expected mlp or cnn",
        "--samples 0 | --samples must be between 1 and 10000000, got 0",
        "--samples 5 --layers 4 | layers must be at least two positive widths",
        "--model cnn --samples 5 --layers 4,2 | --layers applies to --model mlp only",
        "--samples 5 --repeat 0 | repeat must be at least 1",
        "--samples 5 --threads 0 | --threads must be at least 1",
        "--model mlp | --samples"})
    @DisplayName("bench private, bad options: one line on stderr, exit 2, nothing on stdout")
    void privateBadInput(String args, String message) {
        String[] words = ("bench private " + args).split(" ");
        SgdLabTest.Run run = SgdLabTest.run(words);
        assertEquals(2, run.exitCode(), run.err());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("sgd-lab: ") && run.err().contains(message)
                && run.err().indexOf('\n') == run.err().length() - 1, run.err());
    }

    @Test
    @DisplayName("bench private in a process of its own: bad input exits 2 with one line")
    void privateProcess() throws Exception {
        JavaProcess.Result bad = JavaProcess.run(new ProcessBuilder(JavaProcess.sgdLab(java.util.List.of(),
                "bench", "private", "--samples", "-3")));
        assertEquals(2, bad.exitCode(), bad.err());
        assertEquals("", bad.out());
        assertTrue(bad.err().contains("--samples must be between 1")
                && bad.err().indexOf('\n') == bad.err().length() - 1, bad.err());
    }
}
