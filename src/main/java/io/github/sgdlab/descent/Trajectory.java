package io.github.sgdlab.descent;

/**
 * Every iteration of one run, as the DJL autograd path computed it: θ after each iteration, the
 * gradient and the velocity of each step, and the full-data loss at each θ.
 *
 * <p>θ, the gradient and the velocity have d + 1 components, intercept first; the notebook's
 * model (d = 1) reads them as θ0 and θ1. Iterations are numbered t = 1 .. {@link #iterations()}; index 0 of θ and of the loss is the
 * start θ_0. Step t goes from θ_{t−1} to θ_t: its gradient g_t was taken at θ_{t−1}, its
 * velocity is v_t = μ·v_{t−1} + g_t and θ_t = θ_{t−1} − lr·v_t, so the update is −lr·v_t
 * (without momentum v_t = g_t). Immutable.
 */
public final class Trajectory {

    private final int iterationsPerEpoch;
    private final double[][] theta;
    private final double[][] gradient;
    private final double[][] velocity;
    private final double[] loss;

    /**
     * Wraps recorded arrays without copying; only the engine that recorded them calls this.
     *
     * @param iterationsPerEpoch how many iterations make one epoch
     * @param theta θ_j at t = 0 .. T, component by component ({@code theta[j][t]})
     * @param gradient ∂loss/∂θ_j of steps 1 .. T, at index t − 1
     * @param velocity v_j after steps 1 .. T, at index t − 1
     * @param loss the full-data loss at t = 0 .. T
     */
    Trajectory(int iterationsPerEpoch, double[][] theta, double[][] gradient,
            double[][] velocity, double[] loss) {
        this.iterationsPerEpoch = iterationsPerEpoch;
        this.theta = theta;
        this.gradient = gradient;
        this.velocity = velocity;
        this.loss = loss;
    }

    /**
     * How many iterations the run took, T.
     *
     * @return T, at least 1
     */
    public int iterations() {
        return gradient[0].length;
    }

    /**
     * How many features the model has.
     *
     * @return d; θ has d + 1 components
     */
    public int features() {
        return theta.length - 1;
    }

    /**
     * One component of θ after iteration t.
     *
     * @param t 0 (the start) to T
     * @param j 0 for the intercept, 1 .. d for the features
     * @return θ_j at t
     */
    public double theta(int t, int j) {
        checkTheta(t);
        return theta[j][t];
    }

    /**
     * One component of step t's gradient, taken at θ_{t−1} over that iteration's samples.
     *
     * @param t 1 to T
     * @param j 0 for the intercept, 1 .. d for the features
     * @return ∂loss/∂θ_j of step t
     */
    public double gradient(int t, int j) {
        checkStep(t);
        return gradient[j][t - 1];
    }

    /**
     * One component of the velocity after step t.
     *
     * @param t 1 to T
     * @param j 0 for the intercept, 1 .. d for the features
     * @return v_j after step t
     */
    public double velocity(int t, int j) {
        checkStep(t);
        return velocity[j][t - 1];
    }

    /**
     * How many iterations make one full epoch.
     *
     * @return 1 for full batch, n for SGD, ⌈n / B⌉ for mini-batch
     */
    public int iterationsPerEpoch() {
        return iterationsPerEpoch;
    }

    /**
     * How many epochs the run entered, the last possibly cut short by the stop.
     *
     * @return the epoch of iteration T
     */
    public int epochs() {
        return epoch(iterations());
    }

    /**
     * The epoch an iteration belongs to.
     *
     * @param t the iteration, 1-based; 0 (the start) belongs to epoch 0
     * @return the epoch, 1-based
     */
    public int epoch(int t) {
        checkTheta(t);
        return t == 0 ? 0 : (t - 1) / iterationsPerEpoch + 1;
    }

    /**
     * The iteration's place within its epoch.
     *
     * @param t the iteration, 1-based
     * @return 1 .. {@link #iterationsPerEpoch()}; 0 for the start
     */
    public int iterationInEpoch(int t) {
        checkTheta(t);
        return t == 0 ? 0 : (t - 1) % iterationsPerEpoch + 1;
    }

    /**
     * The first iteration of an epoch.
     *
     * @param epoch the epoch, 1-based
     * @return its first iteration t
     */
    public int firstIteration(int epoch) {
        return (epoch - 1) * iterationsPerEpoch + 1;
    }

    /**
     * The last iteration of an epoch this run reached.
     *
     * @param epoch the epoch, 1-based
     * @return its last iteration t, or T when the run stopped inside it
     */
    public int lastIteration(int epoch) {
        return Math.min(epoch * iterationsPerEpoch, iterations());
    }

    /**
     * θ0 after iteration t.
     *
     * @param t 0 (the start) to T
     * @return θ0_t
     */
    public double theta0(int t) {
        return theta(t, 0);
    }

    /**
     * θ1 after iteration t (with d features, the first feature's weight).
     *
     * @param t 0 (the start) to T
     * @return θ1_t
     */
    public double theta1(int t) {
        return theta(t, 1);
    }

    /**
     * The full-data mean-squared error at θ_t, in double.
     *
     * @param t 0 (the start) to T
     * @return the loss over all n samples
     */
    public double loss(int t) {
        checkTheta(t);
        return loss[t];
    }

    /**
     * ∂loss/∂θ0 of step t, taken at θ_{t−1} over that iteration's samples.
     *
     * @param t 1 to T
     * @return g0_t
     */
    public double gradTheta0(int t) {
        return gradient(t, 0);
    }

    /**
     * ∂loss/∂θ1 of step t, taken at θ_{t−1} over that iteration's samples.
     *
     * @param t 1 to T
     * @return g1_t
     */
    public double gradTheta1(int t) {
        return gradient(t, 1);
    }

    /**
     * The velocity's θ0 component after step t: v_t = μ·v_{t−1} + g_t.
     *
     * @param t 1 to T
     * @return v0_t
     */
    public double velocity0(int t) {
        return velocity(t, 0);
    }

    /**
     * The velocity's θ1 component after step t.
     *
     * @param t 1 to T
     * @return v1_t
     */
    public double velocity1(int t) {
        return velocity(t, 1);
    }

    /**
     * The full-data loss at the end of each epoch: index 0 at the start, index e after epoch e
     * (for the last epoch, at the θ where the run stopped).
     *
     * @return {@link #epochs()} + 1 losses
     */
    public double[] epochLosses() {
        int epochs = epochs();
        double[] out = new double[epochs + 1];
        out[0] = loss[0];
        for (int e = 1; e <= epochs; e++) {
            out[e] = loss[lastIteration(e)];
        }
        return out;
    }

    /**
     * A copy of θ0 at t = 0 .. T.
     *
     * @return T + 1 values
     */
    public double[] theta0s() {
        return theta[0].clone();
    }

    /**
     * A copy of θ1 at t = 0 .. T.
     *
     * @return T + 1 values
     */
    public double[] theta1s() {
        return theta[1].clone();
    }

    private void checkTheta(int t) {
        if (t < 0 || t > iterations()) {
            throw new IndexOutOfBoundsException(
                    "iteration " + t + " outside 0.." + iterations());
        }
    }

    private void checkStep(int t) {
        if (t < 1 || t > iterations()) {
            throw new IndexOutOfBoundsException(
                    "step " + t + " outside 1.." + iterations());
        }
    }
}
