package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.reference.ReferenceGradients;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every picture written, decoded back and checked for size, frames, looping and content. The
 * paths come from a small momentum descent written out here in plain Java, so these tests need
 * nothing but the chart package.
 */
class PicturesTest {

    private static final LinearData DATA = LinearData.notebook();
    private static final LossSurface SURFACE = LossSurface.of(DATA.x1(), DATA.y());

    @TempDir
    Path folder;

    /** θ* by the normal equations. */
    private static Theta thetaStar() {
        double mx = 0;
        double my = 0;
        double mxx = 0;
        double mxy = 0;
        int n = DATA.samples();
        for (int i = 0; i < n; i++) {
            mx += DATA.x1(i) / n;
            my += DATA.y(i) / n;
            mxx += DATA.x1(i) * DATA.x1(i) / n;
            mxy += DATA.x1(i) * DATA.y(i) / n;
        }
        double slope = (mxy - mx * my) / (mxx - mx * mx);
        return Theta.of(my - slope * mx, slope);
    }

    /** Mini-batch descent with momentum, batches in order: per epoch, θ before then after each step. */
    private static List<List<Theta>> descend(int epochs, int batch, double lr, double mu,
            List<double[]> gradients) {
        List<List<Theta>> path = new ArrayList<>();
        double t0 = 0;
        double t1 = 0;
        double v0 = 0;
        double v1 = 0;
        int n = DATA.samples();
        for (int e = 0; e < epochs; e++) {
            List<Theta> epoch = new ArrayList<>(List.of(Theta.of(t0, t1)));
            for (int start = 0; start < n; start += batch) {
                int m = Math.min(batch, n - start);
                double g0 = 0;
                double g1 = 0;
                for (int i = start; i < start + m; i++) {
                    double residual = t0 + t1 * DATA.x1(i) - DATA.y(i);
                    g0 += 2 * residual / m;
                    g1 += 2 * residual * DATA.x1(i) / m;
                }
                gradients.add(new double[] {g0, g1});
                v0 = mu * v0 + g0;
                v1 = mu * v1 + g1;
                t0 -= lr * v0;
                t1 -= lr * v1;
                epoch.add(Theta.of(t0, t1));
            }
            path.add(epoch);
        }
        return path;
    }

    @Test
    @DisplayName("contours.png: one panel per epoch, at most 15, five to a row, lines and path drawn")
    void contours() throws IOException {
        Path file = folder.resolve("contours.png");
        EpochContours.write(file, SURFACE, thetaStar(), descend(20, 8, 0.05, 0.5, new ArrayList<>()));
        BufferedImage image = Images.png(file, 5 * EpochContours.PANEL_WIDTH,
                3 * EpochContours.PANEL_HEIGHT);
        assertAll(
                () -> assertTrue(Images.pixelsLike(image, Plot.CONTOUR) > 5000, "contour lines"),
                () -> assertTrue(Images.pixelsLike(image, Plot.PATH) > 500, "trajectory"),
                () -> assertTrue(Images.pixelsLike(image, Plot.MINIMUM) > 15 * 10, "θ* in every panel"));
        Path few = folder.resolve("few.png");
        EpochContours.write(few, SURFACE, thetaStar(), descend(3, 40, 0.3, 0, new ArrayList<>()));
        Images.png(few, 3 * EpochContours.PANEL_WIDTH, EpochContours.PANEL_HEIGHT);
        assertEquals(List.of(file, few), list());
    }

    @Test
    @DisplayName("trajectory.gif: one frame per point up to 200, looping forever")
    void animation() throws IOException {
        Path file = folder.resolve("trajectory.gif");
        // 6 epochs of 5 steps: 31 points, so 31 frames.
        TrajectoryAnimation.write(file, SURFACE, thetaStar(), descend(6, 8, 0.05, 0.5, new ArrayList<>()));
        Images.Gif gif = Images.gif(file);
        assertEquals(new Images.Gif(31, TrajectoryAnimation.WIDTH, TrajectoryAnimation.HEIGHT, 0),
                gif);
        // 60 epochs of 5 steps: 301 points, capped at 200 frames.
        Path many = folder.resolve("many.gif");
        TrajectoryAnimation.write(many, SURFACE, thetaStar(), descend(60, 8, 0.02, 0, new ArrayList<>()));
        assertEquals(TrajectoryAnimation.MAX_FRAMES, Images.gif(many).frames());
    }

    @Test
    @DisplayName("loss.png: a log-scale chart of the right size; the mean carries finished runs at their last loss")
    void loss() throws IOException {
        Path file = folder.resolve("loss.png");
        List<double[]> runs = List.of(new double[] {16, 4, 1}, new double[] {16, 2},
                new double[] {16, 8, 2, 1});
        LossCurves.write(file, "three runs", runs, 0.5);
        BufferedImage image = Images.png(file, 2 * LossCurves.WIDTH, LossCurves.HEIGHT);
        Path alone = folder.resolve("alone.png");
        LossCurves.write(alone, "three runs", runs, Double.NaN);
        Images.png(alone, LossCurves.WIDTH, LossCurves.HEIGHT);
        assertTrue(Images.pixelsLike(image, java.awt.Color.BLACK) > 300, "the bold mean");
        double[] mean = LossCurves.mean(runs, 4);
        assertEquals(16, mean[0]);
        assertEquals((4 + 2 + 8) / 3.0, mean[1]);
        assertEquals((1 + 2 + 2) / 3.0, mean[2]);
        assertEquals((1 + 2 + 1) / 3.0, mean[3]);
        assertThrows(IllegalArgumentException.class,
                () -> LossCurves.chart("nothing", List.of(new double[] {0, Double.NaN})));
    }

    @Test
    @DisplayName("momentum.png: the arrows recovered from the path are −lr·g, −lr·μ·v(t−1) and the step")
    void momentum() throws IOException {
        double lr = 0.05;
        double mu = 0.9;
        List<double[]> gradients = new ArrayList<>();
        List<List<Theta>> epochs = descend(4, 8, lr, mu, gradients);
        List<Theta> path = Paths.joined(epochs);
        List<List<Arrow>> arrows = MomentumArrows.arrows(path, 15, lr, mu);
        double v0 = 0;
        double v1 = 0;
        for (int t = 0; t < 15; t++) {
            double[] g = gradients.get(t);
            Arrow gradient = arrows.get(0).get(t);
            Arrow carried = arrows.get(1).get(t);
            Arrow update = arrows.get(2).get(t);
            assertEquals(-lr * g[0], gradient.x1() - gradient.x0(), 1e-12, "step " + t);
            assertEquals(-lr * g[1], gradient.y1() - gradient.y0(), 1e-12, "step " + t);
            assertEquals(-lr * mu * v0, carried.x1() - carried.x0(), 1e-12, "step " + t);
            assertEquals(-lr * mu * v1, carried.y1() - carried.y0(), 1e-12, "step " + t);
            assertEquals(path.get(t + 1), Theta.of(update.x1(), update.y1()));
            v0 = mu * v0 + g[0];
            v1 = mu * v1 + g[1];
        }
        Path file = folder.resolve("momentum.png");
        MomentumArrows.write(file, SURFACE, thetaStar(), path, lr, mu);
        BufferedImage image = Images.png(file, MomentumArrows.WIDTH, MomentumArrows.HEIGHT);
        assertTrue(Images.pixelsLike(image, new java.awt.Color(240, 140, 20)) > 200, "momentum arrows");
    }

    @Test
    @DisplayName("per-sample.png: 40 thin arrows and a bold batch arrow landing on their mean")
    void perSample() throws IOException {
        PerSampleGradients perSample = ReferenceGradients.perSample(DATA.features(), Theta.zeros(1));
        Path file = folder.resolve("per-sample.png");
        PerSampleArrows.write(file, Theta.zeros(1), perSample,
                ReferenceGradients.batch(DATA.features(), Theta.zeros(1)).gradient());
        BufferedImage image = Images.png(file, PerSampleArrows.WIDTH, PerSampleArrows.HEIGHT);
        assertTrue(Images.pixelsLike(image, new java.awt.Color(200, 30, 30)) > 300, "the bold arrow");
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
