package io.github.sgdlab.check;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.github.sgdlab.EngineTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** Golden snapshots: written and reported, then matched, then failed after a perturbation. */
class GradientSnapshotTest extends EngineTest {

    private static final double RTOL = 0;
    private static final double ATOL = 1e-12;

    @TempDir
    Path directory;

    /** Values chosen to test the round trip: thirds, a subnormal, float32's rounding of 0.1. */
    private static Map<String, NDArray> gradients(NDManager m, double shift) {
        return Map.of(
                "weight", m.create(new double[] {1.0 / 3 + shift, -2.0 / 3, Double.MIN_VALUE,
                    1e300, -0.0, 0.1}, new Shape(2, 3)),
                "bias", m.create(new float[] {0.1f, -7.25f}));
    }

    @Test
    @DisplayName("writes a missing file and reports it, then matches, then fails after 10 atol")
    void writesThenMatchesThenFails() throws Exception {
        Path golden = directory.resolve("sub/grad.json");
        try (NDManager m = manager.newSubManager()) {
            TestAbortedException wrote = assertThrows(TestAbortedException.class,
                    () -> GradientSnapshot.assertMatches(golden, gradients(m, 0), RTOL, ATOL));
            assertTrue(wrote.getMessage().startsWith("wrote the missing golden file "
                    + golden + " with 2 gradients (bias, weight)"), wrote.getMessage());
            assertTrue(Files.exists(golden));
            try (Stream<Path> files = Files.list(golden.getParent())) {
                assertEquals(1, files.count(), "no temporary file left behind");
            }

            assertDoesNotThrow(() -> GradientSnapshot.assertMatches(golden, gradients(m, 0),
                    RTOL, ATOL));

            AssertionFailedError differs = assertThrows(AssertionFailedError.class,
                    () -> GradientSnapshot.assertMatches(golden, gradients(m, 10 * ATOL),
                            RTOL, ATOL));
            String message = differs.getMessage();
            assertAll(
                    () -> assertTrue(message.startsWith("gradients differ from the golden file "
                            + golden + "\nweight: Not equal to tolerance"), message),
                    () -> assertTrue(message.contains("Mismatched elements: 1 / 6"), message),
                    () -> assertTrue(message.contains(" [0, 0]: actual "), message),
                    () -> assertTrue(message.contains("golden file written with djl 0.36.0, "
                            + "engine PyTorch, engine_version 2.7.1"), message),
                    () -> assertFalse(message.contains("bias:"), message));
        }
    }

    @Test
    @DisplayName("the file round-trips every value exactly and records dtype, shape and provenance")
    void fileContents() throws Exception {
        Path golden = directory.resolve("grad.json");
        try (NDManager m = manager.newSubManager()) {
            Map<String, NDArray> gradients = gradients(m, 0);
            assertThrows(TestAbortedException.class,
                    () -> GradientSnapshot.assertMatches(golden, gradients, RTOL, ATOL));
            JsonObject json = JsonParser.parseString(Files.readString(golden)).getAsJsonObject();
            JsonObject provenance = json.getAsJsonObject("provenance");
            JsonObject weight = json.getAsJsonObject("gradients").getAsJsonObject("weight");
            JsonObject bias = json.getAsJsonObject("gradients").getAsJsonObject("bias");
            double[] weightValues = new double[6];
            for (int i = 0; i < 6; i++) {
                weightValues[i] = weight.getAsJsonArray("values").get(i).getAsDouble();
            }
            assertAll(
                    () -> assertEquals("0.36.0", provenance.get("djl").getAsString()),
                    () -> assertEquals("PyTorch", provenance.get("engine").getAsString()),
                    () -> assertEquals("2.7.1", provenance.get("engine_version").getAsString()),
                    () -> assertEquals(System.getProperty("java.version"),
                            provenance.get("java").getAsString()),
                    () -> assertTrue(provenance.has("os") && provenance.has("arch")),
                    () -> assertEquals("float64", weight.get("dtype").getAsString()),
                    () -> assertEquals("[2,3]", weight.get("shape").toString()),
                    () -> assertArrayEquals(gradients.get("weight").toDoubleArray(),
                            weightValues),
                    () -> assertEquals(Double.doubleToRawLongBits(-0.0),
                            Double.doubleToRawLongBits(weightValues[4])),
                    () -> assertEquals("float32", bias.get("dtype").getAsString()),
                    () -> assertEquals((double) 0.1f,
                            bias.getAsJsonArray("values").get(0).getAsDouble(), 0.0));
            // Exact round trip: a zero tolerance still matches.
            assertDoesNotThrow(() -> GradientSnapshot.assertMatches(golden, gradients, 0, 0));
        }
    }

    @Test
    @DisplayName("sgdlab.snapshots.update=true rewrites an existing file and says so")
    void updateProperty() throws Exception {
        Path golden = directory.resolve("grad.json");
        try (NDManager m = manager.newSubManager()) {
            assertThrows(TestAbortedException.class,
                    () -> GradientSnapshot.assertMatches(golden, gradients(m, 0), RTOL, ATOL));
            System.setProperty(GradientSnapshot.UPDATE_PROPERTY, "true");
            try {
                TestAbortedException rewrote = assertThrows(TestAbortedException.class,
                        () -> GradientSnapshot.assertMatches(golden, gradients(m, 1), RTOL, ATOL));
                assertTrue(rewrote.getMessage().startsWith("rewrote (sgdlab.snapshots.update=true)"
                        + " golden file"), rewrote.getMessage());
            } finally {
                System.clearProperty(GradientSnapshot.UPDATE_PROPERTY);
            }
            assertDoesNotThrow(() -> GradientSnapshot.assertMatches(golden, gradients(m, 1),
                    RTOL, ATOL));
        }
    }

    @Test
    @DisplayName("a missing or extra gradient name fails")
    void namesMustMatch() {
        Path golden = directory.resolve("grad.json");
        try (NDManager m = manager.newSubManager()) {
            assertThrows(TestAbortedException.class,
                    () -> GradientSnapshot.assertMatches(golden, gradients(m, 0), RTOL, ATOL));
            AssertionError e = assertThrows(AssertionError.class,
                    () -> GradientSnapshot.assertMatches(golden,
                            Map.of("weight", gradients(m, 0).get("weight"),
                                    "gamma", m.create(new double[] {1})), RTOL, ATOL));
            assertTrue(e.getMessage().contains(
                    "names differ: in the golden file only [bias], in the gradients only [gamma]"),
                    e.getMessage());
        }
    }

    @Test
    @DisplayName("400 concurrent calls on one missing file: none says it rewrote by the property")
    void concurrentWritersSayWhy() throws Exception {
        Path golden = directory.resolve("race.json");
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try (NDManager m = manager.newSubManager()) {
            Map<String, NDArray> values = Map.of("w", m.create(new double[] {1, 2, 3}));
            List<Future<String>> calls = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                calls.add(pool.submit(() -> {
                    try {
                        GradientSnapshot.assertMatches(golden, values, RTOL, ATOL);
                        return "compared";
                    } catch (TestAbortedException e) {
                        return e.getMessage();
                    }
                }));
            }
            for (Future<String> call : calls) {
                String outcome = call.get(60, TimeUnit.SECONDS);
                assertFalse(outcome.contains(GradientSnapshot.UPDATE_PROPERTY), outcome);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    @DisplayName("with failOnMissing a missing golden file fails the test (still written, 0644-"
            + "style permissions, values that Double.toString mis-rounds written shortest)")
    void failOnMissing() throws Exception {
        Path golden = directory.resolve("ci.json");
        System.setProperty(GradientSnapshot.FAIL_ON_MISSING_PROPERTY, "true");
        try (NDManager m = manager.newSubManager()) {
            Map<String, NDArray> values = Map.of("w", m.create(new double[] {1.0E23, 2.0E23}));
            AssertionError failed = assertThrows(AssertionError.class,
                    () -> GradientSnapshot.assertMatches(golden, values, RTOL, ATOL));
            assertTrue(failed.getMessage().contains("wrote the missing golden file"));
            String text = Files.readString(golden);
            assertTrue(text.contains("1.0E23") && text.contains("2.0E23"), text);
            Path plain = directory.resolve("plain");
            Files.newOutputStream(plain).close();
            assertEquals(Files.getPosixFilePermissions(plain),
                    Files.getPosixFilePermissions(golden));
            assertDoesNotThrow(() -> GradientSnapshot.assertMatches(golden, values, RTOL, 0));
        } finally {
            System.clearProperty(GradientSnapshot.FAIL_ON_MISSING_PROPERTY);
        }
    }
}
