package io.github.sgdlab.cli;

import io.github.sgdlab.data.DataFileException;

import java.io.BufferedWriter;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;
import picocli.CommandLine;

/**
 * The command line: {@code notebook} (the default), {@code gradient}, {@code data} and the
 * others below ({@code privacy}: DP-SGD privacy accounting).
 *
 * <p>Exit codes: 0 ok; 1 the cross-check failed; 2 bad input (one line on stderr, nothing on
 * stdout); 3 anything else that went wrong — the engine failing to load, running out of memory,
 * results that cannot be written — with one line on stderr naming the cause; 141 (128 + SIGPIPE)
 * when the reader of stdout went away, quietly, as other command-line tools end in a pipeline.
 *
 * <p>Three ways in: {@code java -jar sgd-lab.jar} ({@link Launcher}, which ends the process with
 * the exit code); {@link #main} (Maven's {@code exec:java}, or {@code java} naming this class);
 * and {@link #run} or {@link #execute}, which return the exit code to a program that embeds the
 * command line.
 */
@Command(
        name = "sgd-lab",
        mixinStandardHelpOptions = true,
        version = "sgd-lab 0.1.0-SNAPSHOT",
        description = "Batch versus stochastic gradients of a linear-regression MSE on DJL "
                + "(PyTorch engine), cross-checked by a plain-Java reference. "
                + "With no command, runs 'notebook'; options before any command are notebook's.",
        subcommands = {NotebookCommand.class, GradientCommand.class, DataCommand.class,
            CheckCommand.class, BenchCommand.class, DescendCommand.class,
            PrivacyCommand.class})
public final class SgdLab {

    /** Exit code when DJL's autograd and the reference disagree beyond the rounding bound. */
    public static final int CROSS_CHECK_FAILED = 1;

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** Exit code for failures that are not the user's input. */
    public static final int INTERNAL_ERROR = 3;

    /** Exit code when stdout's reader went away: 128 + SIGPIPE, as a shell reports it. */
    public static final int BROKEN_PIPE = 141;

    /** The default command, run when no command is named. */
    private static final String DEFAULT_COMMAND = "notebook";

    /** Options of the top level itself; any other option before a command is notebook's. */
    private static final Set<String> TOP_LEVEL_OPTIONS = Set.of("-h", "--help", "-V", "--version");

    private SgdLab() {}

    /**
     * Runs the command line. When the JVM was started for sgd-lab ({@code java
     * io.github.sgdlab.cli.SgdLab ...}), ends the process with the exit code. Otherwise — under
     * Maven's {@code exec:java}, or called by another program — it never ends the JVM: it returns
     * on success and throws an {@link IllegalStateException} naming the exit code on failure,
     * after the one-line message on stderr. Call {@link #run} to get the code instead.
     *
     * @param args the arguments
     * @throws IllegalStateException if the command failed and the process is not sgd-lab's own
     */
    public static void main(String[] args) {
        int code = run(args);
        if (ProcessExit.isOwnProcess()) {
            Launcher.exit(code);
        }
        if (code != 0) {
            throw new IllegalStateException("sgd-lab exited with code " + code);
        }
    }

    /**
     * Runs the command line on this process's stdout and stderr and returns the exit code;
     * never ends the JVM.
     *
     * @param args the arguments
     * @return the exit code
     */
    public static int run(String... args) {
        // Defaults a user can still override with -D: quiet logging, never download anything.
        // DJL's own warnings would add lines to the one-line messages stderr promises; what goes
        // wrong reaches the user through those messages instead.
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("org.slf4j.simpleLogger.log.ai.djl", "error");
        setDefault("ai.djl.offline", "true");
        // DJL probes for CUDA even for the CPU-only native library this tool ships; on a machine
        // with a CUDA runtime but no driver the probe warns on every run about a GPU we never use.
        setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        if (needsEngine(args)) {
            EngineWarmUp.start();
        }
        // Not System.out: a PrintStream swallows write errors, and a full disk must not exit 0.
        PrintWriter out = new PrintWriter(new FailFastWriter(new BufferedWriter(
                new OutputStreamWriter(new FileOutputStream(FileDescriptor.out),
                        StandardCharsets.UTF_8), 1 << 16)));
        // UTF-8 like stdout, not the platform's default charset: a path in a message prints the same.
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8),
                true);
        return execute(args, out, err);
    }

    /**
     * Runs the command line without exiting, writing to the given streams.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where the one-line error messages go
     * @return the exit code
     */
    public static int execute(String[] args, PrintWriter out, PrintWriter err) {
        try {
            CommandLine commandLine = commandLine(out, err);
            int code = commandLine.execute(withDefaultCommand(args));
            if (code != INTERNAL_ERROR && code != BROKEN_PIPE) {
                // After a failed write the buffer still holds what could not be written.
                out.flush();
            }
            return code;
        } catch (Throwable failure) {
            return fail(failure, err);
        }
    }

    private static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine commandLine = new CommandLine(new SgdLab());
        commandLine.registerConverter(Double.class, new Numbers.DoubleConverter());
        commandLine.registerConverter(Double.TYPE, new Numbers.DoubleConverter());
        commandLine.registerConverter(Integer.class, new Numbers.IntConverter());
        commandLine.registerConverter(Integer.TYPE, new Numbers.IntConverter());
        commandLine.registerConverter(Long.class, new Numbers.LongConverter());
        commandLine.registerConverter(Long.TYPE, new Numbers.LongConverter());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            // A bad data file is named as compilers name a bad line: PATH:LINE: what is wrong.
            err.println(ex.getCause() instanceof DataFileException data
                    ? oneLine(data.getMessage())
                    : "sgd-lab: " + oneLine(message(ex, commandLine)));
            err.flush();
            return BAD_INPUT;
        });
        // Handled here, not rethrown: picocli prints the stack trace of what a handler throws.
        commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> fail(ex, err));
        // --help and --version are printed before any command runs, outside the handler above:
        // a full disk or a closed pipe there must end as everywhere else, not in a stack trace.
        commandLine.setExecutionStrategy(parseResult -> {
            try {
                Integer help = CommandLine.executeHelpRequest(parseResult);
                if (help != null) {
                    out.flush();
                    return help;
                }
            } catch (OutputFailure failure) {
                return fail(failure, err);
            }
            return new CommandLine.RunLast().execute(parseResult);
        });
        return commandLine;
    }

    /** Exit code and one line for anything a command threw that is not bad input. */
    private static int fail(Throwable failure, PrintWriter err) {
        if (failure instanceof OutputFailure output) {
            if (output.isBrokenPipe()) {
                return BROKEN_PIPE;
            }
            err.println("sgd-lab: cannot write output: " + oneLine(output.getMessage()));
        } else {
            err.println("sgd-lab: error: " + oneLine(Failures.describe(failure)));
        }
        err.flush();
        return INTERNAL_ERROR;
    }

    /**
     * No arguments, or options before any command: the notebook, as a student running the main
     * class expects ({@code sgd-lab --json} is {@code sgd-lab notebook --json}).
     */
    private static String[] withDefaultCommand(String[] args) {
        if (args.length == 0) {
            return new String[] {DEFAULT_COMMAND};
        }
        if (args[0].startsWith("-") && !TOP_LEVEL_OPTIONS.contains(args[0])) {
            List<String> withCommand = new ArrayList<>();
            withCommand.add(DEFAULT_COMMAND);
            withCommand.addAll(Arrays.asList(args));
            return withCommand.toArray(String[]::new);
        }
        return args;
    }

    /** picocli's message, except for a word that is no command, which gets a plainer one. */
    private static String message(ParameterException ex, CommandLine top) {
        if (ex instanceof UnmatchedArgumentException unmatched
                && !unmatched.getUnmatched().isEmpty()) {
            String word = Numbers.echo(unmatched.getUnmatched().get(0));
            CommandLine where = ex.getCommandLine();
            if (where == top) {
                return "unknown " + (word.startsWith("-") ? "option" : "command") + " '" + word
                        + "': expected one of " + String.join(", ", top.getSubcommands().keySet());
            }
            return "unknown " + (word.startsWith("-") ? "option" : "argument") + " '" + word
                    + "' for '" + where.getCommandName() + "'"
                    + (where.getCommandName().equals(DEFAULT_COMMAND)
                            ? " (options before a command are notebook's)" : "");
        }
        return ex.getMessage();
    }

    /** Whether the arguments name a command that computes gradients (no arguments: notebook). */
    private static boolean needsEngine(String[] args) {
        String command = withDefaultCommand(args)[0];
        return DEFAULT_COMMAND.equals(command) || "gradient".equals(command)
                || "check".equals(command) || "descend".equals(command);
    }

    private static void setDefault(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String oneLine(String message) {
        return message == null ? "" : message.replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
    }
}
