package io.github.sgdlab.cli;

import io.github.sgdlab.output.OutputDirectory;
import io.github.sgdlab.output.UnusableDirectoryException;

import java.io.IOException;
import java.nio.file.Path;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code --out DIR}, {@code --force} and {@code --quiet}, shared by {@code descend} and {@code study}. */
final class OutOptions {

    @Option(names = "--out", paramLabel = "DIR",
            description = "Write the results' files into DIR (each file written atomically).")
    private Path out;

    @Option(names = "--force", description = "Write into an --out that is not empty; "
            + "sgd-lab's files of an earlier run there are replaced or removed.")
    private boolean force;

    @Option(names = "--quiet", description = "No progress bar.")
    private boolean quiet;

    /**
     * Checks {@code --out} before any work, so that bad input writes nothing, and takes it for
     * this run: a second run for the same directory is refused until this one closes it.
     *
     * @param spec the command, for its error
     * @return the checked, opened directory (close it), or null without {@code --out}
     * @throws ParameterException if the directory is not empty (without {@code --force}), not a
     *     directory, not writable, or held by another run
     */
    OutputDirectory open(CommandSpec spec) {
        if (out == null) {
            return null;
        }
        OutputDirectory directory;
        try {
            directory = OutputDirectory.check(out, force);
        } catch (UnusableDirectoryException e) {
            throw new ParameterException(spec.commandLine(), inOptions(e), e);
        }
        try {
            directory.open();
            return directory;
        } catch (UnusableDirectoryException e) {
            throw new ParameterException(spec.commandLine(), inOptions(e), e);
        } catch (IOException e) {
            throw new ParameterException(spec.commandLine(), "--out "
                    + Numbers.echo(out.toString()) + " cannot be created: " + e.getMessage(), e);
        }
    }

    /**
     * A refused directory, said in terms of {@code --out} and {@code --force}.
     *
     * @param e the refusal, in the library's words
     * @return the message the command line prints
     */
    static String inOptions(UnusableDirectoryException e) {
        String out = "--out " + e.directoryAsShown();
        return switch (e.reason()) {
            case NOT_A_DIRECTORY -> out + " exists and is not a directory";
            case IN_USE -> out + " is in use by another sgd-lab run; wait for it to finish "
                    + "or choose another directory";
            case NOT_EMPTY -> out + " exists and is not empty; use --force to write into it";
            case CANNOT_CREATE -> out + " cannot be created: " + e.detail();
            case CANNOT_READ -> out + " cannot be read: " + e.detail();
            case NOT_WRITABLE -> out + " is not writable (" + e.detail() + ")";
        };
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
