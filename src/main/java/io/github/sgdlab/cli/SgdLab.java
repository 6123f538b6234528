package io.github.sgdlab.cli;

import ai.djl.engine.Engine;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The command line: {@code notebook} (the default), {@code gradient} and {@code data}.
 *
 * <p>Exit codes: 0 ok; 1 the cross-check failed; 2 bad input (one line on stderr, nothing on
 * stdout); 3 anything else that went wrong, such as the engine failing to load (one line on
 * stderr).
 */
@Command(
        name = "sgd-lab",
        mixinStandardHelpOptions = true,
        version = "sgd-lab 0.1.0-SNAPSHOT",
        description = "Batch versus stochastic gradients of a linear-regression MSE on DJL "
                + "(PyTorch engine), cross-checked by a plain-Java reference. "
                + "With no command, runs 'notebook'.",
        subcommands = {NotebookCommand.class, GradientCommand.class, DataCommand.class,
            DescendCommand.class})
public final class SgdLab {

    /** Exit code for bad input. */
    public static final int BAD_INPUT = 2;

    /** Exit code for failures that are not the user's input. */
    public static final int INTERNAL_ERROR = 3;

    private SgdLab() {}

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // Defaults a user can still override with -D: quiet logging, never download anything.
        setDefault("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        setDefault("ai.djl.offline", "true");
        // DJL probes for CUDA even for the CPU-only native library this tool ships; on a machine
        // with a CUDA runtime but no driver the probe warns on every run about a GPU we never use.
        setDefault("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", "error");
        if (needsEngine(args)) {
            // Loading libtorch takes most of a run's start-up; start it now, in parallel with
            // parsing and drawing the data, instead of when the first NDArray is made.
            Thread warmUp = new Thread(SgdLab::loadEngine, "engine-warm-up");
            warmUp.setDaemon(true);
            warmUp.start();
        }
        ProcessExit.now(execute(args, new PrintWriter(System.out), new PrintWriter(System.err)));
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
        CommandLine commandLine = new CommandLine(new SgdLab());
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setParameterExceptionHandler((ex, arguments) -> {
            err.println("sgd-lab: " + oneLine(message(ex, commandLine)));
            err.flush();
            return BAD_INPUT;
        });
        commandLine.setExecutionExceptionHandler((ex, line, parseResult) -> {
            err.println("sgd-lab: error: " + oneLine(String.valueOf(ex)));
            err.flush();
            return INTERNAL_ERROR;
        });
        // No arguments at all: the notebook, as a student running the main class expects.
        return commandLine.execute(args.length == 0 ? new String[] {"notebook"} : args);
    }

    /** picocli's message, except for a word that is no command, which gets a plainer one. */
    private static String message(ParameterException ex, CommandLine top) {
        if (ex instanceof UnmatchedArgumentException
                && ex.getCommandLine() == top
                && !((UnmatchedArgumentException) ex).getUnmatched().isEmpty()) {
            String word = ((UnmatchedArgumentException) ex).getUnmatched().get(0);
            return "unknown " + (word.startsWith("-") ? "option" : "command") + " '" + word
                    + "': expected one of "
                    + String.join(", ", top.getSubcommands().keySet());
        }
        return ex.getMessage();
    }

    /** Whether the arguments name a command that computes gradients (no arguments: notebook). */
    private static boolean needsEngine(String[] args) {
        return args.length == 0 || "notebook".equals(args[0]) || "gradient".equals(args[0])
                || "descend".equals(args[0]);
    }

    private static void loadEngine() {
        try {
            Engine.getEngine("PyTorch");
        } catch (RuntimeException | Error e) {
            // The command reports it when it needs the engine; the warm-up only saves time.
        }
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
