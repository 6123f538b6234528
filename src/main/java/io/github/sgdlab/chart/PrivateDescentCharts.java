package io.github.sgdlab.chart;

import io.github.sgdlab.descent.ClippedGradients;
import io.github.sgdlab.descent.PrivateDescentResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The pictures of a DP-SGD descent: {@link DescentCharts}'s (the loss, the contours and the
 * animation of the private trajectory), with {@code per-sample.png} drawn by
 * {@link ClippedArrows} instead: the clipping circle, the clipped arrows, their mean and the noisy
 * step beside the true batch gradient.
 */
public final class PrivateDescentCharts {

    private PrivateDescentCharts() {}

    /**
     * Draws every picture into a folder, each file atomically.
     *
     * @param result a private descent whose configuration kept the trajectories
     * @param clipped the clipped gradients at the start θ, or null where they cannot be drawn
     *     (d &gt; 1, or more samples than a picture shows)
     * @param folder an existing, writable folder
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(PrivateDescentResult result, ClippedGradients clipped,
            Path folder) throws IOException {
        List<Path> written = new ArrayList<>(DescentCharts.write(result.descent(), Optional.empty(), folder));
        Path perSample = folder.resolve(DescentCharts.PER_SAMPLE);
        if (clipped != null) {
            ClippedArrows.write(perSample, clipped);
            if (!written.contains(perSample)) {
                written.add(perSample);
            }
        }
        return written;
    }
}
