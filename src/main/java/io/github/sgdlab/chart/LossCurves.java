package io.github.sgdlab.chart;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.XYChart;

/**
 * {@code loss.png}: the full-data loss against the epoch on a log scale, each run a thin line and
 * the mean over runs a bold one. It needs only loss values, so it serves data sets of any number
 * of features.
 *
 * <p>A run that stopped (converged) before an epoch counts in that epoch's mean with its last
 * loss, since that is where it stays; losses that are not positive and finite (an exact fit, a
 * run that overflowed) leave a gap, as a log scale cannot show them.
 */
public final class LossCurves {

    /** At most this many runs are drawn as thin lines; the mean is over all of them. */
    public static final int MAX_RUNS_DRAWN = 100;

    static final int WIDTH = 720;
    static final int HEIGHT = 460;

    private static final Color RUN = new Color(70, 110, 190, 130);
    private static final Color MEAN = new Color(20, 20, 20);

    private LossCurves() {}

    /**
     * The chart.
     *
     * @param title the chart's title
     * @param runs per run, the full-data loss at the start (index 0) and after each epoch; at
     *     least one run with a positive, finite loss
     * @return the chart
     * @throws IllegalArgumentException if no loss can be drawn on a log scale
     */
    public static XYChart chart(String title, List<double[]> runs) {
        int epochs = 0;
        for (double[] run : runs) {
            epochs = Math.max(epochs, run.length);
        }
        double[] mean = mean(runs, epochs);
        if (positive(mean).length == 0 || allGaps(positive(mean))) {
            throw new IllegalArgumentException("no positive, finite loss to draw on a log scale");
        }
        XYChart chart = Plot.chart(WIDTH, HEIGHT, title, "epoch", "full-data loss (MSE)");
        chart.getStyler().setYAxisLogarithmic(true);
        int drawn = Math.min(MAX_RUNS_DRAWN, runs.size());
        for (int r = 0; r < drawn; r++) {
            double[] ys = positive(runs.get(r));
            if (!allGaps(ys)) {
                Plot.line(chart, "run " + r, epochs(ys.length), ys, RUN, 1f, false);
            }
        }
        String label = runs.size() == 1 ? "loss" : "mean over " + runs.size() + " runs";
        Plot.line(chart, label, epochs(epochs), positive(mean), MEAN, 3f, true);
        if (runs.size() > 1) {
            // A legend entry for the thin lines: a series with no drawable point.
            Plot.line(chart, drawn < runs.size() ? "runs (first " + drawn + " drawn)" : "each run",
                    new double[] {0}, new double[] {Double.NaN}, RUN, 1f, true);
        }
        return chart;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param target the file
     * @param title the chart's title
     * @param runs per run, the full-data loss at the start (index 0) and after each epoch
     * @throws IOException if writing fails
     */
    public static void write(Path target, String title, List<double[]> runs) throws IOException {
        ChartFiles.png(target, chart(title, runs));
    }

    /**
     * The mean over runs at each epoch: a run shorter than the longest counts with its last
     * loss; non-finite losses are left out.
     *
     * @param runs the losses of each run
     * @param epochs the length of the longest run
     * @return the means, NaN where no run has a finite loss
     */
    static double[] mean(List<double[]> runs, int epochs) {
        double[] mean = new double[epochs];
        for (int e = 0; e < epochs; e++) {
            double sum = 0;
            int count = 0;
            for (double[] run : runs) {
                if (run.length == 0) {
                    continue;
                }
                double value = run[Math.min(e, run.length - 1)];
                if (Double.isFinite(value)) {
                    sum += value;
                    count++;
                }
            }
            mean[e] = count == 0 ? Double.NaN : sum / count;
        }
        return mean;
    }

    private static double[] positive(double[] values) {
        double[] out = new double[values.length];
        for (int k = 0; k < values.length; k++) {
            out[k] = values[k] > 0 && Double.isFinite(values[k]) ? values[k] : Double.NaN;
        }
        return out;
    }

    private static boolean allGaps(double[] values) {
        for (double v : values) {
            if (!Double.isNaN(v)) {
                return false;
            }
        }
        return true;
    }

    private static double[] epochs(int count) {
        double[] xs = new double[count];
        for (int e = 0; e < count; e++) {
            xs[e] = e;
        }
        return xs;
    }
}
