package io.github.sgdlab.cli;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.benchmark.PrivateStepBenchmark;
import io.github.sgdlab.benchmark.PrivateStepBenchmark.Model;
import io.github.sgdlab.benchmark.Timing;

import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench private}: times one DP-SGD step beside the same model's non-private step (or,
 * with {@code --private-only}, alone).
 */
@Command(
        name = "private",
        mixinStandardHelpOptions = true,
        description = "Time one full DP-SGD step in-process after warm-up (forward, per-sample "
                + "gradients, clipping, noise, SGD update; sigma 1, C 1) and, in the same run, "
                + "the same model's non-private step (forward, backward, SGD update).")
final class BenchPrivateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "MODEL", converter = PrivateBenchModels.class,
            description = "mlp or cnn (default: mlp).")
    private Model model = Model.MLP;

    @Option(names = "--layers", paramLabel = "W,W,...", split = ",",
            description = "The MLP's widths, input first (default: 784,128,10).")
    private int[] layers = {784, 128, 10};

    @Mixin
    private BenchOptions options;

    @Option(names = "--ghost", description = "Ghost clipping (per-sample norms without "
            + "materialising per-sample gradients where a layer allows it).")
    private boolean ghost;

    @Option(names = "--repeat", paramLabel = "R",
            description = "Timed steps each side, after 3 warm-up steps (default: "
                    + "${DEFAULT-VALUE}).")
    private int repeat = 20;

    @Option(names = "--private-only", description = "Time the DP step alone, without the "
            + "non-private step: the process's peak memory is then the DP step's.")
    private boolean privateOnly;

    @Override
    public Integer call() {
        PrivateStepBenchmark benchmark = benchmark();
        PrivateStepBenchmark.Result result = benchmark.run();
        Timing dp = result.privateStep();
        Timing plain = result.nonPrivateStep();
        if (options.json()) {
            JsonObject out = new JsonObject();
            out.addProperty("model", LowerCaseChoice.spelling(model));
            if (model == Model.MLP) {
                JsonArray widths = new JsonArray();
                for (int width : layers) {
                    widths.add(width);
                }
                out.add("layers", widths);
            }
            out.addProperty("samples", options.samples());
            out.addProperty("ghost", ghost);
            out.addProperty("dtype", "float32");
            out.addProperty("threads", options.threads());
            out.addProperty("repeat", repeat);
            out.addProperty("min_ms", dp.minMs());
            out.addProperty("median_ms", dp.medianMs());
            if (plain != null) {
                out.addProperty("non_private_min_ms", plain.minMs());
                out.addProperty("non_private_median_ms", plain.medianMs());
            }
            spec.commandLine().getOut().println(new Gson().toJson(out));
        } else {
            spec.commandLine().getOut().printf(Locale.ROOT,
                    "DP-SGD step: %s, %d samples, float32, %s, %d thread%s, %d timed steps%n"
                            + "private      min %.3f ms, median %.3f ms%n",
                    benchmark.modelName(), options.samples(),
                    ghost ? "ghost clipping" : "per-sample gradients", options.threads(),
                    options.threads() == 1 ? "" : "s", repeat, dp.minMs(), dp.medianMs());
            if (plain != null) {
                spec.commandLine().getOut().printf(Locale.ROOT,
                        "non-private  min %.3f ms, median %.3f ms%n", plain.minMs(),
                        plain.medianMs());
            }
        }
        spec.commandLine().getOut().flush();
        return 0;
    }

    private PrivateStepBenchmark benchmark() {
        options.apply(spec, model == Model.MLP);
        return BenchOptions.build(spec, () -> PrivateStepBenchmark
                .builder(model, options.samples())
                .optLayers(layers)
                .optGhostClipping(ghost)
                .optRepeat(repeat)
                .optNonPrivateStep(!privateOnly)
                .build());
    }
}
