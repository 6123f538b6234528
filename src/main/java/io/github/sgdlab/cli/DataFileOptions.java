package io.github.sgdlab.cli;

import io.github.sgdlab.data.Columns;
import io.github.sgdlab.data.DataFileException;
import io.github.sgdlab.data.FeatureData;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code --data}, {@code --y} and {@code --x}: the user's own data from a CSV file. */
final class DataFileOptions {

    /** The name {@code --data -} reads from, as error messages name it. */
    static final String STDIN = "<stdin>";

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--data", paramLabel = "PATH",
            description = "Read the samples from a CSV file with a header row ('-': standard "
                    + "input) instead of drawing them.")
    private String path;

    @Option(names = "--y", paramLabel = "NAME",
            description = "The target column (default: y if there is one, else the last).")
    private String target;

    @Option(names = "--x", paramLabel = "NAME", split = ",",
            description = "The feature columns, in theta's order (default: all but the target).")
    private List<String> features;

    /**
     * Whether {@code --data} was given.
     *
     * @return true to read a file instead of drawing data
     */
    boolean given() {
        return path != null;
    }

    /**
     * Refuses {@code --y} or {@code --x} without {@code --data}.
     *
     * @throws ParameterException if a column was named but no file
     */
    void checkUnused() {
        if (path == null && (target != null || features != null)) {
            throw new ParameterException(command.commandLine(),
                    (target != null ? "--y" : "--x") + " chooses columns of a --data file;"
                            + " give --data PATH too");
        }
    }

    /**
     * Reads the file, or standard input for {@code -}.
     *
     * @return the data set
     * @throws ParameterException carrying the {@link DataFileException} for any bad input
     */
    FeatureData read() {
        Columns columns = Columns.defaults();
        if (target != null) {
            columns = columns.optY(target.strip());
        }
        if (features != null) {
            columns = columns.optX(features.stream().map(String::strip).toList());
        }
        try {
            if (path.equals("-")) {
                return FeatureData.fromCsv(System.in, STDIN, columns);
            }
            Path file;
            try {
                file = Path.of(path);
            } catch (InvalidPathException e) {
                throw new DataFileException(path, 0, "not a valid path: " + e.getReason(), e);
            }
            return FeatureData.fromCsv(file, columns);
        } catch (DataFileException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * How the data are named in the text output's first line.
     *
     * @return the path, or {@code <stdin>}
     */
    String source() {
        return path.equals("-") ? STDIN : path;
    }
}
