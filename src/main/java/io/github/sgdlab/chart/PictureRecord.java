package io.github.sgdlab.chart;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.linear.GradientsAt;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.output.DescentPictures;
import io.github.sgdlab.output.OutputDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the pictures of one descent keep while it runs: every run's loss at the end of each
 * epoch ({@code loss.png}), and the first run's path in the (θ0, θ1) plane (the contour
 * pictures), in memory that does not grow with the iterations.
 *
 * <p>The path is kept whole up to {@link #MAX_POINTS} points, which is more than any of the
 * pictures can show (a panel is a few hundred pixels wide, the animation has
 * {@link TrajectoryAnimation#MAX_FRAMES} frames); a longer path is thinned: θ after every
 * s-th iteration, s doubling each time the points would pass the limit, and always θ at the end
 * of every epoch and at the last finite θ, so the epochs and their iteration counts stay exact.
 */
final class PictureRecord implements DescentPictures.Recording {

    /** The most points of the first run's path kept before thinning. */
    static final int MAX_POINTS = 1 << 16;

    private final DescentConfig config;
    private final String lossTitle;
    private final String gradientStep;
    private final boolean plane;
    private double[][] losses;
    private final int[] epochs;

    private double[] theta0 = new double[64];
    private double[] theta1 = new double[64];
    private int[] iteration = new int[64];
    private int[] epochOf = new int[64];
    private boolean[] epochEnd = new boolean[64];
    private int kept;
    private int stride = 1;
    private int limit = MAX_POINTS;
    /** The first run's latest finite θ, and whether it is among the kept points. */
    private double last0;
    private double last1;
    private int lastIteration = -1;
    private int lastEpoch;
    private boolean lastKept;
    private boolean stopped;

    /** Keeps the pictures of an ordinary descent, titled by its configuration. */
    PictureRecord(DescentConfig config) {
        this(config, DescentCharts.lossTitle(config), MomentumArrows.GRADIENT_STEP);
    }

    /**
     * Keeps the pictures of a descent whose wording its configuration alone does not give (a
     * DP-SGD run is a mini-batch configuration whose gradients are clipped and noised).
     *
     * @param config the descent's configuration
     * @param lossTitle the title of {@code loss.png}
     * @param gradientStep the legend of {@code momentum.png}'s gradient arrows
     */
    PictureRecord(DescentConfig config, String lossTitle, String gradientStep) {
        this.config = config;
        this.lossTitle = lossTitle;
        this.gradientStep = gradientStep;
        this.plane = config.features() == 1;
        this.losses = new double[config.runs()][16];
        this.epochs = new int[config.runs()];
    }

    @Override
    public void iteration(int run, int epoch, int t, double[] theta, double loss) {
        if (epoch >= losses[run].length) {
            losses[run] = Arrays.copyOf(losses[run], Math.max(epoch + 1, losses[run].length * 2));
        }
        // The last iteration of an epoch writes last: the loss at the epoch's end.
        losses[run][epoch] = loss;
        epochs[run] = Math.max(epochs[run], epoch + 1);
        if (run == 0 && plane && !stopped) {
            path(epoch, t, theta[0], theta[1]);
        }
    }

    /** The first run's θ_t: kept if on the stride, remembered as the latest otherwise. */
    private void path(int epoch, int t, double x, double y) {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            // The path ends at the last finite θ (DescentCharts.epochs).
            endLatest();
            stopped = true;
            return;
        }
        if (lastIteration >= 0 && epoch != lastEpoch) {
            endLatest();
        }
        last0 = x;
        last1 = y;
        lastIteration = t;
        lastEpoch = epoch;
        lastKept = t % stride == 0;
        if (lastKept) {
            keep(x, y, t, epoch, t == 0);
        }
    }

    /** Keeps the latest θ as an epoch's end (or the path's), if it is not kept already. */
    private void endLatest() {
        if (lastIteration < 0) {
            return;
        }
        if (lastKept) {
            epochEnd[kept - 1] = true;
        } else {
            keep(last0, last1, lastIteration, lastEpoch, true);
            lastKept = true;
        }
    }

    private void keep(double x, double y, int t, int epoch, boolean end) {
        if (kept == theta0.length) {
            int size = kept * 2;
            theta0 = Arrays.copyOf(theta0, size);
            theta1 = Arrays.copyOf(theta1, size);
            iteration = Arrays.copyOf(iteration, size);
            epochOf = Arrays.copyOf(epochOf, size);
            epochEnd = Arrays.copyOf(epochEnd, size);
        }
        theta0[kept] = x;
        theta1[kept] = y;
        iteration[kept] = t;
        epochOf[kept] = epoch;
        epochEnd[kept] = end;
        kept++;
        if (kept > limit) {
            thin();
        }
    }

    /** Doubles the stride and drops the points off it, but never an epoch's end. */
    private void thin() {
        stride *= 2;
        int to = 0;
        for (int i = 0; i < kept; i++) {
            if (epochEnd[i] || iteration[i] % stride == 0) {
                theta0[to] = theta0[i];
                theta1[to] = theta1[i];
                iteration[to] = iteration[i];
                epochOf[to] = epochOf[i];
                epochEnd[to] = epochEnd[i];
                to++;
            }
        }
        kept = to;
        // The latest θ may have just been dropped: then it is remembered, not kept.
        lastKept = iteration[kept - 1] == lastIteration;
        // Epoch ends alone may pass the limit (more epochs than points): grow it, not thin
        // forever.
        limit = Math.max(limit, 2 * kept);
    }

    /**
     * The first run's path split by epoch, as {@link DescentCharts#epochs} splits a trajectory:
     * per epoch, θ before its first iteration then θ after each (kept) iteration.
     *
     * @return the epochs' paths
     */
    List<List<Theta>> epochs() {
        if (!stopped) {
            endLatest();
        }
        List<List<Theta>> out = new ArrayList<>();
        List<Theta> current = null;
        int epoch = 0;
        for (int i = 1; i < kept; i++) {
            if (current == null || epochOf[i] != epoch) {
                current = new ArrayList<>();
                current.add(Theta.of(theta0[i - 1], theta1[i - 1]));
                out.add(current);
                epoch = epochOf[i];
            }
            current.add(Theta.of(theta0[i], theta1[i]));
        }
        if (out.isEmpty()) {
            // Diverged at the first iteration: the start alone.
            out.add(List.of(Theta.of(theta0[0], theta1[0])));
        }
        return out;
    }

    /**
     * The iterations each epoch of {@link #epochs()} shows (its points less one, unless thinned).
     *
     * @return per epoch, the iterations from its first point to its last
     */
    int[] iterationsPerEpoch() {
        List<Integer> counts = new ArrayList<>();
        int first = 0;
        for (int i = 1; i < kept; i++) {
            if (i == 1 || epochOf[i] != epochOf[i - 1]) {
                first = iteration[i - 1];
                counts.add(0);
            }
            counts.set(counts.size() - 1, iteration[i] - first);
        }
        return counts.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Every run's loss at θ_0 and at the end of each epoch.
     *
     * @return per run that reported, its losses
     */
    List<double[]> epochLosses() {
        List<double[]> out = new ArrayList<>();
        for (int r = 0; r < losses.length; r++) {
            if (epochs[r] > 0) {
                out.add(Arrays.copyOf(losses[r], epochs[r]));
            }
        }
        return out;
    }

    @Override
    public boolean drawsStartGradients() {
        return DescentCharts.drawsStartGradients(config);
    }

    @Override
    public List<Path> write(DescentResult result, Optional<GradientsAt> start, OutputDirectory out)
            throws IOException {
        return DescentCharts.draw(result, this, start, out.path());
    }

    /** @return the title of {@code loss.png} */
    String lossTitle() {
        return lossTitle;
    }

    /** @return the legend of {@code momentum.png}'s gradient arrows */
    String gradientStep() {
        return gradientStep;
    }

    /** @return the configuration recorded */
    DescentConfig config() {
        return config;
    }
}
