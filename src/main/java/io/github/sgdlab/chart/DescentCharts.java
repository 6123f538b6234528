package io.github.sgdlab.chart;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
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
 * The pictures of a descent, as its output directory holds them: {@code loss.png} always,
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
     * Starts keeping what the pictures need while the descent runs: every run's epoch losses
     * and the first run's path, thinned past {@link PictureRecord#MAX_POINTS} points.
     *
     * @param config the descent's configuration
     * @return the recording, to hand to {@code Descent.run} as its listener
     */
    @Override
    public DescentPictures.Recording record(DescentConfig config) {
        return new PictureRecord(config);
    }

    /**
     * Whether the pictures of a configuration include {@code per-sample.png}, whose gradients at
     * the start θ the caller computes ({@link GradientsAt#autograd}) and passes in.
     *
     * @param config the configuration
     * @return true for one feature and at most {@link PerSampleArrows#MAX_SAMPLES} samples
     */
    public static boolean drawsStartGradients(DescentConfig config) {
        return config.features() == 1 && config.data().samples() <= PerSampleArrows.MAX_SAMPLES;
    }

    /**
     * Draws every picture of a result into a folder, each file atomically, from the
     * trajectories the result kept.
     *
     * @param result a descent whose configuration kept the trajectories
     * @param start the gradients at the start θ for {@code per-sample.png}, drawn where
     *     {@link #drawsStartGradients(DescentConfig)} is true and they are present
     * @param folder an existing, writable folder
     * @return the files written
     * @throws IOException if a file cannot be written
     * @throws IllegalArgumentException if the result kept no trajectory
     */
    public static List<Path> write(DescentResult result, Optional<GradientsAt> start, Path folder)
            throws IOException {
        PictureRecord record = new PictureRecord(result.config());
        boolean any = false;
        for (int r = 0; r < result.runs().size(); r++) {
            Optional<Trajectory> kept = result.runs().get(r).optTrajectory();
            if (kept.isEmpty()) {
                continue;
            }
            any = true;
            Trajectory trajectory = kept.get();
            double[] theta = new double[trajectory.features() + 1];
            for (int t = 0; t <= trajectory.iterations(); t++) {
                for (int j = 0; j < theta.length; j++) {
                    theta[j] = trajectory.theta(t, j);
                }
                record.iteration(r, trajectory.epoch(t), t, theta, trajectory.loss(t));
            }
        }
        if (!any) {
            throw new IllegalArgumentException(
                    "the result kept no trajectory: build the configuration with optKeepTrajectory(true)");
        }
        return draw(result, record, start, folder);
    }

    /** Draws every picture from what a recording kept and the start's gradients. */
    static List<Path> draw(DescentResult result, PictureRecord record,
            Optional<GradientsAt> start, Path folder) throws IOException {
        DescentConfig config = result.config();
        List<double[]> losses = record.epochLosses();
        List<Path> written = new ArrayList<>();
        FeatureData data = config.data();
        double[] star = result.thetaStar();
        if (data.features() != 1) {
            written.add(loss(folder.resolve(LOSS), record.lossTitle(), losses,
                    LeastSquares.loss(data, star)));
            return written;
        }
        LossSurface surface = LossSurface.of(data.feature(0), data.y());
        written.add(loss(folder.resolve(LOSS), record.lossTitle(), losses,
                surface.loss(star[0], star[1])));
        // Everything below draws the (θ0, θ1) plane: one feature only.
        List<List<Theta>> epochs = record.epochs();
        Theta thetaStar = Theta.of(star[0], star[1]);
        Path contours = folder.resolve(CONTOURS);
        EpochContours.write(contours, surface, thetaStar, epochs, record.iterationsPerEpoch());
        written.add(contours);
        Path gif = folder.resolve(TRAJECTORY);
        TrajectoryAnimation.write(gif, surface, thetaStar, epochs);
        written.add(gif);
        if (config.momentum() > 0) {
            Path momentum = folder.resolve(MOMENTUM);
            MomentumArrows.write(momentum, surface, thetaStar, Paths.joined(epochs),
                    config.learningRate(), config.momentum(), record.gradientStep());
            written.add(momentum);
        }
        if (data.samples() <= PerSampleArrows.MAX_SAMPLES && start.isPresent()) {
            Path perSample = folder.resolve(PER_SAMPLE);
            PerSampleArrows.write(perSample, start.get());
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
     * The title of an ordinary descent's {@code loss.png}: the data set, the method and its
     * settings.
     *
     * @param config the configuration
     * @return for example {@code notebook, minibatch, lr = 0.3, μ = 0.0}
     */
    static String lossTitle(DescentConfig config) {
        return String.format(Locale.ROOT, "%s, %s, lr = %s, μ = %s", config.datasetName(),
                config.method().id(), config.learningRate(), config.momentum());
    }

    /**
     * {@code loss.png} of any descent: it needs the losses only.
     *
     * @param target the file
     * @param title the picture's title
     * @param losses per run, its loss at θ_0 and at the end of each epoch
     * @param minimum the loss at θ*, or NaN for the loss alone
     * @return the file
     * @throws IOException if it cannot be written
     */
    static Path loss(Path target, String title, List<double[]> losses, double minimum)
            throws IOException {
        LossCurves.write(target, title, losses, minimum);
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
                epoch.add(Theta.of(theta0, theta1));
            }
            epochs.add(epoch);
        }
        return epochs;
    }
}
