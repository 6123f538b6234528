package io.github.sgdlab.chart;

import io.github.sgdlab.descent.ClippedGradients;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code per-sample.png} of a DP-SGD descent: the notebook's claim and what privacy does to it.
 * In the plane of gradients (∂L/∂θ0, ∂L/∂θ1): every sample's gradient as a faint arrow, the
 * clipping circle of radius C, each clipped gradient as an arrow inside it, their mean (a black
 * dot), the noisy private step (a green arrow) and the true batch gradient (a bold red arrow).
 * The clipped mean is biased: it lands short of the batch gradient whenever samples are clipped.
 * Draws what {@link ClippedGradients} computed.
 */
public final class ClippedArrows {

    private static final Color SAMPLE = new Color(150, 170, 200, 110);
    private static final Color CLIPPED = new Color(40, 90, 190, 170);
    private static final Color CIRCLE = new Color(120, 120, 120);
    private static final Color NOISY = new Color(20, 140, 60);
    private static final Color BATCH = new Color(200, 30, 30);
    private static final int CIRCLE_POINTS = 181;

    private ClippedArrows() {}

    /**
     * The chart.
     *
     * @param g the gradients
     * @return the chart
     */
    public static XYChart chart(ClippedGradients g) {
        List<Arrow> raw = new ArrayList<>();
        List<Arrow> clipped = new ArrayList<>();
        for (int i = 0; i < g.perSample().length; i++) {
            raw.add(new Arrow(0, 0, g.perSample()[i][0], g.perSample()[i][1]));
            clipped.add(new Arrow(0, 0, g.clipped()[i][0], g.clipped()[i][1]));
        }
        Arrow batch = new Arrow(0, 0, g.batch()[0], g.batch()[1]);
        Arrow noisy = new Arrow(0, 0, g.noisy()[0], g.noisy()[1]);
        List<Arrow> all = new ArrayList<>(raw);
        all.add(batch);
        all.add(noisy);
        double c = g.clip();
        all.add(new Arrow(-c, -c, c, c));
        Window window = Arrows.enclosing(all, 0.06);
        XYChart chart = Plot.chart(PerSampleArrows.WIDTH, PerSampleArrows.HEIGHT,
                String.format(Locale.ROOT, "DP-SGD at θ = (%s, %s): %d samples, clipping radius C = %s",
                        g.theta0(), g.theta1(), raw.size(), c), "∂L/∂θ0", "∂L/∂θ1");
        Plot.show(chart, window);
        double[][] thin = Arrows.polyline(raw, window);
        Plot.line(chart, "per-sample", thin[0], thin[1], SAMPLE,
                1f, true);
        double[] cx = new double[CIRCLE_POINTS];
        double[] cy = new double[CIRCLE_POINTS];
        for (int k = 0; k < CIRCLE_POINTS; k++) {
            double angle = 2 * Math.PI * k / (CIRCLE_POINTS - 1);
            cx[k] = c * Math.cos(angle);
            cy[k] = c * Math.sin(angle);
        }
        Plot.line(chart, "radius C", cx, cy, CIRCLE, 1.5f, true);
        double[][] inside = Arrows.polyline(clipped, window);
        Plot.line(chart, "clipped", inside[0], inside[1], CLIPPED, 1.2f, true);
        double[][] bold = Arrows.polyline(List.of(batch), window);
        Plot.line(chart, "batch gradient", bold[0], bold[1], BATCH, 3.5f, true);
        double[][] step = Arrows.polyline(List.of(noisy), window);
        Plot.line(chart, "noisy step", step[0], step[1], NOISY, 2.5f, true);
        Plot.points(chart, "clipped mean",
                new double[] {g.clippedMean()[0]}, new double[] {g.clippedMean()[1]},
                SeriesMarkers.CIRCLE, Color.BLACK, true);
        return chart;
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param target the file
     * @param g the gradients
     * @throws IOException if writing fails
     */
    public static void write(Path target, ClippedGradients g) throws IOException {
        ChartFiles.png(target, chart(g));
    }
}
