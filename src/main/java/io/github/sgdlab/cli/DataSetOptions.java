package io.github.sgdlab.cli;

import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.data.RandomState;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --seed} and {@code --samples}: the options of every command that draws a data set. */
final class DataSetOptions {

    /**
     * The most samples a command accepts: {@code data} prints about 60 bytes a sample, and
     * {@code gradient} holds the data set and its per-sample gradients in memory.
     */
    static final int MAX_SAMPLES = 10_000_000;

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--seed", paramLabel = "S",
            description = "numpy seed, 0..2^32-1 (default: ${DEFAULT-VALUE}).")
    private long seed = LinearData.NOTEBOOK_SEED;

    @Option(names = "--samples", paramLabel = "N",
            description = "Number of samples, 1.." + MAX_SAMPLES + " (default: ${DEFAULT-VALUE}).")
    private long samples = LinearData.NOTEBOOK_SAMPLES;

    /**
     * The seed, checked.
     *
     * @return the seed
     * @throws ParameterException if it lies outside numpy's range
     */
    long seed() {
        try {
            RandomState.checkSeed(seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
        return seed;
    }

    /**
     * The number of samples, checked.
     *
     * @return n
     * @throws ParameterException if it lies outside 1..{@link #MAX_SAMPLES}
     */
    int samples() {
        if (samples < 1 || samples > MAX_SAMPLES) {
            throw new ParameterException(command.commandLine(),
                    "--samples must be between 1 and " + MAX_SAMPLES + ", got " + samples);
        }
        return (int) samples;
    }

    /**
     * Draws the data set.
     *
     * @return the data set
     * @throws ParameterException if the seed or the size is out of range
     */
    LinearData generate() {
        return LinearData.generate(seed(), samples());
    }
}
