package io.github.sgdlab.chart;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.RunResult;
import io.github.sgdlab.descent.Trajectory;
import io.github.sgdlab.linear.GradientsAt;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.output.DescentPictures;
import io.github.sgdlab.output.OutputDirectory;
import io.github.sgdlab.reference.LeastSquares;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pictures of a descent, as {@code descend --out DIR} writes them: {@code loss.png} always,
 * and for a one-feature model (the notebook's, or a user's one-feature CSV) {@code contours.png},
 * {@code trajectory.gif}, {@code per-sample.png} and, with momentum, {@code momentum.png}: those
 * draw the (θ0, θ1) plane, which a model of d &gt; 1 features does not have, so a descent on
 * d features gets {@code loss.png} alone ({@link #omitted(DescentConfig)} says so).
 *
 * <p>The contour pictures show the first run (its shuffle seed is in {@code summary.json}); the
 * loss picture shows every run. The per-sample picture draws gradients the caller computed at the
 * start θ ({@link GradientsAt#autograd}: DJL autograd in the descent's data type, each sample's
 * as the notebook's In [11] and the batch's as In [10]); this class draws and computes nothing
 * else.
 */
public final class DescentCharts implements DescentPictures {

    /** The file names, in the order they are written. */
    public static final String LOSS = "loss.png";
    /** Contour panels, one per epoch. */
    public static final String CONTOURS = "contours.png";
    /** The animation. */
    public static final String TRAJECTORY = "trajectory.gif";
    /** Momentum's arrows. */
    public static final String MOMENTUM = "momentum.png";
    /** Per-sample gradients and the batch gradient at the start. */
    public static final String PER_SAMPLE = "per-sample.png";

    /**
     * Draws every picture of a result into the directory, each file atomically.
     *
     * @param result a descent whose configuration kept the trajectories
     * @param out the output directory, created
     * @return the files written
     * @throws IOException if a file cannot be written
     * @throws IllegalArgumentException if the result kept no trajectory
     */
    @Override
    public List<Path> write(DescentResult result, Optional<GradientsAt> start, OutputDirectory out)
            throws IOException {
        return write(result, start, out.path());
    }

    @Override
    public boolean drawsStartGradients(DescentConfig config) {
        return config.features() == 1 && config.data().samples() <= PerSampleArrows.MAX_SAMPLES;
    }

    /**
     * Draws every picture of a result into a folder, each file atomically.
     *
     * @param result a descent whose configuration kept the trajectories
     * @param start the gradients at the start θ for {@code per-sample.png}, present when
     *     {@link #drawsStartGradients} says the picture is drawn
     * @param folder an existing, writable folder
     * @return the files written
     * @throws IOException if a file cannot be written
     * @throws IllegalArgumentException if the result kept no trajectory, or the start's
     *     gradients are missing where the picture is drawn
     */
    public static List<Path> write(DescentResult result, Optional<GradientsAt> start, Path folder)
            throws IOException {
        DescentConfig config = result.config();
        List<Trajectory> trajectories = result.runs().stream().map(RunResult::optTrajectory)
                .flatMap(Optional::stream).toList();
        if (trajectories.isEmpty()) {
            throw new IllegalArgumentException(
                    "the result kept no trajectory: build the configuration with optKeepTrajectory(true)");
        }
        List<Path> written = new ArrayList<>();
        FeatureData data = config.data();
        double[] star = result.thetaStar();
        if (data.features() != 1) {
            written.add(loss(folder.resolve(LOSS), config, trajectories,
                    LeastSquares.loss(data, star)));
            return written;
        }
        LossSurface surface = LossSurface.of(data.feature(0), data.y());
        written.add(loss(folder.resolve(LOSS), config, trajectories,
                surface.loss(star[0], star[1])));
        // Everything below draws the (θ0, θ1) plane: one feature only.
        List<List<Theta>> epochs = epochs(trajectories.get(0));
        Theta thetaStar = new Theta(star[0], star[1]);
        Path contours = folder.resolve(CONTOURS);
        EpochContours.write(contours, surface, thetaStar, epochs);
        written.add(contours);
        Path gif = folder.resolve(TRAJECTORY);
        TrajectoryAnimation.write(gif, surface, thetaStar, epochs);
        written.add(gif);
        if (config.momentum() > 0) {
            Path momentum = folder.resolve(MOMENTUM);
            MomentumArrows.write(momentum, surface, thetaStar, Paths.joined(epochs),
                    config.learningRate(), config.momentum());
            written.add(momentum);
        }
        if (data.samples() <= PerSampleArrows.MAX_SAMPLES) {
            Path perSample = folder.resolve(PER_SAMPLE);
            PerSampleArrows.write(perSample, start.orElseThrow(() -> new IllegalArgumentException(
                    "per-sample.png needs the gradients at the start theta")));
            written.add(perSample);
        }
        return written;
    }

    /**
     * What {@link #write(DescentResult, Optional, Path)} leaves out for a configuration, as one line for
     * the user.
     *
     * @param config the configuration
     * @return the note, or empty when every picture is drawn
     */
    public static Optional<String> omitted(DescentConfig config) {
        int d = config.features();
        int n = config.data().samples();
        if (d == 1) {
            return n <= PerSampleArrows.MAX_SAMPLES ? Optional.empty()
                    : Optional.of(PER_SAMPLE + " shows at most " + PerSampleArrows.MAX_SAMPLES
                            + " samples' arrows and the data have " + n + ": not drawn");
        }
        return Optional.of("the data have " + d + " features: drew " + LOSS + " only; "
                + CONTOURS + ", " + TRAJECTORY + ", " + MOMENTUM + " and " + PER_SAMPLE
                + " need one feature (the (theta0, theta1) plane)");
    }

    /**
     * {@code loss.png} of any descent: it needs the losses only.
     *
     * @param target the file
     * @param config the configuration, for the title
     * @param trajectories the runs
     * @param minimum the loss at θ*, or NaN for the loss alone
     * @return the file
     * @throws IOException if it cannot be written
     */
    static Path loss(Path target, DescentConfig config, List<Trajectory> trajectories,
            double minimum) throws IOException {
        List<double[]> losses = trajectories.stream().map(Trajectory::epochLosses).toList();
        LossCurves.write(target, String.format(Locale.ROOT, "%s, %s, lr = %s, μ = %s",
                config.datasetName(), config.method().id(), config.learningRate(),
                config.momentum()), losses, minimum);
        return target;
    }

    /**
     * A run's path split by epoch: per epoch, θ before its first iteration then θ after each.
     * A diverging run's path ends at its last finite θ (θ_0 at least).
     *
     * @param trajectory the run
     * @return the epochs' paths
     */
    public static List<List<Theta>> epochs(Trajectory trajectory) {
        List<List<Theta>> epochs = new ArrayList<>();
        for (int e = 1; e <= trajectory.epochs(); e++) {
            List<Theta> epoch = new ArrayList<>();
            for (int t = trajectory.firstIteration(e) - 1; t <= trajectory.lastIteration(e); t++) {
                double theta0 = trajectory.theta0(t);
                double theta1 = trajectory.theta1(t);
                if (!Double.isFinite(theta0) || !Double.isFinite(theta1)) {
                    // The start is finite, so the first epoch always has a point to show.
                    if (epoch.size() > 1 || epochs.isEmpty()) {
                        epochs.add(epoch);
                    }
                    return epochs;
                }
                epoch.add(new Theta(theta0, theta1));
            }
            epochs.add(epoch);
        }
        return epochs;
    }
}
