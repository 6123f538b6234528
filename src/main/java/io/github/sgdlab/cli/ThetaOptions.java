package io.github.sgdlab.cli;

import io.github.sgdlab.grad.ThetaVector;

import java.util.List;

/**
 * θ from the command line for a data file of d features: {@code --theta T0,T1,…} (d + 1 values,
 * intercept first) or, for d = 1, {@code --theta0/--theta1}; zeros when neither is given. Shared
 * by {@code gradient --data} and {@code descend --data} so that both accept and refuse the same.
 */
final class ThetaOptions {

    private ThetaOptions() {}

    /**
     * Picks θ for d features.
     *
     * @param theta the {@code --theta} values, or null when not given
     * @param pair whether {@code --theta0} or {@code --theta1} was given
     * @param theta0 {@code --theta0}
     * @param theta1 {@code --theta1}
     * @param d the data's features
     * @return θ, d + 1 values
     * @throws IllegalArgumentException naming what does not fit the data
     */
    static ThetaVector forFeatures(List<Double> theta, boolean pair, double theta0,
            double theta1, int d) {
        if (pair && d != 1) {
            throw new IllegalArgumentException("--theta0/--theta1 fit one feature and the"
                    + " data have " + d + "; give --theta with " + (d + 1) + " values");
        }
        if (theta != null && theta.size() != d + 1) {
            throw new IllegalArgumentException("--theta has " + theta.size()
                    + (theta.size() == 1 ? " value" : " values") + " but the data have " + d
                    + (d == 1 ? " feature" : " features") + ": give " + (d + 1)
                    + ", the intercept first");
        }
        return theta != null
                ? ThetaVector.of(theta.stream().mapToDouble(Double::doubleValue).toArray())
                : pair ? ThetaVector.of(theta0, theta1) : ThetaVector.zeros(d);
    }
}
