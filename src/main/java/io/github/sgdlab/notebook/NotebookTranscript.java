package io.github.sgdlab.notebook;

import ai.djl.ndarray.types.DataType;

import static io.github.sgdlab.notebook.PythonFormat.fourDecimals;

import io.github.sgdlab.files.DoubleText;
import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;

import java.util.List;
import java.util.Locale;

/**
 * The text the notebook prints, from a {@link GradientComparison}: each code cell's lines as one
 * block, in the seed's words and with its {@code :.4f} numbers, then the cross-check verdict;
 * and the same four gradients as the table the {@code gradient} command prints, one row per
 * cell, for any number of features.
 */
public final class NotebookTranscript {

    private NotebookTranscript() {}

    /**
     * The printed lines of each cell, In [10], In [11], In [12] and In [14], in order.
     *
     * @param result the four gradients, one feature
     * @return one list of lines per cell
     * @throws IllegalArgumentException if the comparison has more than one feature
     */
    public static List<List<String>> cellOutputs(GradientComparison result) {
        Gradient batch = result.batch().gradient();
        double loss = result.batch().loss();
        Gradient average = result.perSampleAverage();
        Gradient manual = result.referenceBatch().gradient();
        Gradient manualAverage = result.referencePerSampleAverage();
        if (batch.size() != 2) {
            throw new IllegalArgumentException("the notebook has one feature; this comparison has "
                    + (batch.size() - 1));
        }
        return List.of(
                List.of(
                        "Gradient of theta_0: " + fourDecimals(batch.get(0)),
                        "Gradient of theta_1: " + fourDecimals(batch.get(1)),
                        "Loss: " + fourDecimals(loss)),
                List.of(
                        "Average stochastic gradient of theta_0: "
                                + fourDecimals(average.get(0)),
                        "Average stochastic gradient of theta_1: "
                                + fourDecimals(average.get(1)),
                        "True gradient of theta_0: " + fourDecimals(batch.get(0)),
                        "True gradient of theta_1: " + fourDecimals(batch.get(1))),
                List.of(
                        "Gradient of theta_0 (manual calculation): "
                                + fourDecimals(manual.get(0)),
                        "Gradient of theta_1 (manual calculation): "
                                + fourDecimals(manual.get(1))),
                List.of(
                        "Average stochastic gradient of theta_0: "
                                + fourDecimals(manualAverage.get(0)),
                        "Average stochastic gradient of theta_1: "
                                + fourDecimals(manualAverage.get(1))));
    }

    /**
     * The cross-check's verdict: one line saying whether DJL's autograd matches the reference and
     * how much of its tolerance the worst value uses, then one line per compared value with its
     * difference and its own tolerance.
     *
     * @param result the comparison whose cross-check and working type the lines name
     * @return the lines, e.g. {@code Cross-check: OK, DJL autograd (float32) matches the
     *     plain-Java reference: every value within its rounding-error bound (worst: grad_theta0, |diff|
     *     4.66e-07 <= tolerance 2.26e-05)} followed by the per-value lines, without a final
     *     newline
     */
    public static String verdict(GradientComparison result) {
        return verdict(result.crossCheck(), result.dataType());
    }

    /**
     * The cross-check's verdict for any number of compared values, as
     * {@link #verdict(GradientComparison)} prints it.
     *
     * @param check the cross-check
     * @param dataType the autograd's working type, which the first line names
     * @return the lines, without a final newline
     */
    public static String verdict(CrossCheck check, DataType dataType) {
        CrossCheck.ValueCheck worst = check.worst();
        StringBuilder out = new StringBuilder(String.format(Locale.ROOT,
                "Cross-check: %s, DJL autograd (%s) %s the plain-Java reference: %s (worst: %s, "
                        + "|diff| %.2e %s tolerance %.2e)",
                check.ok() ? "OK" : "FAILED",
                dataType,
                check.ok() ? "matches" : "does not match",
                check.ok() ? "every value within its rounding-error bound"
                        : "a value lies outside its rounding-error bound",
                worst.name(),
                worst.absDiff(),
                worst.ok() ? "<=" : ">",
                worst.tolerance()));
        for (CrossCheck.ValueCheck value : check.values()) {
            out.append(String.format(Locale.ROOT, "\n  %-20s |diff| %.2e %s tolerance %.2e",
                    value.name(), value.absDiff(), value.ok() ? "<=" : "> ", value.tolerance()));
        }
        return out.toString();
    }

    /**
     * The whole transcript: the cells' blocks separated by one blank line, then a blank line and
     * the verdict.
     *
     * @param result the four gradients
     * @return the text, ending with a newline
     */
    public static String text(GradientComparison result) {
        StringBuilder out = new StringBuilder();
        for (List<String> cell : cellOutputs(result)) {
            for (String line : cell) {
                out.append(line).append('\n');
            }
            out.append('\n');
        }
        return out.append(verdict(result)).append('\n').toString();
    }

    /**
     * The four gradients as a table, as the {@code gradient} command prints them: a line
     * describing the data, θ and the type, one row per path (named after its notebook cell) with a column per component (and the loss for the batch rows), then the verdict.
     *
     * @param source what the first line says about the data
     * @param result the comparison
     * @return the text, ending with a newline
     */
    public static String table(String source, GradientComparison result) {
        int p = result.theta().features() + 1;
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s, theta = %s, %s\n\n",
                source, result.theta(), result.dataType()));
        out.append(String.format(Locale.ROOT, "%-40s", ""));
        for (int j = 0; j < p; j++) {
            out.append(String.format(Locale.ROOT, " %-24s", "grad_theta" + j));
        }
        out.append(" loss\n");
        row(out, "DJL autograd, batch (In [10])", result.batch());
        row(out, "DJL autograd, per-sample avg (In [11])", result.perSampleAverage());
        row(out, "DJL autograd, per-sample std (spread)", result.perSampleStd());
        row(out, "reference, batch (In [12])", result.referenceBatch());
        row(out, "reference, per-sample avg (In [14])", result.referencePerSampleAverage());
        return out.append('\n').append(verdict(result)).append('\n')
                .toString();
    }

    /** Label, then each component left-aligned in 24 columns, then the loss. */
    private static void row(StringBuilder out, String label, BatchGradient batch) {
        out.append(String.format(Locale.ROOT, "%-40s", label));
        for (double g : batch.gradient().values()) {
            out.append(String.format(Locale.ROOT, " %-24s", DoubleText.of(g)));
        }
        out.append(' ').append(DoubleText.of(batch.loss())).append('\n');
    }

    /** Label, then each component; the last without padding. */
    private static void row(StringBuilder out, String label, Gradient gradient) {
        out.append(String.format(Locale.ROOT, "%-40s", label));
        double[] values = gradient.values();
        for (int j = 0; j < values.length; j++) {
            String text = DoubleText.of(values[j]);
            out.append(' ').append(j + 1 < values.length
                    ? String.format(Locale.ROOT, "%-24s", text) : text);
        }
        out.append('\n');
    }
}
