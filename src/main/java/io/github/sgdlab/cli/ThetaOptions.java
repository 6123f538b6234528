package io.github.sgdlab.cli;

import io.github.sgdlab.linear.Theta;

import java.util.List;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * θ from the command line: {@code --theta T0,T1,…} (d + 1 values, intercept first) or, for one
 * feature, {@code --theta0/--theta1}; zeros when neither is given. One mixin for
 * {@code gradient} and {@code descend}, so that both accept and refuse the same.
 */
final class ThetaOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    @Option(names = "--theta0", paramLabel = "A", description = "Intercept theta_0 (default: 0).")
    private double theta0;

    @Option(names = "--theta1", paramLabel = "B", description = "Slope theta_1 (default: 0).")
    private double theta1;

    @Option(names = "--theta", paramLabel = "T0,T1,...", split = ",",
            description = "All of theta, intercept first: d + 1 values for d features "
                    + "(default: zeros); instead of --theta0/--theta1.")
    private List<Double> theta;

    /**
     * θ for data of d features.
     *
     * @param d the data's features
     * @return θ, d + 1 values
     * @throws ParameterException if both forms are given or the values do not fit the data
     */
    Theta forFeatures(int d) {
        boolean pair = pairGiven();
        if (pair && d != 1) {
            throw badInput("--theta0/--theta1 fit one feature and the data have " + d
                    + "; give --theta with " + (d + 1) + " values");
        }
        if (theta != null && theta.size() != d + 1) {
            throw badInput("--theta has " + count(theta.size()) + " but the data have " + d
                    + (d == 1 ? " feature" : " features") + ": give " + (d + 1)
                    + ", the intercept first");
        }
        try {
            return theta != null
                    ? Theta.of(theta.stream().mapToDouble(Double::doubleValue).toArray())
                    : pair ? Theta.of(theta0, theta1) : Theta.zeros(d);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(command.commandLine(), e.getMessage(), e);
        }
    }

    /**
     * θ for the generated data, which have one feature.
     *
     * @return (θ0, θ1)
     * @throws ParameterException if both forms are given, --theta has other than two values, or
     *     a value is not finite
     */
    Theta forGenerated() {
        pairGiven();
        if (theta != null && theta.size() != 2) {
            throw badInput("--theta has " + count(theta.size())
                    + " but the generated data have one feature: give 2, the intercept first");
        }
        double intercept = theta == null ? theta0 : theta.get(0);
        double slope = theta == null ? theta1 : theta.get(1);
        if (!Double.isFinite(intercept) || !Double.isFinite(slope)) {
            // The generated data's message has always shown θ as the pair the table prints.
            throw badInput("theta must be finite, got (" + intercept + ", " + slope + ")");
        }
        return Theta.of(intercept, slope);
    }

    /** Whether --theta0 or --theta1 was given; refuses them beside --theta. */
    private boolean pairGiven() {
        boolean pair = command.commandLine().getParseResult().hasMatchedOption("--theta0")
                || command.commandLine().getParseResult().hasMatchedOption("--theta1");
        if (theta != null && pair) {
            throw badInput("give theta either as --theta or as --theta0/--theta1, not both");
        }
        return pair;
    }

    private static String count(int values) {
        return values + (values == 1 ? " value" : " values");
    }

    private ParameterException badInput(String message) {
        return new ParameterException(command.commandLine(), message);
    }
}
