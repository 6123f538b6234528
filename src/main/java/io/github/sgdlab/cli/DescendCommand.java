package io.github.sgdlab.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.chart.DescentCharts;
import io.github.sgdlab.chart.PerSampleArrows;
import io.github.sgdlab.chart.PrivateDescentCharts;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.FeatureDependence;
import io.github.sgdlab.descent.Dataset;
import io.github.sgdlab.descent.Descent;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentProgress;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.InvalidSettingException;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.ClippedGradients;
import io.github.sgdlab.descent.PrivateDescent;
import io.github.sgdlab.descent.PrivateDescentResult;
import io.github.sgdlab.descent.PrivateSettings;
import io.github.sgdlab.descent.TrajectoryListener;
import io.github.sgdlab.linear.GradientsAt;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.output.DescentJson;
import io.github.sgdlab.output.DescentPictures;
import io.github.sgdlab.output.OutputDirectory;
import io.github.sgdlab.output.PrivateDescentJson;
import io.github.sgdlab.output.TrajectoryCsvStream;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Stream;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code descend}: full-batch, mini-batch or stochastic gradient descent with momentum on the
 * linear model, gradients by DJL autograd, checked against a plain-Java reference; on a built-in
 * data set (the notebook's model, one feature) or, with {@code --data}, on the user's CSV file
 * with d features; with {@code --method dp-sgd}, private SGD ({@code PrivateDescent}) and each
 * run's ε. Both stream their trajectories to {@code --out}.
 */
@Command(
        name = "descend",
        mixinStandardHelpOptions = true,
        description = "Gradient descent (full, sgd, minibatch; with momentum) on DJL autograd, "
                + "runs averaged, checked against a plain-Java reference; or private SGD "
                + "(dp-sgd, Opacus's DP-SGD) with each run's epsilon.",
        subcommands = StudyCommand.class)
final class DescendCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--dataset", paramLabel = "NAME",
            description = "notebook or wide (default: ${DEFAULT-VALUE}); not with --data.")
    private String dataset = "notebook";

    @Mixin
    private DataFileOptions dataFile;

    @Option(names = "--method", paramLabel = "METHOD",
            description = "full, sgd, minibatch or dp-sgd (default: ${DEFAULT-VALUE}).")
    private String method = "full";

    /** The method name of private SGD, Opacus's DP-SGD with Poisson sampling. */
    static final String DP_SGD = "dp-sgd";

    /** dp-sgd's --max-epochs when not given: a noisy run rarely meets eps, and 10^4 is long. */
    static final int PRIVATE_MAX_EPOCHS = 100;

    @Option(names = "--clip", paramLabel = "C",
            description = "dp-sgd: the per-sample clipping norm, > 0 (required with dp-sgd).")
    private Double clip;

    @Option(names = "--noise", paramLabel = "S",
            description = "dp-sgd: the noise multiplier sigma, >= 0 (required with dp-sgd).")
    private Double noise;

    @Option(names = "--delta", paramLabel = "D",
            description = "dp-sgd: the delta of the reported epsilon (default: 1e-5).")
    private double delta = PrivateSettings.DEFAULT_DELTA;

    @Option(names = "--accountant", paramLabel = "NAME",
            description = "dp-sgd: rdp or prv (default: ${DEFAULT-VALUE}).")
    private String accountant = PrivateSettings.DEFAULT_ACCOUNTANT;

    @Option(names = "--batch", paramLabel = "B",
            description = "Mini-batch size, 1 to n (default: ${DEFAULT-VALUE}).")
    private int batch = DescentConfig.DEFAULT_BATCH;

    @Option(names = "--lr", paramLabel = "LR", description = "Learning rate, > 0 (required).")
    private Double learningRate;

    @Option(names = "--momentum", paramLabel = "MU",
            description = "Momentum in [0, 1), PyTorch SGD style (default: ${DEFAULT-VALUE}).")
    private double momentum;

    @Option(names = "--runs", paramLabel = "R",
            description = "Independent runs, 1 to 10000 (default: ${DEFAULT-VALUE}).")
    private int runs = 1;

    @Option(names = "--shuffle-seed", paramLabel = "S",
            description = "Run r shuffles with RandomState(S + r) (default: ${DEFAULT-VALUE}).")
    private long shuffleSeed;

    @Option(names = "--eps", paramLabel = "E",
            description = "Converged when |theta - theta*| < E (default: ${DEFAULT-VALUE}).")
    private double eps = DescentConfig.DEFAULT_EPS;

    @Option(names = "--max-epochs", paramLabel = "M",
            description = "Give up after M epochs (default: ${DEFAULT-VALUE}).")
    private int maxEpochs = DescentConfig.DEFAULT_MAX_EPOCHS;

    @Mixin
    private ThetaOptions thetaOptions;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DataTypeOption.class,
            description = "float64 or float32 (default: float64).")
    private DataType dataType = DataType.FLOAT64;

    @Mixin
    private OutOptions output;

    @Option(names = "--trajectory-every", paramLabel = "K",
            description = "With --out: write every K-th iteration of each run (and its last) to "
                    + "trajectory.csv (default: ${DEFAULT-VALUE}, every iteration).")
    private int trajectoryEvery = 1;

    @Option(names = "--json", description = "Print the results as JSON.")
    private boolean json;

    @Override
    public Integer call() throws IOException {
        if (privateRun()) {
            return callPrivate();
        }
        List<String> methods = LowerCaseChoice.spellings(Method.values());
        if (!methods.contains(method)) {
            throw new ParameterException(spec.commandLine(), "unknown method '" + method
                    + "': expected " + LowerCaseChoice.choices(Stream.concat(methods.stream(),
                            Stream.of(DP_SGD)).toList()));
        }
        for (String option : List.of("--clip", "--noise", "--delta", "--accountant")) {
            if (given(option)) {
                throw new ParameterException(spec.commandLine(),
                        option + " applies to --method dp-sgd only");
            }
        }
        DescentConfig config = config();
        DescentResult result;
        // The files first, stdout after: the files are the product, and a reader of stdout
        // that left early (descend --out DIR | head -3) must not cost them.
        try (OutputDirectory directory = output.open(spec)) {
            if (directory == null) {
                try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                    result = Descent.run(manager, config, progress(spec, output.quiet()));
                }
            } else {
                DescentPictures.Recording pictures = pictures().record(config);
                String source = dataFile.given() ? dataFile.source() : null;
                result = streamed(config, directory, pictures,
                        (manager, listener) -> Descent.run(manager, config,
                                progress(spec, output.quiet()), listener),
                        done -> write(done, directory, pictures, source));
                DescentCharts.omitted(config).ifPresent(note -> {
                    PrintWriter stderr = spec.commandLine().getErr();
                    stderr.println("descend --out: " + note);
                    stderr.flush();
                });
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? json(result, dataFile.given() ? dataFile.source() : null) + "\n"
                : DescentText.of(result));
        stdout.flush();
        return 0;
    }

    /** DP-SGD, with the accountant's warnings as one line each on stderr. */
    private int callPrivate() throws IOException {
        return AccountantWarnings.onStderr(spec.commandLine().getErr(), this::runPrivate);
    }

    /** DP-SGD: the private runs, their epsilon, and with --out their pictures. */
    private int runPrivate() throws IOException {
        if (clip == null || noise == null) {
            throw new ParameterException(spec.commandLine(), "missing required option "
                    + (clip == null ? "--clip" : "--noise") + " (with --method dp-sgd)");
        }
        PrivateSettings settings = badInput(() -> new PrivateSettings(clip, noise, delta,
                accountant));
        DescentConfig config = config();
        String source = dataFile.given() ? dataFile.source() : null;
        PrivateDescentResult result;
        try (OutputDirectory directory = output.open(spec)) {
            if (directory == null) {
                try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                    result = PrivateDescent.run(manager, config, settings);
                }
            } else {
                DescentPictures.Recording pictures = PrivateDescentCharts.record(config, settings);
                result = streamed(config, directory, pictures,
                        (manager, listener) -> PrivateDescent.run(manager, config, settings,
                                listener),
                        done -> {
                            directory.write("summary.json", stream -> stream.write(
                                    (PrivateDescentJson.toText(done, source) + "\n")
                                            .getBytes(StandardCharsets.UTF_8)));
                            ClippedGradients clipped = config.features() == 1
                                    && config.data().samples() <= PerSampleArrows.MAX_SAMPLES
                                    ? ClippedGradients.at(config.data(), config.start().get(0),
                                            config.start().get(1), settings,
                                            config.shuffleSeed())
                                    : null;
                            PrivateDescentCharts.write(done, pictures, clipped, directory);
                        });
                DescentCharts.omitted(config).ifPresent(note -> {
                    PrintWriter stderr = spec.commandLine().getErr();
                    stderr.println("descend --out: " + note);
                    stderr.flush();
                });
            }
        }
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(json ? PrivateDescentJson.toText(result, source) + "\n"
                : PrivateDescentText.of(result));
        stdout.flush();
        return 0;
    }

    /** A descent that tells a listener of every θ, on the manager it is given. */
    @FunctionalInterface
    private interface StreamingDescent<R> {
        R run(NDManager manager, TrajectoryListener listener);
    }

    /** Writes the files of {@code --out} other than {@code trajectory.csv}, after the descent. */
    @FunctionalInterface
    private interface ResultFiles<R> {
        void write(R result) throws IOException;
    }

    /**
     * Runs a descent for {@code --out}: {@code trajectory.csv} streams into the staging area as
     * the runs go and the pictures keep a bounded copy, so memory does not grow with runs ×
     * iterations; then the other files, and all of them committed together. The ordinary and the
     * private descent go through here alike.
     *
     * @param config the configuration, for the CSV's runs and features
     * @param directory the checked, open output directory
     * @param pictures what the pictures keep, told of every θ beside the CSV
     * @param descent the descent, given the listener to tell
     * @param files the summary and the pictures, written into the staging area
     * @return the descent's result
     */
    private <R> R streamed(DescentConfig config, OutputDirectory directory,
            DescentPictures.Recording pictures, StreamingDescent<R> descent, ResultFiles<R> files)
            throws IOException {
        try (TrajectoryCsvStream csv = OutputWriting.call(() -> new TrajectoryCsvStream(
                directory.scratch(), config.runs(), config.features(), trajectoryEvery))) {
            TrajectoryListener both = (run, epoch, t, theta, loss) -> {
                csv.iteration(run, epoch, t, theta, loss);
                pictures.iteration(run, epoch, t, theta, loss);
            };
            R result = OutputWriting.call(() -> {
                try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
                    return descent.run(manager, both);
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
            });
            OutputWriting.run(() -> {
                directory.write("trajectory.csv", csv::finish);
                files.write(result);
                directory.commit();
            });
            return result;
        }
    }

    private boolean privateRun() {
        return DP_SGD.equals(method.strip());
    }

    /**
     * The progress bar on stderr: the charts package plugs its bar in here (silent with
     * {@code --quiet} or when stderr is not a terminal).
     *
     * @param spec the command, for its streams
     * @param quiet whether the user asked for silence
     * @return what hears of every epoch
     */
    static DescentProgress progress(CommandSpec spec, boolean quiet) {
        StderrProgress[] bar = new StderrProgress[1];
        return (epoch, maxEpochs, activeRuns) -> {
            if (bar[0] == null) {
                bar[0] = StderrProgress.start("descend: epochs (at most)", maxEpochs, quiet,
                        false);
            }
            bar[0].stepTo(activeRuns == 0 ? maxEpochs : epoch);
            if (activeRuns == 0) {
                bar[0].close();
            }
        };
    }

    /**
     * The pictures {@code --out} draws: the charts package plugs in here.
     *
     * @return the picture writer
     */
    static DescentPictures pictures() {
        return new DescentCharts();
    }

    private DescentConfig config() {
        if (learningRate == null) {
            throw new ParameterException(spec.commandLine(), "missing required option --lr");
        }
        dataFile.checkUnused();
        if (trajectoryEvery < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--trajectory-every must be at least 1, got " + trajectoryEvery);
        }
        DescentConfig.Builder builder = DescentConfig.builder();
        int effectiveBatch = batch;
        Theta start;
        if (dataFile.given()) {
            if (given("--dataset")) {
                throw new ParameterException(spec.commandLine(),
                        "--dataset picks a built-in data set and --data reads a file: give one");
            }
            FeatureData data = dataFile.read();
            FeatureDependence.of(data).ifPresent(dependence -> {
                throw new ParameterException(spec.commandLine(),
                        Numbers.echo(dataFile.source()) + ": " + dependence.problem()
                                + (dependence.isConstant() ? "; leave it out with --x"
                                        : "; leave one out with --x"));
            });
            if (!given("--batch") && !"minibatch".equalsIgnoreCase(method.strip())) {
                // full and sgd never use B: the default must not refuse a file of fewer rows.
                effectiveBatch = Math.min(batch, data.samples());
            }
            start = thetaOptions.forFeatures(data.features());
            builder.optData(dataFile.source(), data).optStart(start);
        } else {
            start = thetaOptions.forFeatures(1);
            builder.optDataset(badInput(() -> LowerCaseChoice.choose("dataset", dataset, Dataset.values()))).optStart(start);
        }
        requireRepresentable(start);
        int slice = effectiveBatch;
        return badInput(() -> builder
                .optMethod(privateRun() ? Method.MINIBATCH
                        : LowerCaseChoice.choose("method", method, Method.values()))
                .optBatch(slice)
                .setLearningRate(learningRate)
                .optMomentum(momentum)
                .optRuns(runs)
                .optShuffleSeed(shuffleSeed)
                .optEps(eps)
                .optMaxEpochs(privateRun() && !given("--max-epochs") ? PRIVATE_MAX_EPOCHS
                        : maxEpochs)
                .optDataType(dataType)
                // --out streams the trajectories (TrajectoryCsvStream, DescentPictures), the
                // private descent's as the ordinary one's: none is kept in memory.
                .optKeepTrajectory(false)
                .build());
    }

    /**
     * Writes the summary and the pictures of an ordinary descent into the staging folder.
     *
     * @param pictures what the pictures kept during the descent
     * @param source the data file's name for the JSON, or null for a built-in data set
     */
    private static void write(DescentResult result, OutputDirectory directory,
            DescentPictures.Recording pictures, String source) throws IOException {
        directory.write("summary.json", stream -> stream.write(
                (json(result, source) + "\n").getBytes(StandardCharsets.UTF_8)));
        DescentConfig config = result.config();
        Optional<GradientsAt> start = pictures.drawsStartGradients()
                ? Optional.of(GradientsAt.autograd(config.data(), config.start(), config.dataType()))
                : Optional.empty();
        pictures.write(result, start, directory);
    }

    /** The JSON, with the data file's keys when there is one. */
    private static String json(DescentResult result, String source) {
        return source == null ? DescentJson.toText(result)
                : DescentJson.toText(DescentJson.toJson(result, source));
    }

    /**
     * Refuses a start θ the working type cannot hold, as {@code gradient} refuses it: in float32
     * a component beyond {@link Float#MAX_VALUE} becomes infinity and the run a NaN "diverged".
     */
    private void requireRepresentable(Theta start) {
        if (dataType != DataType.FLOAT32) {
            return;
        }
        for (double value : start.values()) {
            if (Math.abs(value) > Float.MAX_VALUE) {
                throw GradientReport.overflow(spec, start.toString(), dataType);
            }
        }
    }

    private boolean given(String option) {
        return spec.commandLine().getParseResult().hasMatchedOption(option);
    }

    /**
     * Runs a check of the user's input, turning its complaint into picocli's bad-input error; a
     * setting the lab refuses is named as the command line has always named it.
     */
    private <T> T badInput(Supplier<T> check) {
        try {
            return check.get();
        } catch (InvalidSettingException e) {
            throw new ParameterException(spec.commandLine(),
                    settingName(e.setting()) + " " + e.problem(), e);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * The words this command's messages use for a descent setting.
     *
     * @param setting the setting
     * @return its name in the command line's messages
     */
    static String settingName(InvalidSettingException.Setting setting) {
        return switch (setting) {
            case START -> "theta_0";
            case LEARNING_RATE -> "lr";
            case DATA_TYPE -> "dtype";
            case CLIP -> "--clip";
            case NOISE -> "--noise";
            case DELTA -> "--delta";
            default -> setting.words();
        };
    }
}
