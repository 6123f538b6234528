package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.GradientsAt;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code per-sample.png}: the notebook's claim as a picture. In the plane of gradients
 * (∂L/∂θ0, ∂L/∂θ1), every sample's gradient at θ is a thin arrow from the origin, their mean is
 * a dot, and the batch gradient is a bold arrow from the origin that lands on that dot: the
 * stochastic gradient is an unbiased estimate of the true one.
 */
public final class PerSampleArrows {

    /** The most samples whose arrows a picture draws: beyond that it is a blot. */
    public static final int MAX_SAMPLES = 1000;

    static final int WIDTH = 640;
    static final int HEIGHT = 560;

    private static final Color SAMPLE = new Color(90, 130, 200, 150);
    private static final Color BATCH = new Color(200, 30, 30);

    private PerSampleArrows() {}

    /**
     * The chart.
     *
     * @param theta where the gradients were taken
     * @param perSample each sample's gradient
     * @param batch the batch gradient
     * @return the chart
     */
    public static XYChart chart(Theta theta, PerSampleGradients perSample, Gradient batch) {
        double[] g0 = perSample.gradient(0);
        double[] g1 = perSample.gradient(1);
        List<Arrow> samples = new ArrayList<>();
        for (int i = 0; i < g0.length; i++) {
            samples.add(new Arrow(0, 0, g0[i], g1[i]));
        }
        Gradient mean = perSample.average();
        Arrow bold = new Arrow(0, 0, batch.get(0), batch.get(1));
        List<Arrow> all = new ArrayList<>(samples);
        all.add(bold);
        Window window = Arrows.enclosing(all, 0.06);
        XYChart chart = Plot.chart(WIDTH, HEIGHT, String.format(Locale.ROOT,
                "Gradients at θ = (%s, %s): %d per-sample, their mean, the batch gradient",
                theta.get(0), theta.get(1), g0.length), "∂L/∂θ0", "∂L/∂θ1");
        Plot.show(chart, window);
        double[][] thin = Arrows.polyline(samples, window);
        Plot.line(chart, "per-sample gradients (" + g0.length + ")", thin[0], thin[1], SAMPLE, 1f,
                true);
        double[][] thick = Arrows.polyline(List.of(bold), window);
        Plot.line(chart, "batch gradient", thick[0], thick[1], BATCH, 3.5f, true);
        Plot.points(chart, "mean of the per-sample gradients", new double[] {mean.get(0)},
                new double[] {mean.get(1)}, SeriesMarkers.CIRCLE, Color.BLACK, true);
        return chart;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param target the file
     * @param theta where the gradients were taken
     * @param perSample each sample's gradient
     * @param batch the batch gradient
     * @throws IOException if writing fails
     */
    public static void write(Path target, Theta theta, PerSampleGradients perSample,
            Gradient batch) throws IOException {
        ChartFiles.png(target, chart(theta, perSample, batch));
    }

    /**
     * Writes the chart of gradients computed by the caller as PNG, atomically.
     *
     * @param target the file
     * @param gradients each sample's gradient and the batch gradient, at most
     *     {@link #MAX_SAMPLES} samples
     * @throws IOException if writing fails
     * @throws IllegalArgumentException if there are more samples than a picture can show
     */
    public static void write(Path target, GradientsAt gradients) throws IOException {
        int n = gradients.perSample().size();
        if (n > MAX_SAMPLES) {
            throw new IllegalArgumentException("a per-sample picture shows at most " + MAX_SAMPLES
                    + " samples' arrows, got " + n);
        }
        write(target, gradients.theta(), gradients.perSample(), gradients.batch());
    }
}
