package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Theta;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * {@code trajectory.gif}: the path over the loss surface's contour lines as a looping
 * animation, one frame per iteration while they fit in {@link #MAX_FRAMES}; a longer run shows
 * evenly spaced iterations, always including the first and the last.
 */
public final class TrajectoryAnimation {

    /** At most this many frames. */
    public static final int MAX_FRAMES = 200;

    static final int WIDTH = 420;
    static final int HEIGHT = 370;
    static final int DELAY_MILLIS = 80;
    static final int LAST_DELAY_MILLIS = 1500;

    private TrajectoryAnimation() {}

    /**
     * The frames.
     *
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param epochs per epoch, θ before its first iteration then θ after each iteration; at
     *     least one epoch
     * @return the frames, at most {@link #MAX_FRAMES}
     */
    public static List<BufferedImage> frames(LossSurface surface, Theta thetaStar,
            List<List<Theta>> epochs) {
        List<Theta> path = Paths.joined(epochs);
        int[] epochOf = new int[path.size()];
        int k = 1;
        for (int e = 0; e < epochs.size(); e++) {
            for (int i = 1; i < epochs.get(e).size(); i++) {
                epochOf[k++] = e + 1;
            }
        }
        ContourMap map = ContourMap.around(surface, thetaStar, path);
        double[][] all = Paths.coordinates(path);
        int count = Math.min(MAX_FRAMES, path.size());
        // Frames are independent charts: drawing them in parallel is safe and most of the cost.
        return IntStream.range(0, count).parallel().mapToObj(f -> {
            int last = count == 1 ? 0
                    : (int) Math.round((double) f * (path.size() - 1) / (count - 1));
            XYChart chart = map.chart(WIDTH, HEIGHT, last == 0 ? "start"
                    : "epoch " + epochOf[last] + ", iteration " + last);
            chart.getStyler().setLegendVisible(false);
            double[] xs = Arrays.copyOf(all[0], last + 1);
            double[] ys = Arrays.copyOf(all[1], last + 1);
            Plot.line(chart, "path", xs, ys, Plot.PATH, 1.3f, false);
            Plot.points(chart, "θ", new double[] {xs[last]}, new double[] {ys[last]},
                    SeriesMarkers.CIRCLE, Plot.PATH, false);
            map.markThetaStar(chart);
            return ChartFiles.image(chart);
        }).toList();
    }

    /**
     * Writes the animation as a GIF that loops forever, atomically.
     *
     * @param target the file
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param epochs per epoch, θ before its first iteration then θ after each iteration
     * @throws IOException if writing fails
     */
    public static void write(Path target, LossSurface surface, Theta thetaStar,
            List<List<Theta>> epochs) throws IOException {
        ChartFiles.gif(target, frames(surface, thetaStar, epochs), DELAY_MILLIS,
                LAST_DELAY_MILLIS);
    }
}
