package io.github.sgdlab.chart;

/**
 * Log-spaced contour levels: a loss surface around its minimum spans several decades, so evenly
 * spaced levels would crowd the far rim and leave the minimum's bowl empty.
 */
public final class ContourLevels {

    private ContourLevels() {}

    /**
     * {@code count} levels from {@code low} to {@code high}, equally spaced in log scale.
     *
     * @param low the first level, positive
     * @param high the last level, above {@code low}
     * @param count how many levels, at least 2
     * @return {@code low * (high / low)^(k / (count - 1))} for k = 0 … count - 1
     * @throws IllegalArgumentException if the bounds are not positive and increasing or
     *     {@code count < 2}
     */
    public static double[] logSpaced(double low, double high, int count) {
        if (!(low > 0 && high > low && Double.isFinite(high)) || count < 2) {
            throw new IllegalArgumentException("need 0 < low < high and at least 2 levels, got "
                    + low + ", " + high + ", " + count);
        }
        double[] levels = new double[count];
        double ratio = Math.log(high / low);
        for (int k = 0; k < count; k++) {
            levels[k] = low * Math.exp(ratio * k / (count - 1));
        }
        levels[count - 1] = high;
        return levels;
    }
}
