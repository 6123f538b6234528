package io.github.sgdlab.cli;

import io.github.sgdlab.output.OutputDirectory;

import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --out DIR}, {@code --force} and {@code --quiet}, shared by {@code descend} and {@code study}. */
final class OutOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the results' files into DIR (each file written atomically).")
    private Path out;

    @Option(names = "--force", description = "Write into an --out that is not empty.")
    private boolean force;

    @Option(names = "--quiet", description = "No progress bar.")
    private boolean quiet;

    /**
     * Checks {@code --out} before any work, so that bad input writes nothing.
     *
     * @param spec the command, for its error
     * @return the checked directory, or null without {@code --out}
     * @throws ParameterException if the directory is not empty (without {@code --force}), not a
     *     directory, or not writable
     */
    OutputDirectory check(CommandSpec spec) {
        if (out == null) {
            return null;
        }
        try {
            return OutputDirectory.check(out, force);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** @return whether {@code --out} was given */
    boolean given() {
        return out != null;
    }

    /** @return whether {@code --quiet} was given */
    boolean quiet() {
        return quiet;
    }
}
