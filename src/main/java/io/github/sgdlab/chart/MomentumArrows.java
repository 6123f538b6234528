package io.github.sgdlab.chart;

import io.github.sgdlab.linear.Theta;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.knowm.xchart.XYChart;

/**
 * {@code momentum.png}: for the first steps of a run with momentum, three arrows from each θ on
 * the loss surface's contour lines — the gradient's share of the step, the momentum's share and
 * the update itself.
 *
 * <p>With PyTorch's rule {@code v ← μ·v + g}, {@code θ ← θ − lr·v}, the update
 * {@code −lr·v_t} is the sum of the gradient step {@code −lr·g_t} and the momentum
 * {@code −lr·μ·v_(t−1)}; all three are drawn in θ units, head to tail readable, so the picture
 * shows the velocity carrying θ past where the gradient alone points. The velocities and
 * gradients are recovered from the path itself: {@code v_t = (θ_(t−1) − θ_t) / lr} and
 * {@code g_t = v_t − μ·v_(t−1)}, with {@code v_0 = 0}.
 */
public final class MomentumArrows {

    /** The legend of the gradient arrows of an ordinary descent. */
    static final String GRADIENT_STEP = "gradient step −lr·g";

    /** How many steps get arrows. */
    public static final int STEPS = 15;

    static final int WIDTH = 760;
    static final int HEIGHT = 620;

    private static final Color GRADIENT = new Color(40, 110, 220);
    private static final Color MOMENTUM = new Color(240, 140, 20);
    private static final Color UPDATE = new Color(20, 20, 20);

    private MomentumArrows() {}

    /**
     * The chart.
     *
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param path θ at the start and after each iteration, at least the start
     * @param lr the learning rate the path was made with, positive
     * @param momentum the momentum μ the path was made with, in [0, 1)
     * @return the chart
     */
    public static XYChart chart(LossSurface surface, Theta thetaStar, List<Theta> path,
            double lr, double momentum) {
        return chart(surface, thetaStar, path, lr, momentum, GRADIENT_STEP);
    }

    /**
     * The chart, its gradient arrows named as the descent computed them (DP-SGD's g is the
     * clipped, noised mean, not the mini-batch gradient).
     *
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param path θ at the start and after each iteration, at least the start
     * @param lr the learning rate the path was made with, positive
     * @param momentum the momentum μ the path was made with, in [0, 1)
     * @param gradientStep the legend of the gradient arrows
     * @return the chart
     */
    static XYChart chart(LossSurface surface, Theta thetaStar, List<Theta> path,
            double lr, double momentum, String gradientStep) {
        int steps = Math.min(STEPS, path.size() - 1);
        List<List<Arrow>> arrows = arrows(path, steps, lr, momentum);
        List<Theta> shown = new ArrayList<>(path.subList(0, steps + 1));
        for (List<Arrow> kind : arrows) {
            for (Arrow a : kind) {
                shown.add(Theta.of(a.x1(), a.y1()));
            }
        }
        double reach = 3 * Math.max(1e-6, Math.hypot(path.get(0).get(0) - thetaStar.get(0),
                path.get(0).get(1) - thetaStar.get(1)));
        // The window frames the steps and their arrows, not θ*: with a small learning rate the
        // first steps cover a sliver of the way, and a window reaching θ* would shrink them to
        // dots. θ* is marked when it falls inside.
        ContourMap map = new ContourMap(surface, thetaStar,
                Window.around(path.get(0), shown, reach, 0.06));
        XYChart chart = map.chart(WIDTH, HEIGHT, String.format(Locale.ROOT,
                "Momentum: the first %d steps (lr = %s, μ = %s)", steps, lr, momentum));
        double[][] line = Paths.coordinates(path.subList(0, steps + 1));
        Plot.line(chart, "path", line[0], line[1], Plot.FADED, 1f, false);
        draw(chart, gradientStep, arrows.get(0), map.window(), GRADIENT, 1.4f);
        draw(chart, "momentum −lr·μ·v(t−1)", arrows.get(1), map.window(), MOMENTUM, 1.4f);
        draw(chart, "update −lr·v(t)", arrows.get(2), map.window(), UPDATE, 2.4f);
        map.markThetaStar(chart);
        return chart;
    }

    /**
     * The arrows of the first {@code steps} steps, recovered from the path.
     *
     * @return the gradient steps, the momentum shares and the updates, one arrow per step each
     */
    static List<List<Arrow>> arrows(List<Theta> path, int steps, double lr, double momentum) {
        List<Arrow> gradient = new ArrayList<>();
        List<Arrow> carried = new ArrayList<>();
        List<Arrow> update = new ArrayList<>();
        double v0 = 0;
        double v1 = 0;
        for (int t = 1; t <= steps; t++) {
            Theta from = path.get(t - 1);
            Theta to = path.get(t);
            double nextV0 = (from.get(0) - to.get(0)) / lr;
            double nextV1 = (from.get(1) - to.get(1)) / lr;
            double g0 = nextV0 - momentum * v0;
            double g1 = nextV1 - momentum * v1;
            gradient.add(Arrow.from(from.get(0), from.get(1), -lr * g0, -lr * g1));
            carried.add(Arrow.from(from.get(0), from.get(1), -lr * momentum * v0,
                    -lr * momentum * v1));
            update.add(new Arrow(from.get(0), from.get(1), to.get(0), to.get(1)));
            v0 = nextV0;
            v1 = nextV1;
        }
        return List.of(gradient, carried, update);
    }

    private static void draw(XYChart chart, String name, List<Arrow> arrows, Window window,
            Color color, float width) {
        double[][] line = Arrows.polyline(arrows, window);
        Plot.line(chart, name, line[0], line[1], color, width, true);
    }

    /**
     * Writes the chart as PNG, atomically.
     *
     * @param target the file
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param path θ at the start and after each iteration
     * @param lr the learning rate
     * @param momentum the momentum μ
     * @throws IOException if writing fails
     */
    public static void write(Path target, LossSurface surface, Theta thetaStar, List<Theta> path,
            double lr, double momentum) throws IOException {
        write(target, surface, thetaStar, path, lr, momentum, GRADIENT_STEP);
    }

    /**
     * Writes the chart as a PNG, atomically, its gradient arrows named as given.
     *
     * @param target the file
     * @param surface the loss surface (one feature)
     * @param thetaStar its minimiser
     * @param path θ at the start and after each iteration
     * @param lr the learning rate
     * @param momentum the momentum μ
     * @param gradientStep the legend of the gradient arrows
     * @throws IOException if writing fails
     */
    static void write(Path target, LossSurface surface, Theta thetaStar, List<Theta> path,
            double lr, double momentum, String gradientStep) throws IOException {
        ChartFiles.png(target, chart(surface, thetaStar, path, lr, momentum, gradientStep));
    }
}
