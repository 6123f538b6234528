package io.github.sgdlab.cli;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.chart.PerSampleArrows;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.files.AtomicFile;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.PerSampleSink;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.notebook.NotebookTranscript;
import io.github.sgdlab.output.JsonNumbers;
import io.github.sgdlab.persample.Strategy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code gradient}: all four gradient paths at any θ, seed, size and data type, on generated data
 * or, with {@code --data}, on the user's own CSV file with any number of features.
 */
@Command(
        name = "gradient",
        mixinStandardHelpOptions = true,
        description = "All four gradients (DJL batch and per-sample, reference batch and "
                + "per-sample) at any theta, seed, size and dtype, with the cross-check.")
final class GradientCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Mixin
    private DataSetOptions dataSet;

    @Mixin
    private DataFileOptions dataFile;

    @Mixin
    private ThetaOptions thetaOptions;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DataTypeOption.class,
            description = "float32 or float64 (default: float32).")
    private DataType dataType = DataType.FLOAT32;

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    @Option(names = "--per-sample", paramLabel = "STRATEGY", converter = PerSampleStrategies.class,
            description = "How the per-sample gradients are computed: loop (one sample at a time) "
                    + "or vectorized (one backward pass; default).")
    private Strategy perSample = Strategy.VECTORIZED;

    @Option(names = "--per-sample-csv", paramLabel = "PATH",
            description = "Also write the n per-sample gradients to this CSV file, one row per "
                    + "sample: grad_theta0,...,grad_thetaD ('-': stdout, the report then goes "
                    + "to stderr).")
    private Path perSampleCsv;

    @Option(names = "--plot", paramLabel = "PATH",
            description = "Also draw the picture of the per-sample gradients at theta, their mean "
                    + "and the batch gradient, as PNG (at most "
                    + PerSampleArrows.MAX_SAMPLES + " samples; not '-').")
    private Path plot;

    @Override
    public Integer call() {
        dataFile.checkUnused();
        if (dataFile.given()) {
            if (plot != null) {
                throw new ParameterException(spec.commandLine(),
                        "--plot draws the generated data only (seed and samples), not --data");
            }
            return fromFile();
        }
        LinearData generated = dataSet.generate();
        Theta theta = thetaOptions.forGenerated();
        checkPlot(generated);
        FeatureData data = generated.features();
        JsonObject lead = new JsonObject();
        lead.addProperty("seed", generated.seed());
        String source = String.format(Locale.ROOT, "seed %d, %d samples", generated.seed(),
                generated.samples());
        // The picture needs every sample's gradient: at most PerSampleArrows.MAX_SAMPLES.
        double[][] pairs = plot == null ? null : new double[2][data.samples()];
        PerSampleSink keep = pairs == null ? PerSampleSink.NONE : (from, m, gradients) -> {
            for (int j = 0; j < 2; j++) {
                System.arraycopy(gradients[j], 0, pairs[j], from, m);
            }
        };
        return GradientReport.print(spec, new GradientReport.Source(source, lead,
                new JsonObject()), data, new GradientReport.Settings(theta, dataType, json,
                        perSample, perSampleCsv, keep, result -> plot(result, pairs),
                        result -> NotebookTranscript.table(source, result)));
    }

    /**
     * Draws {@code --plot} from the gradients the command computed: each sample's and the
     * batch's, by DJL autograd. A write that fails is a failure to write results, exit 3; the
     * plot's path was checked before any work.
     */
    private void plot(GradientComparison result, double[][] pairs) {
        if (plot == null) {
            return;
        }
        try {
            PerSampleArrows.write(plot, result.theta(), new PerSampleGradients(pairs),
                    result.batch().gradient());
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot write --plot " + Numbers.echo(plot.toString()) + ": "
                            + PerSampleCsv.reason(e), e);
        }
    }

    /** Refuses a --plot that cannot be written before any work, so bad input writes nothing. */
    private void checkPlot(LinearData data) {
        if (plot == null) {
            return;
        }
        Path folder = plot.toAbsolutePath().getParent();
        String named = "--plot " + Numbers.echo(plot.toString());
        String problem = null;
        if (data.samples() > PerSampleArrows.MAX_SAMPLES) {
            problem = "--plot draws at most " + PerSampleArrows.MAX_SAMPLES
                    + " samples' arrows, got --samples " + data.samples();
        } else if (PerSampleCsv.isStdout(plot)) {
            // The report goes to stdout: a PNG there would be mixed into it.
            problem = "--plot - is refused: stdout carries the report; name a file (or "
                    + "/dev/stdout with the report redirected)";
        } else if (isSpecial(plot)) {
            if (!Files.isWritable(plot)) {
                problem = named + " is not writable";
            }
        } else if (Files.isDirectory(plot)) {
            problem = named + " is a directory, not a file name";
        } else if (folder == null || !Files.isDirectory(folder)) {
            problem = named + ": the folder " + Numbers.echo(String.valueOf(folder))
                    + " does not exist";
        } else if (!Files.isWritable(folder)) {
            problem = named + ": the folder " + Numbers.echo(folder.toString())
                    + " is not writable";
        }
        if (problem != null) {
            throw new ParameterException(spec.commandLine(), problem);
        }
    }

    /** Whether --plot names a device, a FIFO or a descriptor, written through, not replaced. */
    private static boolean isSpecial(Path path) {
        try {
            return AtomicFile.isSpecial(path);
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code --data}: the user's file, d features, θ from --theta or --theta0/--theta1. */
    private int fromFile() {
        if (given("--seed") || given("--samples")) {
            throw new ParameterException(spec.commandLine(),
                    "--seed and --samples draw data; with --data the file holds the samples");
        }
        FeatureData data = dataFile.read();
        Theta vector = thetaOptions.forFeatures(data.features());
        String source = String.format(Locale.ROOT, "%s, %d samples, %s ~ %s",
                dataFile.source(), data.samples(), data.targetName(),
                String.join(" + ", data.featureNames()));
        JsonObject lead = new JsonObject();
        lead.addProperty("data", dataFile.source());
        JsonObject trail = new JsonObject();
        trail.addProperty("target", data.targetName());
        JsonArray features = new JsonArray();
        data.featureNames().forEach(features::add);
        trail.add("features", features);
        trail.add("theta", JsonNumbers.numbers(vector.values()));
        return GradientReport.print(spec, new GradientReport.Source(source, lead, trail), data,
                new GradientReport.Settings(vector, dataType, json, perSample, perSampleCsv,
                        PerSampleSink.NONE, result -> { },
                        result -> NotebookTranscript.table(source, result)));
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }
}
