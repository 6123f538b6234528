package io.github.sgdlab.check;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import io.github.sgdlab.files.AtomicFile;
import io.github.sgdlab.files.DoubleText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Golden-file regression tests for gradients: how a project notices that an upgrade of DJL or
 * libtorch changed its gradients.
 *
 * <pre>{@code
 * GradientSnapshot.assertMatches(Path.of("src/test/resources/golden/mlp-gradients.json"),
 *         Map.of("weight", weightGradient, "bias", biasGradient), 1e-12, 1e-12);
 * }</pre>
 *
 * <p>The golden file is JSON: every value written so that it parses back to the same double (a
 * float32 value is stored as its exact double), each gradient's dtype and shape, and the
 * provenance of the values — DJL's version, the engine and its native version, Java, the OS and
 * the architecture — so a failure says what the golden values were computed with.
 *
 * <p>If the file does not exist, or the system property {@value #UPDATE_PROPERTY} is
 * {@code true}, the gradients are written (through {@link AtomicFile}: a temporary file renamed
 * into place, so a crash never leaves half a file; a new file gets the usual 0644-style
 * permissions), one line on standard output says what was written, and the call throws instead
 * of passing: opentest4j's {@code TestAbortedException} where it is on the class path (JUnit then
 * shows the test as aborted with the file's path), an {@link AssertionError} otherwise. Nothing
 * was compared, and the test says so. Maven reports an aborted test only as {@code Skipped: 1}:
 * on CI, set {@value #FAIL_ON_MISSING_PROPERTY} to {@code true} and a missing golden file fails
 * the test (it is still written, for the build's workspace).
 */
public final class GradientSnapshot {

    /** The system property that rewrites every golden file: {@code -Dsgdlab.snapshots.update=true}. */
    public static final String UPDATE_PROPERTY = "sgdlab.snapshots.update";

    /**
     * The system property that turns a missing golden file into a failure, for CI:
     * {@code -Dsgdlab.snapshots.failOnMissing=true}.
     */
    public static final String FAIL_ON_MISSING_PROPERTY = "sgdlab.snapshots.failOnMissing";

    private static final Gson GSON = new GsonBuilder()
            .setPrettyPrinting()
            .serializeSpecialFloatingPointValues()
            .create();

    private GradientSnapshot() {}

    /**
     * Compares gradients with a golden file element by element, with numpy's
     * {@code assert_allclose} rule, golden values as expected; writes the file instead when it is
     * missing or {@value #UPDATE_PROPERTY} is set.
     *
     * @param golden the golden file
     * @param gradients the gradients by name; the names must be the golden file's
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @throws AssertionError if a name, a dtype, a shape or a value differs, with both provenances
     * @throws RuntimeException opentest4j's {@code TestAbortedException} after writing the file
     * @throws UncheckedIOException if the file cannot be read or written
     */
    public static void assertMatches(Path golden, Map<String, NDArray> gradients, double rtol,
            double atol) {
        if (gradients.isEmpty()) {
            throw new IllegalArgumentException("no gradients to snapshot");
        }
        // Each fact read once: another thread may write the same golden file meanwhile, and the
        // message must say why this call wrote, not what the file system shows a moment later.
        boolean update = Boolean.getBoolean(UPDATE_PROPERTY);
        if (update || !Files.exists(golden)) {
            write(golden, gradients);
            String message = String.format(Locale.ROOT,
                    "%s golden file %s with %d gradients (%s): nothing was compared; review it "
                            + "and commit it, later runs compare against it",
                    update ? "rewrote (" + UPDATE_PROPERTY + "=true)" : "wrote the missing",
                    golden, gradients.size(), String.join(", ", new TreeSet<>(gradients.keySet())));
            System.out.println("GradientSnapshot: " + message);
            if (!update && Boolean.getBoolean(FAIL_ON_MISSING_PROPERTY)) {
                throw new AssertionError(message + " (" + FAIL_ON_MISSING_PROPERTY
                        + "=true: a missing golden file fails)");
            }
            throw Failures.aborted(message, GradientSnapshot.class.getClassLoader());
        }
        compare(golden, read(golden), gradients, rtol, atol);
    }

    private static void compare(Path golden, JsonObject snapshot, Map<String, NDArray> gradients,
            double rtol, double atol) {
        JsonObject stored = snapshot.getAsJsonObject("gradients");
        StringBuilder problems = new StringBuilder();
        TreeSet<String> missing = new TreeSet<>(stored.keySet());
        missing.removeAll(gradients.keySet());
        TreeSet<String> extra = new TreeSet<>(gradients.keySet());
        extra.removeAll(stored.keySet());
        if (!missing.isEmpty() || !extra.isEmpty()) {
            problems.append(String.format(Locale.ROOT,
                    "names differ: in the golden file only %s, in the gradients only %s\n",
                    missing, extra));
        }
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (String name : new TreeSet<>(gradients.keySet())) {
            if (!stored.has(name)) {
                continue;
            }
            JsonObject entry = stored.getAsJsonObject(name);
            NDArray gradient = gradients.get(name);
            Shape goldenShape = shape(entry.getAsJsonArray("shape"));
            double[] goldenValues = values(entry.getAsJsonArray("values"));
            double[] values = Doubles.of(gradient);
            String dtype = entry.get("dtype").getAsString();
            if (!dtype.equals(gradient.getDataType().toString())) {
                problems.append(String.format(Locale.ROOT, "%s: dtype %s in the golden file, %s "
                        + "now\n", name, dtype, gradient.getDataType()));
            }
            String mismatch = AllClose.mismatch(goldenShape, goldenValues, gradient.getShape(),
                    values, rtol, atol);
            if (mismatch != null) {
                problems.append(name).append(": ").append(mismatch);
                expected.append(name).append(' ').append(AllClose.text(goldenShape, goldenValues));
                actual.append(name).append(' ').append(AllClose.text(gradient.getShape(), values));
            }
        }
        if (problems.length() > 0) {
            JsonObject now = provenance(gradients.values().iterator().next());
            throw Failures.assertionFailed(String.format(Locale.ROOT,
                    "gradients differ from the golden file %s\n%s\ngolden file written with %s\n"
                            + "now running on       %s\n(to accept the new gradients, rerun with "
                            + "-D%s=true and commit the file)",
                    golden, problems, describe(snapshot.getAsJsonObject("provenance")),
                    describe(now), UPDATE_PROPERTY),
                    expected.toString(), actual.toString());
        }
    }

    private static JsonObject read(Path golden) {
        try {
            JsonObject snapshot = JsonParser.parseString(
                    Files.readString(golden, StandardCharsets.UTF_8)).getAsJsonObject();
            if (!snapshot.has("gradients") || !snapshot.has("provenance")) {
                throw new JsonParseException("no 'gradients' or 'provenance'");
            }
            return snapshot;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read golden file " + golden, e);
        } catch (JsonParseException | IllegalStateException | ClassCastException e) {
            throw new IllegalStateException("golden file " + golden + " is not a gradient "
                    + "snapshot: " + e.getMessage(), e);
        }
    }

    private static void write(Path golden, Map<String, NDArray> gradients) {
        JsonObject snapshot = new JsonObject();
        snapshot.add("provenance", provenance(gradients.values().iterator().next()));
        JsonObject entries = new JsonObject();
        for (String name : new TreeSet<>(gradients.keySet())) {
            NDArray gradient = gradients.get(name);
            JsonObject entry = new JsonObject();
            entry.addProperty("dtype", gradient.getDataType().toString());
            JsonArray shape = new JsonArray();
            for (long d : gradient.getShape().getShape()) {
                shape.add(d);
            }
            entry.add("shape", shape);
            JsonArray values = new JsonArray();
            for (double v : Doubles.of(gradient)) {
                // The shortest text that parses back to the same double (JDK 17's own
                // Double.toString is not always the shortest); NaN and infinities as Gson
                // writes them.
                values.add(Double.isFinite(v) ? DoubleText.number(v) : (Number) v);
            }
            entry.add("values", values);
            entries.add(name, entry);
        }
        snapshot.add("gradients", entries);
        String text = GSON.toJson(snapshot) + "\n";
        try {
            Path folder = golden.toAbsolutePath().getParent();
            if (folder != null) {
                Files.createDirectories(folder);
            }
            AtomicFile.writeString(golden, text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write golden file " + golden, e);
        }
    }

    /** Where the values come from: library, engine and platform versions. */
    private static JsonObject provenance(NDArray any) {
        Engine engine = any.getManager().getEngine();
        JsonObject provenance = new JsonObject();
        provenance.addProperty("djl", Engine.getDjlVersion());
        provenance.addProperty("engine", engine.getEngineName());
        provenance.addProperty("engine_version", engine.getVersion());
        provenance.addProperty("java", System.getProperty("java.version"));
        provenance.addProperty("java_vendor", System.getProperty("java.vendor"));
        provenance.addProperty("os", System.getProperty("os.name") + " "
                + System.getProperty("os.version"));
        provenance.addProperty("arch", System.getProperty("os.arch"));
        return provenance;
    }

    private static String describe(JsonObject provenance) {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, JsonElement> e : provenance.entrySet()) {
            out.append(out.length() == 0 ? "" : ", ").append(e.getKey()).append(' ')
                    .append(e.getValue().getAsString());
        }
        return out.toString();
    }

    private static Shape shape(JsonArray dims) {
        long[] shape = new long[dims.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dims.get(i).getAsLong();
        }
        return new Shape(shape);
    }

    private static double[] values(JsonArray array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).getAsDouble();
        }
        return values;
    }
}
