package io.github.sgdlab.linear;

/**
 * The left-to-right mean of per-sample gradient vectors fed in chunks: the same additions, in
 * the same order, as summing a whole array with {@code sum(grads) / len(grads)}, without ever
 * holding all n gradients.
 */
public final class RunningMean {

    private final double[] sums;
    private long count;

    /**
     * Starts at zero.
     *
     * @param parameters how many components each gradient has
     */
    public RunningMean(int parameters) {
        sums = new double[parameters];
    }

    /**
     * Adds the first {@code m} gradients of a chunk.
     *
     * @param chunk {@code chunk[j][i]}: component j of the chunk's i-th gradient
     * @param m how many gradients of the chunk to add
     */
    public void addChunk(double[][] chunk, int m) {
        for (int j = 0; j < sums.length; j++) {
            double sum = sums[j];
            double[] values = chunk[j];
            for (int i = 0; i < m; i++) {
                sum += values[i];
            }
            sums[j] = sum;
        }
        count += m;
    }

    /**
     * The mean so far.
     *
     * @return each component's sum divided by the count
     */
    public Gradient mean() {
        double[] mean = new double[sums.length];
        for (int j = 0; j < mean.length; j++) {
            mean[j] = sums[j] / count;
        }
        return new Gradient(mean);
    }
}
