package io.github.sgdlab.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.grad.FeatureComparison;
import io.github.sgdlab.linear.BatchGradientVector;
import io.github.sgdlab.linear.GradientVector;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.linear.ThetaVector;
import io.github.sgdlab.notebook.NotebookTranscript;
import io.github.sgdlab.output.ComparisonJson;
import io.github.sgdlab.output.JsonNumbers;
import io.github.sgdlab.persample.Strategy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code gradient --data}: the four gradients over a data file with d features, as text or JSON.
 * For d = 1 both print what {@code gradient} prints for generated data, row for row and key for
 * key, except the first line's data description (text) and {@code seed} (JSON).
 */
final class FeatureReport {

    private static final Gson GSON = new Gson();

    private FeatureReport() {}

    /**
     * Computes the comparison and prints it in one piece. With {@code --per-sample-csv} the
     * per-sample gradients stream into the CSV's temporary file as they are computed; it is
     * renamed over the target only once the results are known to be finite and before anything
     * is printed: bad input writes nothing.
     *
     * @param spec the command, for error messages
     * @param source the data's name, for the first text line and the JSON's {@code data}
     * @param data the samples
     * @param theta where to take the gradients
     * @param dataType float32 or float64
     * @param json whether to print JSON instead of text
     * @param strategy how the per-sample gradients are computed
     * @param perSampleCsv where to write the per-sample gradients, or null
     * @return 0 if the cross-check passed, {@link SgdLab#CROSS_CHECK_FAILED} otherwise
     */
    static int print(CommandSpec spec, String source, FeatureData data, ThetaVector theta,
            DataType dataType, boolean json, Strategy strategy, Path perSampleCsv) {
        PerSampleCsv.Rows<FeatureComparison> compute = sink -> {
            FeatureComparison computed;
            // The loop goes over the samples twice (average, then spread), so the bar counts
            // 2n steps; a bar on a terminal for long loops only, as for generated data.
            try (NDManager manager = NDManager.newBaseManager("PyTorch");
                    StderrProgress bar = StderrProgress.start(
                            "per-sample loop, two passes (samples)", 2L * data.samples(),
                            strategy != Strategy.LOOP)) {
                computed = FeatureComparison.compute(manager, data, theta, dataType, strategy,
                        bar::stepTo, sink);
            }
            if (!computed.allFinite()) {
                // Thrown inside the CSV's write, so the file is abandoned.
                throw GradientReport.overflow(spec, theta.toString(), dataType);
            }
            return computed;
        };
        FeatureComparison result;
        if (perSampleCsv == null) {
            result = compute.compute(PerSampleSink.NONE);
        } else {
            try {
                result = PerSampleCsv.write(spec, perSampleCsv, data.features() + 1,
                        compute);
            } catch (IOException e) {
                throw PerSampleCsv.failure(spec, perSampleCsv, e);
            }
        }
        PrintWriter out = PerSampleCsv.reportStream(spec);
        if (json) {
            out.println(json(source, data, result));
        } else {
            out.print(table(source, data, result));
        }
        out.flush();
        return result.crossCheck().ok() ? 0 : SgdLab.CROSS_CHECK_FAILED;
    }

    static String table(String source, FeatureData data, FeatureComparison result) {
        int p = data.features() + 1;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s, %d samples, %s ~ %s, theta = %s, %s\n\n",
                source, data.samples(), data.targetName(),
                String.join(" + ", data.featureNames()), result.theta(), result.dataType()));
        out.append(String.format(Locale.ROOT, "%-40s", ""));
        for (int j = 0; j < p; j++) {
            out.append(String.format(Locale.ROOT, " %-24s", "grad_theta" + j));
        }
        out.append(" loss\n");
        row(out, "DJL autograd, batch (In [10])", result.batch());
        row(out, "DJL autograd, per-sample avg (In [11])", result.perSampleAverage());
        row(out, "DJL autograd, per-sample std (spread)", result.perSampleStd());
        row(out, "reference, batch (In [12])", result.referenceBatch());
        row(out, "reference, per-sample avg (In [14])", result.referencePerSampleAverage());
        return out.append('\n')
                .append(NotebookTranscript.verdict(result.crossCheck(), result.dataType()))
                .append('\n').toString();
    }

    /** Label, then each component left-aligned in 24 columns, then the loss. */
    private static void row(StringBuilder out, String label, BatchGradientVector batch) {
        out.append(String.format(Locale.ROOT, "%-40s", label));
        for (double g : batch.gradient().values()) {
            out.append(String.format(Locale.ROOT, " %-24s", DoubleText.of(g)));
        }
        out.append(' ').append(DoubleText.of(batch.loss())).append('\n');
    }

    /** Label, then each component; the last without padding, as the d = 1 table has it. */
    private static void row(StringBuilder out, String label, GradientVector gradient) {
        out.append(String.format(Locale.ROOT, "%-40s", label));
        double[] values = gradient.values();
        for (int j = 0; j < values.length; j++) {
            String text = DoubleText.of(values[j]);
            out.append(' ').append(j + 1 < values.length
                    ? String.format(Locale.ROOT, "%-24s", text) : text);
        }
        out.append('\n');
    }

    static String json(String source, FeatureData data, FeatureComparison result) {
        JsonObject json = new JsonObject();
        json.addProperty("data", source);
        json.addProperty("samples", data.samples());
        double[] theta = result.theta().values();
        if (theta.length == 2) {
            json.add("theta0", JsonNumbers.number(theta[0]));
            json.add("theta1", JsonNumbers.number(theta[1]));
        }
        json.addProperty("dtype", result.dataType().toString());
        json.add("batch", batch(result.batch()));
        json.add("per_sample_average", gradient(result.perSampleAverage()));
        json.add("per_sample_std", gradient(result.perSampleStd()));
        json.add("reference_batch", batch(result.referenceBatch()));
        json.add("reference_per_sample_average", gradient(result.referencePerSampleAverage()));
        json.add("cross_check", ComparisonJson.crossCheck(result.crossCheck()));
        json.addProperty("target", data.targetName());
        JsonArray features = new JsonArray();
        data.featureNames().forEach(features::add);
        json.add("features", features);
        json.add("theta", JsonNumbers.numbers(theta));
        return GSON.toJson(json);
    }

    private static JsonObject batch(BatchGradientVector batch) {
        return ComparisonJson.batch(batch.gradient().values(), batch.loss());
    }

    private static JsonObject gradient(GradientVector gradient) {
        return ComparisonJson.gradient(gradient.values());
    }
}
