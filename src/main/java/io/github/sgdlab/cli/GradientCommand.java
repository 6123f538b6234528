package io.github.sgdlab.cli;

import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.chart.PerSampleArrows;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.files.AtomicFile;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.linear.ThetaVector;
import io.github.sgdlab.notebook.NotebookTranscript;
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
        LinearData data = dataSet.generate();
        Theta theta = thetaOptions.forGenerated();
        checkPlot(data);
        return GradientReport.print(spec, data, theta, dataType, json,
                manager -> {
                    // The loop takes about 35 µs a sample: a bar on a terminal for long ones.
                    try (StderrProgress bar = StderrProgress.start("per-sample loop (samples)",
                            data.samples(), perSample != Strategy.LOOP)) {
                        return GradientComparison.compute(manager, data, theta, dataType,
                                perSample, bar::stepTo);
                    }
                },
                this::save, result -> table(data, result));
    }

    /**
     * Writes {@code --plot} and {@code --per-sample-csv}, if asked. A CSV path that names no
     * writable file (no such directory, a directory, no permission) is bad input, exit 2; a
     * write that fails on the way (a full disk) is a failure to write results, exit 3, like
     * stdout's. The plot's path was checked before any work.
     */
    private void save(GradientComparison result) {
        plot(result);
        if (perSampleCsv == null) {
            return;
        }
        try {
            PerSampleCsv.write(spec, perSampleCsv, result.perSample());
        } catch (IOException e) {
            throw PerSampleCsv.failure(spec, perSampleCsv, e);
        }
    }

    /**
     * Draws {@code --plot} from the gradients the command computed: each sample's and the
     * batch's, by DJL autograd.
     */
    private void plot(GradientComparison result) {
        if (plot == null) {
            return;
        }
        try {
            PerSampleArrows.write(plot, result.theta(), result.perSample(),
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
        ThetaVector vector = thetaOptions.forFeatures(data.features());
        return FeatureReport.print(spec, dataFile.source(), data, vector, dataType, json,
                perSample, perSampleCsv);
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private static String table(LinearData data, GradientComparison result) {
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "seed %d, %d samples, theta = (%s, %s), %s\n\n",
                data.seed(), data.samples(),
                result.theta().theta0(), result.theta().theta1(), result.dataType()));
        out.append(String.format(Locale.ROOT, "%-40s %-24s %-24s %s\n",
                "", "grad_theta0", "grad_theta1", "loss"));
        row(out, "DJL autograd, batch (In [10])", result.batch());
        row(out, "DJL autograd, per-sample avg (In [11])", result.perSampleAverage());
        row(out, "DJL autograd, per-sample std (spread)", result.perSample().spread());
        row(out, "reference, batch (In [12])", result.referenceBatch());
        row(out, "reference, per-sample avg (In [14])", result.referencePerSampleAverage());
        return out.append('\n').append(NotebookTranscript.verdict(result)).append('\n')
                .toString();
    }

    private static void row(StringBuilder out, String label, BatchGradient batch) {
        out.append(String.format(Locale.ROOT, "%-40s %-24s %-24s %s\n", label,
                DoubleText.of(batch.gradTheta0()), DoubleText.of(batch.gradTheta1()),
                DoubleText.of(batch.loss())));
    }

    private static void row(StringBuilder out, String label, Gradient gradient) {
        out.append(String.format(Locale.ROOT, "%-40s %-24s %s\n", label,
                DoubleText.of(gradient.gradTheta0()), DoubleText.of(gradient.gradTheta1())));
    }
}
