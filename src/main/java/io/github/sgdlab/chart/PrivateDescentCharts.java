package io.github.sgdlab.chart;

import io.github.sgdlab.descent.ClippedGradients;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.PrivateDescentResult;
import io.github.sgdlab.descent.PrivateSettings;
import io.github.sgdlab.output.DescentPictures;
import io.github.sgdlab.output.OutputDirectory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The pictures of a DP-SGD descent: {@link DescentCharts}'s (the loss, the contours and the
 * animation of the private trajectory), with {@code per-sample.png} drawn by
 * {@link ClippedArrows} instead: the clipping circle, the clipped arrows, their mean and the noisy
 * step beside the true batch gradient. As for any descent, the pictures keep what they draw while
 * the descent runs (a {@link DescentPictures.Recording} handed to {@code PrivateDescent.run} as
 * its listener), in memory that does not grow with the iterations.
 */
public final class PrivateDescentCharts {

    /**
     * The legend of {@code momentum.png}'s gradient arrows: DP-SGD's g is the clipped
     * per-sample gradients' noised sum over the expected batch size, not a batch gradient.
     */
    static final String GRADIENT_STEP = "noisy clipped gradient step −lr·g";

    private PrivateDescentCharts() {}

    /**
     * Starts keeping what the pictures of a private descent need while it runs.
     *
     * @param config the descent's configuration
     * @param settings C and σ, for the wording
     * @return the recording, to hand to {@code PrivateDescent.run} as its listener
     */
    public static DescentPictures.Recording record(DescentConfig config,
            PrivateSettings settings) {
        return new PictureRecord(config, lossTitle(config, settings), GRADIENT_STEP);
    }

    /**
     * The title of a private descent's {@code loss.png}: DP-SGD with its expected batch, clip
     * and noise (the configuration's method, mini-batch, is not what ran).
     *
     * @param config the configuration
     * @param settings C and σ
     * @return for example {@code notebook, DP-SGD (B = 8, C = 1.0, σ = 1.1), lr = 0.05, μ = 0.0}
     */
    static String lossTitle(DescentConfig config, PrivateSettings settings) {
        return String.format(Locale.ROOT, "%s, DP-SGD (B = %d, C = %s, σ = %s), lr = %s, μ = %s",
                config.datasetName(), config.batch(), settings.clip(), settings.noise(),
                config.learningRate(), config.momentum());
    }

    /**
     * Draws every picture into the output directory's staging folder, each file atomically.
     *
     * @param result the private descent
     * @param recording what {@link #record} kept while it ran
     * @param clipped the clipped gradients at the start θ, or null where they cannot be drawn
     *     (d &gt; 1, or more samples than a picture shows)
     * @param out the checked, open output directory
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(PrivateDescentResult result,
            DescentPictures.Recording recording, ClippedGradients clipped, OutputDirectory out)
            throws IOException {
        // The start's unclipped gradients are not drawn: per-sample.png is the clipping picture.
        List<Path> written = new ArrayList<>(recording.write(result.descent(), Optional.empty(),
                out));
        Path perSample = out.path().resolve(DescentCharts.PER_SAMPLE);
        if (clipped != null) {
            ClippedArrows.write(perSample, clipped);
            if (!written.contains(perSample)) {
                written.add(perSample);
            }
        }
        return written;
    }
}
