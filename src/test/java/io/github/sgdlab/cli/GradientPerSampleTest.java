package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.linear.AutogradGradients;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.persample.Strategy;
import io.github.sgdlab.reference.ReferenceGradients;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gradient --per-sample} and {@code --per-sample-csv}, and the per-sample spread. */
class GradientPerSampleTest extends EngineTest {

    private static final String[] CASE = {"gradient", "--seed", "2024", "--samples", "999",
        "--theta0", "1.5", "--theta1", "-2"};

    private static String[] with(String... more) {
        return Stream.concat(Stream.of(CASE), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    @DisplayName("--per-sample-csv writes each sample's gradient pair so that it parses back bit for bit")
    void csvRoundTrips(@TempDir Path dir) throws IOException {
        for (String dtype : List.of("float32", "float64")) {
            Path csv = dir.resolve("per-sample-" + dtype + ".csv");
            SgdLabTest.Run run = SgdLabTest.run(with("--dtype", dtype, "--per-sample-csv",
                    csv.toString()));
            assertEquals(0, run.exitCode(), run.err());
            List<String> lines = Files.readAllLines(csv);
            assertEquals("grad_theta0,grad_theta1", lines.get(0));
            assertEquals(1000, lines.size());
            PerSampleGradients expected;
            try (NDManager manager = newManager()) {
                expected = AutogradGradients.builder(manager)
                        .optDataType(DataType.fromNumpy(dtype.equals("float32") ? "<f4" : "<f8"))
                        .build()
                        .perSample(LinearData.generate(2024, 999).features(), Theta.of(1.5, -2));
            }
            for (int i = 0; i < 999; i++) {
                String[] fields = lines.get(i + 1).split(",");
                assertEquals(Double.doubleToRawLongBits(expected.gradient(0)[i]),
                        Double.doubleToRawLongBits(Double.parseDouble(fields[0])), "row " + i);
                assertEquals(Double.doubleToRawLongBits(expected.gradient(1)[i]),
                        Double.doubleToRawLongBits(Double.parseDouble(fields[1])), "row " + i);
            }
            try (Stream<Path> files = Files.list(dir)) {
                assertTrue(files.noneMatch(f -> f.getFileName().toString().endsWith(".tmp")));
            }
        }
    }

    @Test
    @DisplayName("--per-sample loop and vectorized print the same output and the same CSV, byte for byte")
    void loopEqualsVectorized(@TempDir Path dir) throws IOException {
        Path loopCsv = dir.resolve("loop.csv");
        Path vectorizedCsv = dir.resolve("vectorized.csv");
        SgdLabTest.Run loop = SgdLabTest.run(with("--per-sample", "loop", "--json",
                "--per-sample-csv", loopCsv.toString()));
        SgdLabTest.Run vectorized = SgdLabTest.run(with("--json", "--per-sample-csv",
                vectorizedCsv.toString()));
        assertEquals(0, loop.exitCode(), loop.err());
        assertEquals(loop.out(), vectorized.out());
        assertEquals("", vectorized.err());
        assertEquals(Files.readString(loopCsv), Files.readString(vectorizedCsv));
    }

    @Test
    @DisplayName("text and JSON carry the per-sample standard deviation, close to the reference's")
    void spread() {
        SgdLabTest.Run text = SgdLabTest.run(with("--dtype", "float64"));
        SgdLabTest.Run json = SgdLabTest.run(with("--dtype", "float64", "--json"));
        assertEquals(0, json.exitCode(), json.err());
        JsonObject std = JsonParser.parseString(json.out()).getAsJsonObject()
                .getAsJsonObject("per_sample_std");
        double std0 = std.get("grad_theta0").getAsDouble();
        double std1 = std.get("grad_theta1").getAsDouble();
        PerSampleGradients reference = ReferenceGradients.perSample(
                LinearData.generate(2024, 999).features(), Theta.of(1.5, -2));
        assertEquals(reference.spread().get(0), std0, 1e-12 * std0);
        assertEquals(reference.spread().get(1), std1, 1e-12 * std1);
        assertTrue(text.out().contains(String.format("%-40s %-24s %s\n",
                "DJL autograd, per-sample std (spread)", DoubleText.of(std0),
                DoubleText.of(std1))), text.out());
    }

    @Test
    @DisplayName("a CSV path that cannot be written: exit 2, one line, the old file untouched")
    void unwritableCsv(@TempDir Path dir) throws IOException {
        Path blocked = Files.createDirectory(dir.resolve("a-directory.csv"));
        Files.writeString(blocked.resolve("keep"), "x");
        SgdLabTest.Run run = SgdLabTest.run(with("--per-sample-csv", blocked.toString()));
        assertEquals(2, run.exitCode());
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("sgd-lab: cannot write --per-sample-csv ")
                && run.err().indexOf('\n') == run.err().length() - 1, run.err());
        assertEquals("x", Files.readString(blocked.resolve("keep")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
        SgdLabTest.Run missing = SgdLabTest.run(with("--per-sample-csv",
                dir.resolve("no/such/dir.csv").toString()));
        assertEquals(2, missing.exitCode());
    }

    @Test
    @DisplayName("an overflowing theta writes no CSV; an unknown strategy is bad input")
    void badInput(@TempDir Path dir) {
        Path csv = dir.resolve("never.csv");
        SgdLabTest.Run overflow = SgdLabTest.run("gradient", "--theta1", "1e30",
                "--per-sample-csv", csv.toString());
        assertEquals(2, overflow.exitCode(), overflow.err());
        assertFalse(Files.exists(csv));
        SgdLabTest.Run strategy = SgdLabTest.run("gradient", "--per-sample", "auto");
        assertEquals(2, strategy.exitCode());
        assertTrue(strategy.err().contains("unknown strategy 'auto': expected loop or vectorized"),
                strategy.err());
        assertEquals("", strategy.out());
    }
}
