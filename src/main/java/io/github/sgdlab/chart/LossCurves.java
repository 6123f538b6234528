package io.github.sgdlab.chart;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.XYChart;

/**
 * {@code loss.png}: the full-data loss against the epoch on a log scale, each run a thin line and
 * the mean over runs a bold one, and beside it the same above the minimum. It needs only loss values, so it serves data sets of any number
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
     * The chart of the loss itself.
     *
     * @param title the chart's title
     * @param runs per run, the full-data loss at the start (index 0) and after each epoch; at
     *     least one run with a positive, finite loss
     * @return the chart
     * @throws IllegalArgumentException if no loss can be drawn on a log scale
     */
    public static XYChart chart(String title, List<double[]> runs) {
        return chart(title, "full-data loss (MSE)", runs);
    }

    /**
     * The picture: the loss, and beside it the loss above its minimum {@code L − L(θ*)}, whose
     * log scale shows the rate of convergence as a slope (a straight line for full-batch
     * descent) where the loss itself flattens onto {@code L(θ*)}.
     *
     * @param title the title of the left panel
     * @param runs per run, the full-data loss at the start (index 0) and after each epoch
     * @param minimum {@code L(θ*)}, the loss at the least-squares solution; NaN to draw the loss
     *     alone
     * @return the image, one or two panels wide
     * @throws IllegalArgumentException if no loss can be drawn on a log scale
     */
    public static BufferedImage image(String title, List<double[]> runs, double minimum) {
        if (!Double.isFinite(minimum)) {
            return ChartFiles.image(chart(title, runs));
        }
        List<double[]> excess = runs.stream().map(run -> {
            double[] above = new double[run.length];
            for (int e = 0; e < run.length; e++) {
                above[e] = run[e] - minimum;
            }
            return above;
        }).toList();
        return ChartFiles.grid(List.of(chart(title, runs),
                chart("above the minimum", "L − L(θ*)", excess)), 2);
    }

    private static XYChart chart(String title, String yTitle, List<double[]> runs) {
        int epochs = 0;
        for (double[] run : runs) {
            epochs = Math.max(epochs, run.length);
        }
        double[] mean = mean(runs, epochs);
        if (allGaps(positive(mean))) {
            throw new IllegalArgumentException("no positive, finite loss to draw on a log scale");
        }
        XYChart chart = Plot.chart(WIDTH, HEIGHT, title, "epoch", yTitle);
        chart.getStyler().setYAxisLogarithmic(true);
        // Whole epochs, without thousands separators.
        chart.getStyler().setXAxisDecimalPattern("0");
        // XChart labels an axis whose x values are all equally spaced by picking every k-th
        // value, which crowds thousands of epochs into overlapping labels; one hidden point
        // between epochs sends it to its usual round-number ticks.
        Plot.line(chart, "uneven", new double[] {0.5}, new double[] {Double.NaN}, RUN, 1f, false);
        int drawn = Math.min(MAX_RUNS_DRAWN, runs.size());
        for (int r = 0; r < drawn; r++) {
            double[] ys = positive(runs.get(r));
            if (!allGaps(ys)) {
                Plot.line(chart, "run " + r, epochs(ys.length), ys, RUN, 1f, false);
            }
        }
        String label = runs.size() == 1 ? "one run" : "mean over " + runs.size() + " runs";
        Plot.line(chart, label, epochs(epochs), positive(mean), MEAN, 3f, true);
        if (runs.size() > 1) {
            // A legend entry for the thin lines: a series with no drawable point.
            Plot.line(chart, drawn < runs.size() ? "runs (first " + drawn + " drawn)" : "each run",
                    new double[] {0}, new double[] {Double.NaN}, RUN, 1f, true);
        }
        return chart;
    }

    /**
     * Writes the picture as PNG, atomically.
     *
     * @param target the file
     * @param title the chart's title
     * @param runs per run, the full-data loss at the start (index 0) and after each epoch
     * @param minimum {@code L(θ*)}, or NaN to draw the loss alone
     * @throws IOException if writing fails
     */
    public static void write(Path target, String title, List<double[]> runs, double minimum)
            throws IOException {
        ChartFiles.png(target, image(title, runs, minimum));
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
