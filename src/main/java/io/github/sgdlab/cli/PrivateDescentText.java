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
        double[] star = result.descent().thetaStar();
        StringBuilder stars = new StringBuilder();
        for (int j = 0; j < star.length; j++) {
            stars.append(j == 0 ? "" : ", ").append(DoubleText.of(star[j]));
        }
        out.append("theta* = (").append(stars).append(")\n\n");
        out.append(String.format(Locale.ROOT, "%-6s %-12s %-14s %10s %7s ",
                "run", "shuffle_seed", "outcome", "iterations", "epochs"));
        for (int j = 0; j < star.length; j++) {
            out.append(String.format(Locale.ROOT, " %-24s", "final_theta" + j));
        }
        out.append(String.format(Locale.ROOT, " %-24s epsilon\n", "final_loss"));
        double[] epsilons = result.epsilons();
        for (int r = 0; r < epsilons.length; r++) {
            RunResult run = result.descent().runs().get(r);
            out.append(String.format(Locale.ROOT, "%-6d %-12d %-14s %10d %7d ",
                    r, run.shuffleSeed(), run.outcome().id(), run.iterations(), run.epochs()));
            for (double theta : run.finalTheta()) {
                out.append(String.format(Locale.ROOT, " %-24s", number(theta)));
            }
            out.append(String.format(Locale.ROOT, " %-24s %s\n", number(run.finalLoss()),
                    number(epsilons[r])));
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "converged %d/%d\n",
                result.descent().convergedRuns(), epsilons.length));
        out.append(String.format(Locale.ROOT,
                "privacy: (epsilon, %s)-DP per run at delta %s (%s accountant); each run's "
                        + "epsilon counts the iterations it took\n",
                "delta", DoubleText.of(settings.delta()), settings.accountant()));
        return out.toString();
    }

    /** A double, or the words a non-finite one stands for. */
    private static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return DoubleText.of(value);
    }
}
