package io.github.sgdlab.cli;

import io.github.sgdlab.data.ColumnChoiceException;
import io.github.sgdlab.data.Columns;
import io.github.sgdlab.data.DataFileException;
import io.github.sgdlab.data.FeatureData;

import java.io.IOException;
import java.nio.file.Files;
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
            columns = columns.optTarget(target.strip());
        }
        if (features != null) {
            columns = columns.optFeatures(features.stream().map(String::strip).toList());
        }
        if (path.isEmpty()) {
            throw new ParameterException(command.commandLine(),
                    "--data needs a file name, or - for standard input; got an empty one");
        }
        try {
            if (path.equals("-")) {
                if (stdinIsClosed()) {
                    throw new DataFileException(STDIN, 0, "standard input is closed: pipe the "
                            + "data in (--data - < FILE) or name the file");
                }
                return FeatureData.fromCsv(System.in, STDIN, columns);
            }
            Path file;
            try {
                file = Path.of(path);
            } catch (InvalidPathException e) {
                throw new DataFileException(path, 0, "not a valid path: " + e.getReason(), e);
            }
            return FeatureData.fromCsv(file, columns);
        } catch (ColumnChoiceException e) {
            DataFileException named = new DataFileException(e.source(), e.line(), inOptions(e), e);
            throw new ParameterException(command.commandLine(), named.getMessage(), named);
        } catch (DataFileException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * A choice of columns the header refused, said in terms of {@code --y} and {@code --x}.
     *
     * @param e the refusal, in the library's words
     * @return what is wrong, without the location, as the command line says it
     */
    static String inOptions(ColumnChoiceException e) {
        String quoted = "'" + e.columnAsShown() + "'";
        String lacking = ", which the header does not have (columns: "
                + String.join(", ", e.header()) + ")";
        return switch (e.reason()) {
            case UNKNOWN_TARGET -> "--y names column " + quoted + lacking;
            case UNKNOWN_FEATURE -> "--x names column " + quoted + lacking;
            case TARGET_AS_FEATURE -> "column " + quoted + " is both the target (--y) and a "
                    + "feature (--x)";
            case REPEATED_FEATURE -> "--x names column " + quoted + " twice";
            case NO_FEATURE_CHOSEN -> "no feature columns: the target is '" + e.column()
                    + "' and --x names none";
            case NO_OTHER_COLUMN -> e.problem();
        };
    }

    /**
     * Whether the process was started with its standard input closed ({@code <&-}): the JVM
     * then reuses descriptor 0 for a file of its own (its {@code lib/modules}, a jar), and
     * reading "standard input" would read that file.
     */
    private static boolean stdinIsClosed() {
        try {
            Path fd0 = Files.readSymbolicLink(Path.of("/proc/self/fd/0"));
            Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
            return fd0.startsWith(javaHome) || fd0.toString().endsWith(".jar");
        } catch (IOException | RuntimeException e) {
            return false;
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
