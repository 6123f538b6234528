package io.github.sgdlab.cli;

import com.google.gson.JsonObject;
import io.github.sgdlab.privacy.NoiseMultiplier;
import io.github.sgdlab.privacy.PrivacyAccountant;
import io.github.sgdlab.privacy.PrivacySpent;
import io.github.sgdlab.privacy.RdpAccountant;
import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.output.JsonNumbers;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code privacy}: DP-SGD's privacy accounting, as Opacus does it — {@code privacy epsilon}
 * (the ε a run spends) and {@code privacy noise} (the noise multiplier a target ε calls for).
 */
@Command(
        name = "privacy",
        mixinStandardHelpOptions = true,
        description = "Privacy accounting for DP-SGD, equal to Opacus's (RDP and PRV accountants).",
        subcommands = {PrivacyCommand.Epsilon.class, PrivacyCommand.Noise.class})
final class PrivacyCommand implements Runnable {

    /** The accountants' logger, held here so that its settings are not lost to a GC (java.util.logging keeps loggers weakly). */

    @Spec
    private CommandSpec spec;

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing subcommand: expected epsilon or noise");
    }

    /** The length of a run: steps, or epochs turned into steps as Opacus does (⌊E/q⌋). */
    static final class Length {
        @Option(names = "--steps", paramLabel = "T", required = true,
                description = "Number of steps.")
        Long steps;

        @Option(names = "--epochs", paramLabel = "E", required = true,
                description = "Number of epochs; steps = floor(E / sample rate), as Opacus.")
        Double epochs;

        long steps(CommandSpec spec, double sampleRate) {
            if (steps != null) {
                return steps;
            }
            if (!(epochs > 0) || Double.isInfinite(epochs)) {
                throw new ParameterException(spec.commandLine(),
                        "epochs must be a positive finite number, got " + epochs);
            }
            double count = Math.floor(epochs / sampleRate);
            if (count < 1) {
                throw new ParameterException(spec.commandLine(), "epochs " + epochs
                        + " at sample rate " + sampleRate + " make no whole step");
            }
            return count >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) count;
        }
    }

    /** Options both subcommands share. */
    abstract static class Common {
        @Spec
        CommandSpec spec;

        @Option(names = "--sample-rate", paramLabel = "Q", required = true,
                description = "Poisson sampling rate q (batch size / data set size), in (0, 1].")
        double sampleRate;

        @Option(names = "--delta", paramLabel = "D", required = true,
                description = "Target delta, in (0, 1).")
        double delta;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Length length;

        @Option(names = "--accountant", paramLabel = "rdp|prv",
                description = "Accountant: rdp or prv (default: ${DEFAULT-VALUE}, as Opacus).")
        String accountant = "prv";

        @Option(names = "--json", description = "Print JSON instead of text.")
        boolean json;

        String mechanism() {
            String name = accountant.toLowerCase(Locale.ROOT);
            if (!name.equals("rdp") && !name.equals("prv")) {
                throw new ParameterException(spec.commandLine(), "unknown accountant '"
                        + accountant + "': expected rdp or prv");
            }
            return name;
        }

        /** The accountant and the number of steps the options name, each checked. */
        record Run(String mechanism, long steps) {}

        /** The options' run: a bad accountant name or length is the one-line error. */
        Run run() {
            return new Run(mechanism(), length.steps(spec, sampleRate));
        }

        /** The JSON report, its first key the accountant. */
        JsonObject report(Run run) {
            JsonObject json = new JsonObject();
            json.addProperty("accountant", run.mechanism());
            return json;
        }

        /** A new accountant of the run's kind that has taken the run's steps at {@code sigma}. */
        PrivacyAccountant account(Run run, double sigma) {
            PrivacyAccountant accountant = PrivacyAccountant.create(run.mechanism());
            accountant.step(sigma, sampleRate, run.steps());
            return accountant;
        }

        /** The library's answer, an IllegalArgumentException from it the one-line error. */
        <T> T library(java.util.function.Supplier<T> call) {
            try {
                return call.get();
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), e.getMessage(), e);
            } catch (OutOfMemoryError e) {
                // The PRV grid grows with the steps (Opacus's too: at 2·10^5 steps, q = 0.2 it
                // exhausted this 24 GiB machine); RDP's memory does not depend on the steps.
                throw new OutOfMemoryAdvice(e, "the " + mechanism() + " accountant needs more "
                        + "memory for these steps; give the JVM more with -Xmx"
                        + ("prv".equals(mechanism()) ? " or use --accountant rdp" : ""));
            }
        }

        /** Runs {@code body} with the RDP accountant's warning sent to stderr as one line. */
        <T> T withWarningsOnStderr(java.util.function.Supplier<T> body) {
            return AccountantWarnings.onStderr(spec.commandLine().getErr(), body::get);
        }

        void print(JsonObject json, String text) {
            PrintWriter out = spec.commandLine().getOut();
            out.print(this.json ? json + "\n" : text);
            out.flush();
        }
    }

    /** {@code privacy epsilon}: the ε a DP-SGD run spends. */
    @Command(name = "epsilon", mixinStandardHelpOptions = true,
            description = "The privacy (epsilon at delta) a DP-SGD run spends.")
    static final class Epsilon extends Common implements Callable<Integer> {

        @Option(names = "--noise-multiplier", paramLabel = "S", required = true,
                description = "Noise multiplier sigma (noise std / clipping norm), positive.")
        double noiseMultiplier;

        @Override
        public Integer call() {
            Run run = run();
            PrivacySpent spent = library(() -> {
                PrivacyAccountant accountant = account(run, noiseMultiplier);
                if (accountant instanceof RdpAccountant rdp) {
                    return withWarningsOnStderr(() -> rdp.getPrivacySpent(delta));
                }
                return new PrivacySpent(accountant.getEpsilon(delta), Double.NaN);
            });
            double epsilon = spent.epsilon();
            double bestOrder = spent.bestOrder();
            JsonObject json = report(run);
            json.add("epsilon", number(epsilon));
            json.add("delta", JsonNumbers.number(delta));
            json.add("noise_multiplier", JsonNumbers.number(noiseMultiplier));
            json.add("sample_rate", JsonNumbers.number(sampleRate));
            json.addProperty("steps", run.steps());
            if (run.mechanism().equals("rdp")) {
                json.add("best_order", number(bestOrder));
            }
            String text = String.format(Locale.ROOT, "DP-SGD with noise multiplier %s, sample "
                    + "rate %s, %d steps%nspends epsilon = %s at delta = %s (%s accountant%s)%n",
                    DoubleText.of(noiseMultiplier), DoubleText.of(sampleRate), run.steps(),
                    text(epsilon), DoubleText.of(delta), run.mechanism(),
                    run.mechanism().equals("rdp") ? ", best order " + text(bestOrder) : "");
            print(json, text);
            return 0;
        }
    }

    /** {@code privacy noise}: the noise multiplier a target ε calls for. */
    @Command(name = "noise", mixinStandardHelpOptions = true,
            description = "The noise multiplier that keeps a DP-SGD run within a target "
                    + "epsilon at delta (Opacus's get_noise_multiplier).")
    static final class Noise extends Common implements Callable<Integer> {

        @Option(names = "--epsilon", paramLabel = "E", required = true,
                description = "Target epsilon, positive.")
        double targetEpsilon;

        @Override
        public Integer call() {
            Run run = run();
            double sigma = library(() -> NoiseMultiplier.find(targetEpsilon, delta, sampleRate,
                    run.steps(), run.mechanism()));
            double epsilon = library(() -> withWarningsOnStderr(
                    () -> account(run, sigma).getEpsilon(delta)));
            JsonObject json = report(run);
            json.add("noise_multiplier", JsonNumbers.number(sigma));
            json.add("epsilon", number(epsilon));
            json.add("target_epsilon", JsonNumbers.number(targetEpsilon));
            json.add("delta", JsonNumbers.number(delta));
            json.add("sample_rate", JsonNumbers.number(sampleRate));
            json.addProperty("steps", run.steps());
            String text = String.format(Locale.ROOT, "noise multiplier %s keeps %d steps at "
                    + "sample rate %s within epsilon = %s at delta = %s (reaches %s, %s "
                    + "accountant)%n", DoubleText.of(sigma), run.steps(),
                    DoubleText.of(sampleRate), DoubleText.of(targetEpsilon), DoubleText.of(delta),
                    text(epsilon), run.mechanism());
            print(json, text);
            return 0;
        }
    }

    /** A JSON number, or a string for the infinite or undefined values JSON has no number for. */
    private static com.google.gson.JsonElement number(double x) {
        if (Double.isFinite(x)) {
            return JsonNumbers.number(x);
        }
        return new com.google.gson.JsonPrimitive(text(x));
    }

    private static String text(double x) {
        if (Double.isNaN(x)) {
            return "NaN";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "Infinity" : "-Infinity";
        }
        return DoubleText.of(x);
    }
}
