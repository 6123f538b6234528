package io.github.sgdlab.cli;

import ai.djl.ndarray.types.DataType;
import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.benchmark.PerSampleBenchmark.Model;
import io.github.sgdlab.benchmark.PerSampleBenchmark;
import io.github.sgdlab.benchmark.Timing;
import io.github.sgdlab.persample.Strategy;

import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench per-sample}: times per-sample gradients of the linear model or an MLP. */
@Command(
        name = "per-sample",
        mixinStandardHelpOptions = true,
        description = "Time per-sample gradients in-process after warm-up: the notebook's linear "
                + "model (squared error) or a ReLU MLP (softmax cross-entropy, random inputs).")
final class BenchPerSampleCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", converter = BenchModels.class,
            description = "linear or mlp.")
    private Model model;

    @Option(names = "--layers", paramLabel = "W,W,...", split = ",",
            description = "The MLP's widths, input first (default: 20,64,10).")
    private int[] layers = {20, 64, 10};

    @Mixin
    private BenchOptions options;

    @Option(names = "--strategy", paramLabel = "STRATEGY", converter = PerSampleStrategies.class,
            description = "loop or vectorized (default: vectorized).")
    private Strategy strategy = Strategy.VECTORIZED;

    @Option(names = "--dtype", paramLabel = "TYPE", converter = DataTypeOption.class,
            description = "float32 or float64 (default: float32).")
    private DataType dataType = DataType.FLOAT32;

    @Option(names = "--repeat", paramLabel = "R",
            description = "Timed runs, after 5 warm-up runs (default: ${DEFAULT-VALUE}).")
    private int repeat = 20;

    @Override
    public Integer call() {
        PerSampleBenchmark benchmark = benchmark();
        Timing timing = benchmark.run();
        if (options.json()) {
            JsonObject out = new JsonObject();
            out.addProperty("model", LowerCaseChoice.spelling(model));
            JsonArray widths = new JsonArray();
            for (int width : model == Model.LINEAR ? new int[] {1, 1} : layers) {
                widths.add(width);
            }
            out.add("layers", widths);
            out.addProperty("samples", options.samples());
            out.addProperty("strategy", LowerCaseChoice.spelling(strategy));
            out.addProperty("dtype", dataType.toString());
            out.addProperty("threads", options.threads());
            out.addProperty("repeat", repeat);
            out.addProperty("min_ms", timing.minMs());
            out.addProperty("median_ms", timing.medianMs());
            out.addProperty("us_per_sample", timing.usPerSample());
            spec.commandLine().getOut().println(new Gson().toJson(out));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "per-sample gradients: %s, %d samples, %s, %s, %d thread%s, %d timed runs%n"
                            + "min %.3f ms, median %.3f ms, %.4f us per sample%n",
                    benchmark.modelName(), options.samples(), dataType,
                    LowerCaseChoice.spelling(strategy), options.threads(),
                    options.threads() == 1 ? "" : "s", repeat, timing.minMs(), timing.medianMs(),
                    timing.usPerSample());
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private PerSampleBenchmark benchmark() {
        options.apply(spec, model == Model.MLP);
        return BenchOptions.build(spec, () -> PerSampleBenchmark
                .builder(model, options.samples())
                .optLayers(layers)
                .optStrategy(strategy)
                .optDataType(dataType)
                .optRepeat(repeat)
                .build());
    }
}
