package io.github.sgdlab.descent;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The study as text: a Markdown table of the cells and, computed from the data, why {@code wide}
 * is slower: the condition number of each data set's Hessian.
 */
public final class StudyReport {

    private StudyReport() {}

    /**
     * The Markdown table: one row per cell with its learning rate, the mean iterations and
     * epochs over the converged runs, and converged/total.
     *
     * @param cells the study's cells
     * @return the table, one line per row, each ending in {@code \n}
     */
    public static String table(List<Study.Cell> cells) {
        StringBuilder out = new StringBuilder();
        out.append("| dataset | lr | method | momentum | mean iterations | mean epochs "
                + "| converged |\n");
        out.append("|---|---|---|---|---|---|---|\n");
        for (Study.Cell cell : cells) {
            DescentResult result = cell.result();
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %d/%d |\n",
                    cell.dataset().id(),
                    BigDecimal.valueOf(result.config().learningRate()).stripTrailingZeros()
                            .toPlainString(),
                    cell.method().id(),
                    cell.momentum() == 0 ? "0" : String.valueOf(cell.momentum()),
                    mean(result.meanIterations()), mean(result.meanEpochs()),
                    result.convergedRuns(), result.runs().size()));
        }
        return out.toString();
    }

    /**
     * Why {@code wide} is slower, from the data: each data set's Hessian eigenvalues and
     * condition number.
     *
     * @return a few lines, each ending in {@code \n}
     */
    public static String conditioning() {
        return conditioning(Study.conditioning());
    }

    /**
     * {@link #conditioning()} from Hessians already computed.
     *
     * @param hessians every data set's Hessian, as {@link Study#conditioning()} gives them
     * @return a few lines, each ending in {@code \n}
     */
    public static String conditioning(List<Study.Conditioning> hessians) {
        StringBuilder out = new StringBuilder();
        out.append("Hessian of the loss, 2*[[1, mean(x1)], [mean(x1), mean(x1^2)]]:\n");
        double[] kappa = new double[Dataset.values().length];
        for (Study.Conditioning hessian : hessians) {
            Dataset dataset = hessian.dataset();
            kappa[dataset.ordinal()] = hessian.conditionNumber();
            out.append(String.format(Locale.ROOT,
                    "  %-8s lambda_max %.4g, lambda_min %.4g, condition number %.4g\n",
                    dataset.id(), hessian.lambdaMax(), hessian.lambdaMin(),
                    kappa[dataset.ordinal()]));
        }
        out.append(String.format(Locale.ROOT, "wide is slower: its condition number is %.1f times "
                + "the notebook's. A step small enough for the steep direction (lr < 2/lambda_max) "
                + "shrinks the error along the flat one by only a factor 1 - lr*lambda_min per "
                + "iteration, so plain gradient descent needs on the order of kappa iterations.\n",
                kappa[Dataset.WIDE.ordinal()] / kappa[Dataset.NOTEBOOK.ordinal()]));
        return out.toString();
    }

    private static String mean(OptionalDouble mean) {
        return mean.isPresent() ? String.format(Locale.ROOT, "%.1f", mean.getAsDouble()) : "-";
    }
}
