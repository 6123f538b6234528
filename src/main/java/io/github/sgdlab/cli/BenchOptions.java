package io.github.sgdlab.cli;

import java.util.function.Supplier;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * The options every in-process {@code bench} command shares: the batch size n, libtorch's
 * thread count (bounded by this machine's processors) and JSON output.
 */
final class BenchOptions {

    @Option(names = "--samples", required = true, paramLabel = "N",
            description = "Samples per timed run (the batch), 1 to 10^7.")
    private int samples;

    @Option(names = "--threads", paramLabel = "T",
            description = "libtorch's intra-op threads, set before the engine loads "
                    + "(default: ${DEFAULT-VALUE}).")
    private int threads = 1;

    @Option(names = "--json", description = "Print the timings as JSON.")
    private boolean json;

    /**
     * Checks n, T and that {@code --layers} is given only to a model that has them, then sets
     * libtorch's thread pools to T: the engine reads the properties when it loads, which for a
     * bench command is after parsing, and libtorch's pools are the process's (comparisons are
     * one thread a side).
     *
     * @param spec the command, for its error
     * @param mlp whether the chosen model is the MLP, the one that takes {@code --layers}
     * @throws ParameterException naming the option out of range
     */
    void apply(CommandSpec spec, boolean mlp) {
        if (samples < 1 || samples > DataSetOptions.MAX_SAMPLES) {
            throw new ParameterException(spec.commandLine(), "--samples must be between 1 and "
                    + DataSetOptions.MAX_SAMPLES + ", got " + samples);
        }
        if (threads < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--threads must be at least 1, got " + threads);
        }
        int processors = Runtime.getRuntime().availableProcessors();
        if (threads > processors) {
            // More threads than processors only make libtorch's pools fight; 100000 spun for
            // minutes creating threads.
            throw new ParameterException(spec.commandLine(), "--threads must be at most this "
                    + "machine's " + processors + " processors, got " + threads);
        }
        if (!mlp && spec.commandLine().getParseResult().hasMatchedOption("--layers")) {
            throw new ParameterException(spec.commandLine(),
                    "--layers applies to --model mlp only");
        }
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        System.setProperty("ai.djl.pytorch.num_interop_threads", Integer.toString(threads));
    }

    /**
     * Builds a benchmark, a setting its builder refuses becoming picocli's bad-input error.
     *
     * @param spec the command, for its error
     * @param builder builds the benchmark
     * @param <T> the benchmark
     * @return the benchmark
     * @throws ParameterException with the builder's message
     */
    static <T> T build(CommandSpec spec, Supplier<T> builder) {
        try {
            return builder.get();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** @return n, the samples of each timed run */
    int samples() {
        return samples;
    }

    /** @return T, libtorch's threads */
    int threads() {
        return threads;
    }

    /** @return whether to print JSON */
    boolean json() {
        return json;
    }
}
