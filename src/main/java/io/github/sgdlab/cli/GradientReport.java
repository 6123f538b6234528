package io.github.sgdlab.cli;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.output.ComparisonJson;

import java.io.PrintWriter;
import java.util.function.Consumer;
import java.util.function.Function;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * What {@code notebook} and {@code gradient} share: compute the four gradients, refuse
 * non-finite results, print text or JSON, and turn the cross-check into the exit code.
 */
final class GradientReport {

    private GradientReport() {}

    /**
     * Runs the comparison and prints it in one piece, so a failure never leaves half an output.
     *
     * @param spec the command, for error messages
     * @param data the samples
     * @param theta where to take the gradients
     * @param dataType float32 or float64
     * @param json whether to print JSON instead of text
     * @param compute how to compute the comparison on a fresh manager
     * @param save what to write besides stdout, once the results are known to be finite and
     *     before anything is printed
     * @param text how to render the comparison as text
     * @return 0 if the cross-check passed, {@link SgdLab#CROSS_CHECK_FAILED} otherwise
     */
    static int print(CommandSpec spec, LinearData data, Theta theta, DataType dataType,
            boolean json, Function<NDManager, GradientComparison> compute,
            Consumer<GradientComparison> save, Function<GradientComparison, String> text) {
        GradientComparison result;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            result = compute.apply(manager);
        }
        if (!result.allFinite()) {
            throw overflow(spec, "(" + theta.theta0() + ", " + theta.theta1() + ")", dataType);
        }
        save.accept(result);
        PrintWriter out = PerSampleCsv.reportStream(spec);
        if (json) {
            out.println(ComparisonJson.of(data, result));
        } else {
            out.print(text.apply(result));
        }
        out.flush();
        return result.crossCheck().ok() ? 0 : SgdLab.CROSS_CHECK_FAILED;
    }

    /**
     * The bad-input error for a θ whose loss or gradient overflows the working type: such a
     * result must be reported, never printed as a number.
     *
     * @param spec the command, for the error
     * @param theta θ as the message shows it, e.g. {@code (1.0, 2.0)}
     * @param dataType the working type
     * @return the exception to throw
     */
    static ParameterException overflow(CommandSpec spec, String theta, DataType dataType) {
        return new ParameterException(spec.commandLine(), String.format(
                "theta = %s is too far from the data: the %s loss or gradient "
                        + "overflows (try a smaller theta%s)",
                theta, dataType, dataType == DataType.FLOAT32 ? " or --dtype float64" : ""));
    }
}
