package io.github.sgdlab.descent;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.reference.LeastSquares;

import java.util.Arrays;

/** Collects one run's iterations into growing arrays, then freezes them into a {@link Trajectory}. */
final class TrajectoryRecorder {

    private final int width;
    private double[][] theta;
    private double[][] gradient;
    private double[][] velocity;
    private int steps;

    /**
     * Starts at θ_0.
     *
     * @param start θ_0, d + 1 values, intercept first
     */
    TrajectoryRecorder(double[] start) {
        this.width = start.length;
        this.theta = new double[width][64];
        this.gradient = new double[width][64];
        this.velocity = new double[width][64];
        for (int j = 0; j < width; j++) {
            theta[j][0] = start[j];
        }
    }

    /**
     * Records step t = (steps so far) + 1.
     *
     * @param g g_t, d + 1 values
     * @param v v_t
     * @param t θ_t
     */
    void add(double[] g, double[] v, double[] t) {
        if (steps + 1 == theta[0].length) {
            int size = theta[0].length * 2;
            for (int j = 0; j < width; j++) {
                theta[j] = Arrays.copyOf(theta[j], size);
                gradient[j] = Arrays.copyOf(gradient[j], size);
                velocity[j] = Arrays.copyOf(velocity[j], size);
            }
        }
        for (int j = 0; j < width; j++) {
            gradient[j][steps] = g[j];
            velocity[j][steps] = v[j];
            theta[j][steps + 1] = t[j];
        }
        steps++;
    }

    /**
     * Freezes the record, adding the full-data loss at every θ.
     *
     * @param data the samples, for the loss
     * @param iterationsPerEpoch how many iterations make an epoch
     * @return the trajectory
     */
    Trajectory build(FeatureData data, int iterationsPerEpoch) {
        double[] loss = new double[steps + 1];
        double[] at = new double[width];
        for (int t = 0; t <= steps; t++) {
            for (int j = 0; j < width; j++) {
                at[j] = theta[j][t];
            }
            loss[t] = LeastSquares.loss(data, at);
        }
        double[][] thetas = new double[width][];
        double[][] gradients = new double[width][];
        double[][] velocities = new double[width][];
        for (int j = 0; j < width; j++) {
            thetas[j] = Arrays.copyOf(theta[j], steps + 1);
            gradients[j] = Arrays.copyOf(gradient[j], steps);
            velocities[j] = Arrays.copyOf(velocity[j], steps);
        }
        return new Trajectory(iterationsPerEpoch, thetas, gradients, velocities, loss);
    }
}
