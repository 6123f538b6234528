package io.github.sgdlab.cli;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.RunResult;
import io.github.sgdlab.files.DoubleText;

import java.util.Locale;

/** {@code descend}'s text output: the settings, θ*, one line per run, the means. */
final class DescentText {

    private DescentText() {}

    /**
     * Formats a result.
     *
     * @param result the descent
     * @return the lines, each ending in {@code \n}
     */
    static String of(DescentResult result) {
        DescentConfig config = result.config();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "%s, %s%s, lr %s, momentum %s, eps %s, max %d epochs, %s, %d run%s\n",
                config.datasetName(), config.method().id(),
                config.method() == Method.MINIBATCH
                        ? " (batch " + config.batch() + ")" : "",
                config.learningRate(), config.momentum(), config.eps(), config.maxEpochs(),
                config.dataType().toString().toLowerCase(Locale.ROOT), config.runs(),
                config.runs() == 1 ? "" : "s"));
        double[] star = result.thetaStar();
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
        out.append(" final_loss\n");
        for (int r = 0; r < result.runs().size(); r++) {
            RunResult run = result.runs().get(r);
            out.append(String.format(Locale.ROOT, "%-6d %-12d %-14s %10d %7d ",
                    r, run.shuffleSeed(), run.outcome().id(), run.iterations(), run.epochs()));
            for (double theta : run.finalTheta()) {
                out.append(String.format(Locale.ROOT, " %-24s", number(theta)));
            }
            out.append(' ').append(number(run.finalLoss())).append('\n');
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT, "converged %d/%d", result.convergedRuns(),
                result.runs().size()));
        if (result.meanIterations().isPresent()) {
            out.append(String.format(Locale.ROOT, ", mean iterations %s, mean epochs %s",
                    DoubleText.of(result.meanIterations().getAsDouble()),
                    DoubleText.of(result.meanEpochs().getAsDouble())));
        } else {
            out.append(", no mean: no run converged");
        }
        out.append('\n');
        out.append(String.format(Locale.ROOT,
                "max deviation of DJL autograd from the plain-Java reference: %s\n",
                DoubleText.of(result.maxReferenceDeviation())));
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
