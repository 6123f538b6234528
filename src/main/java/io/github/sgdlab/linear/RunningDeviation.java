package io.github.sgdlab.linear;

/**
 * The second pass of a two-pass standard deviation over per-sample gradient vectors fed in
 * chunks: Σ (g_i − mean)² left to right, the same additions in the same order however the
 * samples are cut into chunks, so a streamed spread and {@link PerSampleGradients#spread()} over
 * a whole array agree bit for bit.
 */
public final class RunningDeviation {

    private final double[] mean;
    private final double[] squares;
    private long count;

    /**
     * Starts at zero.
     *
     * @param mean the first pass's mean of each component
     */
    public RunningDeviation(Gradient mean) {
        this.mean = mean.values();
        this.squares = new double[this.mean.length];
    }

    /**
     * Adds the first {@code m} gradients of a chunk.
     *
     * @param chunk {@code chunk[j][i]}: component j of the chunk's i-th gradient
     * @param m how many gradients of the chunk to add
     */
    public void addChunk(double[][] chunk, int m) {
        for (int j = 0; j < squares.length; j++) {
            double sum = squares[j];
            double centre = mean[j];
            double[] values = chunk[j];
            for (int i = 0; i < m; i++) {
                sum += (values[i] - centre) * (values[i] - centre);
            }
            squares[j] = sum;
        }
        count += m;
    }

    /**
     * The standard deviation so far, ddof 0 as numpy's {@code np.std}.
     *
     * @return {@code sqrt(Σ (g_i − mean)² / n)} for each component
     */
    public Gradient standardDeviation() {
        double[] std = new double[squares.length];
        for (int j = 0; j < std.length; j++) {
            std[j] = Math.sqrt(squares[j] / count);
        }
        return new Gradient(std);
    }
}
