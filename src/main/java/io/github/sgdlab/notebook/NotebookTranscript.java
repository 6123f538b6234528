package io.github.sgdlab.notebook;

import ai.djl.ndarray.types.DataType;

import static io.github.sgdlab.notebook.PythonFormat.fourDecimals;

import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;

import java.util.List;
import java.util.Locale;

/**
 * The text the notebook prints, from a {@link GradientComparison}: each code cell's lines as one
 * block, in the seed's words and with its {@code :.4f} numbers, then the cross-check verdict.
 */
public final class NotebookTranscript {

    private NotebookTranscript() {}

    /**
     * The printed lines of each cell, In [10], In [11], In [12] and In [14], in order.
     *
     * @param result the four gradients
     * @return one list of lines per cell
     */
    public static List<List<String>> cellOutputs(GradientComparison result) {
        BatchGradient batch = result.batch();
        Gradient average = result.perSampleAverage();
        BatchGradient manual = result.referenceBatch();
        Gradient manualAverage = result.referencePerSampleAverage();
        return List.of(
                List.of(
                        "Gradient of theta_0: " + fourDecimals(batch.gradTheta0()),
                        "Gradient of theta_1: " + fourDecimals(batch.gradTheta1()),
                        "Loss: " + fourDecimals(batch.loss())),
                List.of(
                        "Average stochastic gradient of theta_0: "
                                + fourDecimals(average.gradTheta0()),
                        "Average stochastic gradient of theta_1: "
                                + fourDecimals(average.gradTheta1()),
                        "True gradient of theta_0: " + fourDecimals(batch.gradTheta0()),
                        "True gradient of theta_1: " + fourDecimals(batch.gradTheta1())),
                List.of(
                        "Gradient of theta_0 (manual calculation): "
                                + fourDecimals(manual.gradTheta0()),
                        "Gradient of theta_1 (manual calculation): "
                                + fourDecimals(manual.gradTheta1())),
                List.of(
                        "Average stochastic gradient of theta_0: "
                                + fourDecimals(manualAverage.gradTheta0()),
                        "Average stochastic gradient of theta_1: "
                                + fourDecimals(manualAverage.gradTheta1())));
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
}
