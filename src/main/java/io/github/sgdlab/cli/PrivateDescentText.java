package io.github.sgdlab.cli;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.PrivateDescentResult;
import io.github.sgdlab.descent.PrivateSettings;
import io.github.sgdlab.descent.RunResult;
import io.github.sgdlab.files.DoubleText;

import java.util.Locale;

/** {@code descend --method dp-sgd}'s text output: the settings, θ*, one line per run with ε. */
final class PrivateDescentText {

    private PrivateDescentText() {}

    /**
     * Formats a result.
     *
     * @param result the private descent
     * @return the lines, each ending in {@code \n}
     */
    static String of(PrivateDescentResult result) {
        DescentConfig config = result.descent().config();
        PrivateSettings settings = result.settings();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%s, dp-sgd (expected batch %d, q %s, %d iterations an epoch), clip %s, noise %s,"
                        + " lr %s, momentum %s, eps %s, max %d epochs, %s, %d run%s\n",
                config.datasetName(), config.batch(), DoubleText.of(result.sampleRate()),
                result.iterationsPerEpoch(), settings.clip(), settings.noise(),
                config.learningRate(), config.momentum(), config.eps(), config.maxEpochs(),
                config.dataType().toString().toLowerCase(Locale.ROOT), config.runs(),
                config.runs() == 1 ? "" : "s"));
        RunTable.thetaStar(out, result.descent().thetaStar());
        RunTable.header(out, config.features() + 1);
        out.append(String.format(Locale.ROOT, " %-24s epsilon\n", "final_loss"));
        double[] epsilons = result.epsilons();
        for (int r = 0; r < epsilons.length; r++) {
            RunResult run = result.descent().runs().get(r);
            RunTable.row(out, r, run);
            out.append(String.format(Locale.ROOT, " %-24s %s\n", RunTable.number(run.finalLoss()),
                    RunTable.number(epsilons[r])));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "converged %d/%d\n",
                result.descent().convergedRuns(), epsilons.length));
        if (settings.noise() == 0) {
            // No noise, no privacy: "(inf, delta)-DP" would read as a guarantee.
            out.append("privacy: none (noise 0): epsilon is infinite at every delta\n");
        } else {
            out.append(String.format(Locale.ROOT,
                    "privacy: (epsilon, %s)-DP per run at delta %s (%s accountant); each run's "
                            + "epsilon counts the iterations it took\n",
                    "delta", DoubleText.of(settings.delta()), settings.accountant()));
        }
        return out.toString();
    }
}
