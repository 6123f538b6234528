package io.github.sgdlab.descent;

import io.github.sgdlab.data.LinearData;

import java.util.Arrays;

/** Collects one run's iterations into growing arrays, then freezes them into a {@link Trajectory}. */
final class TrajectoryRecorder {

    private double[] theta0 = new double[64];
    private double[] theta1 = new double[64];
    private double[] gradTheta0 = new double[64];
    private double[] gradTheta1 = new double[64];
    private double[] velocity0 = new double[64];
    private double[] velocity1 = new double[64];
    private int steps;

    /**
     * Starts at θ_0.
     *
     * @param theta0 θ0_0
     * @param theta1 θ1_0
     */
    TrajectoryRecorder(double theta0, double theta1) {
        this.theta0[0] = theta0;
        this.theta1[0] = theta1;
    }

    /**
     * Records step t = (steps so far) + 1.
     *
     * @param grad0 g0_t
     * @param grad1 g1_t
     * @param v0 v0_t
     * @param v1 v1_t
     * @param t0 θ0_t
     * @param t1 θ1_t
     */
    void add(double grad0, double grad1, double v0, double v1, double t0, double t1) {
        if (steps + 1 == theta0.length) {
            int size = theta0.length * 2;
            theta0 = Arrays.copyOf(theta0, size);
            theta1 = Arrays.copyOf(theta1, size);
            gradTheta0 = Arrays.copyOf(gradTheta0, size);
            gradTheta1 = Arrays.copyOf(gradTheta1, size);
            velocity0 = Arrays.copyOf(velocity0, size);
            velocity1 = Arrays.copyOf(velocity1, size);
        }
        gradTheta0[steps] = grad0;
        gradTheta1[steps] = grad1;
        velocity0[steps] = v0;
        velocity1[steps] = v1;
        steps++;
        theta0[steps] = t0;
        theta1[steps] = t1;
    }

    /**
     * Freezes the record, adding the full-data loss at every θ.
     *
     * @param data the samples, for the loss
     * @param iterationsPerEpoch how many iterations make an epoch
     * @return the trajectory
     */
    Trajectory build(LinearData data, int iterationsPerEpoch) {
        double[] loss = new double[steps + 1];
        for (int t = 0; t <= steps; t++) {
            loss[t] = LeastSquares.loss(data, theta0[t], theta1[t]);
        }
        return new Trajectory(iterationsPerEpoch,
                Arrays.copyOf(theta0, steps + 1), Arrays.copyOf(theta1, steps + 1),
                Arrays.copyOf(gradTheta0, steps), Arrays.copyOf(gradTheta1, steps),
                Arrays.copyOf(velocity0, steps), Arrays.copyOf(velocity1, steps), loss);
    }
}
