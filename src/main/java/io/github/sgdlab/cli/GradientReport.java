package io.github.sgdlab.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.output.ComparisonJson;
import io.github.sgdlab.persample.Strategy;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.Consumer;
import java.util.function.Function;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code notebook}, {@code gradient} and {@code gradient --data} share: compute the four
 * gradients over d features, refuse non-finite results, write the per-sample CSV, print text or
 * JSON, and turn the cross-check into the exit code. The notebook and the generated data are the
 * case d = 1; only the data's description differs between the three.
 */
final class GradientReport {

    private GradientReport() {}

    /**
     * What the report says about the data, besides the numbers.
     *
     * @param text the start of the first text line, before {@code , theta = …}: e.g.
     *     {@code seed 45, 40 samples}
     * @param lead the JSON keys before {@code samples}: {@code seed}, or {@code data}
     * @param trail the JSON keys after {@code cross_check}, for a file: {@code target},
     *     {@code features}, {@code theta}
     */
    record Source(String text, JsonObject lead, JsonObject trail) {}

    /**
     * The report's settings besides the data.
     *
     * @param theta where to take the gradients
     * @param dataType float32 or float64
     * @param json whether to print JSON instead of text
     * @param strategy how the per-sample gradients are computed
     * @param perSampleCsv where to write the per-sample gradients, or null
     * @param perSample also receives the per-sample gradients (a picture's), or
     *     {@link PerSampleSink#NONE}
     * @param save what to write once the results are known to be finite (a picture), before
     *     the CSV is renamed over its target and before anything is printed
     * @param text how to render the comparison as text
     */
    record Settings(Theta theta, DataType dataType, boolean json, Strategy strategy,
            Path perSampleCsv, PerSampleSink perSample, Consumer<GradientComparison> save,
            Function<GradientComparison, String> text) {}

    /**
     * Computes the comparison and prints it in one piece, so a failure never leaves half an
     * output. With {@code --per-sample-csv} the per-sample gradients stream into the CSV's
     * temporary file as they are computed; it is renamed over the target only once the results
     * are known to be finite and before anything is printed: bad input writes nothing.
     *
     * @param spec the command, for error messages
     * @param source what the report says about the data
     * @param data the samples
     * @param settings θ, the type, the format and what to write besides
     * @return 0 if the cross-check passed, {@link SgdLab#CROSS_CHECK_FAILED} otherwise
     */
    static int print(CommandSpec spec, Source source, FeatureData data, Settings settings) {
        Theta theta = settings.theta();
        DataType dataType = settings.dataType();
        Strategy strategy = settings.strategy();
        PerSampleCsv.Rows<GradientComparison> compute = sink -> {
            GradientComparison computed;
            // The loop goes over the samples twice (average, then spread), so the bar counts
            // 2n steps; a bar on a terminal for long loops only.
            try (NDManager manager = NDManager.newBaseManager("PyTorch");
                    StderrProgress bar = StderrProgress.start(
                            "per-sample loop, two passes (samples)", 2L * data.samples(),
                            strategy != Strategy.LOOP)) {
                computed = GradientComparison.compute(manager, data, theta, dataType, strategy,
                        bar::stepTo, sink.andThen(settings.perSample()));
            }
            if (!computed.allFinite()) {
                // Thrown inside the CSV's write, so the file is abandoned.
                throw overflow(spec, theta.toString(), dataType);
            }
            settings.save().accept(computed);
            return computed;
        };
        GradientComparison result;
        Path perSampleCsv = settings.perSampleCsv();
        if (perSampleCsv == null) {
            result = compute.compute(PerSampleSink.NONE);
        } else {
            try {
                result = PerSampleCsv.write(spec, perSampleCsv, data.features() + 1, compute);
            } catch (IOException e) {
                throw PerSampleCsv.failure(spec, perSampleCsv, e);
            }
        }
        PrintWriter out = PerSampleCsv.reportStream(spec);
        if (settings.json()) {
            out.println(ComparisonJson.of(source.lead(), data.samples(), result,
                    source.trail()));
        } else {
            out.print(settings.text().apply(result));
        }
        out.flush();
        return result.crossCheck().ok() ? 0 : SgdLab.CROSS_CHECK_FAILED;
    }

    /**
     * The bad-input error for a θ whose loss or gradient overflows the working type: such a
     * result must be reported, never printed as a number.
     *
     * @param spec the command, for the error
     * @param theta θ as the message shows it, e.g. {@code (1.0, 2.0)}
     * @param dataType the working type
     * @return the exception to throw
     */
    static ParameterException overflow(CommandSpec spec, String theta, DataType dataType) {
        return new ParameterException(spec.commandLine(), String.format(
                "theta = %s is too far from the data: the %s loss or gradient "
                        + "overflows (try a smaller theta%s)",
                theta, dataType, dataType == DataType.FLOAT32 ? " or --dtype float64" : ""));
    }
}
