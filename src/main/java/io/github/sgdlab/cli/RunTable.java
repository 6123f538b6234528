package io.github.sgdlab.cli;

import io.github.sgdlab.descent.RunResult;
import io.github.sgdlab.files.DoubleText;

import java.util.Locale;

/**
 * The part of {@code descend}'s text that every descent prints alike, the ordinary and the
 * private: θ*, the run table's header and each run's row up to its final θ. Each descent adds
 * its own columns after these (the loss; the private one's ε).
 */
final class RunTable {

    private RunTable() {}

    /**
     * The θ* line and the blank line after it.
     *
     * @param out where the text goes
     * @param star θ*, d + 1 values, intercept first
     */
    static void thetaStar(StringBuilder out, double[] star) {
        StringBuilder stars = new StringBuilder();
        for (int j = 0; j < star.length; j++) {
            stars.append(j == 0 ? "" : ", ").append(DoubleText.of(star[j]));
        }
        out.append("theta* = (").append(stars).append(")\n\n");
    }

    /**
     * The header up to the last {@code final_thetaJ} column, without its line end.
     *
     * @param out where the text goes
     * @param width d + 1, the components of θ
     */
    static void header(StringBuilder out, int width) {
        out.append(String.format(Locale.ROOT, "%-6s %-12s %-14s %10s %7s ",
                "run", "shuffle_seed", "outcome", "iterations", "epochs"));
        for (int j = 0; j < width; j++) {
            out.append(String.format(Locale.ROOT, " %-24s", "final_theta" + j));
        }
    }

    /**
     * One run's row up to its final θ, without its line end.
     *
     * @param out where the text goes
     * @param r the run, 0-based
     * @param run its result
     */
    static void row(StringBuilder out, int r, RunResult run) {
        out.append(String.format(Locale.ROOT, "%-6d %-12d %-14s %10d %7d ",
                r, run.shuffleSeed(), run.outcome().id(), run.iterations(), run.epochs()));
        for (double theta : run.finalTheta()) {
            out.append(String.format(Locale.ROOT, " %-24s", number(theta)));
        }
    }

    /**
     * A double as the table prints it, or the words a non-finite one stands for.
     *
     * @param value the number
     * @return its shortest round-tripping text, {@code nan}, {@code inf} or {@code -inf}
     */
    static String number(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        return DoubleText.of(value);
    }
}
