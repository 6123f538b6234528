package io.github.sgdlab.cli;

import io.github.sgdlab.data.LinearData;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --seed} and {@code --samples}: the options of every command that draws a data set. */
final class DataSetOptions {

    /**
     * The most samples a command accepts: the per-sample loop makes O(n) engine calls (about
     * 35 µs each) and {@code data} prints about 60 bytes a sample.
     */
    static final int MAX_SAMPLES = 10_000_000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--seed", paramLabel = "S",
            description = "numpy seed, 0..2^32-1 (default: ${DEFAULT-VALUE}).")
    private long seed = LinearData.NOTEBOOK_SEED;

    @Option(names = "--samples", paramLabel = "N",
            description = "Number of samples, 1.." + MAX_SAMPLES + " (default: ${DEFAULT-VALUE}).")
    private int samples = LinearData.NOTEBOOK_SAMPLES;

    /**
     * Draws the data set, turning an out-of-range seed or size into a usage error.
     *
     * @return the data set
     * @throws ParameterException if the seed or the size is out of range
     */
    LinearData generate() {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new ParameterException(command.commandLine(),
                    "--samples must be between 1 and " + MAX_SAMPLES + ", got " + samples);
        }
        try {
            return LinearData.generate(seed, samples);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }
}
