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
        RunTable.thetaStar(out, result.thetaStar());
        RunTable.header(out, config.features() + 1);
        out.append(" final_loss\n");
        for (int r = 0; r < result.runs().size(); r++) {
            RunResult run = result.runs().get(r);
            RunTable.row(out, r, run);
            out.append(' ').append(RunTable.number(run.finalLoss())).append('\n');
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
}
