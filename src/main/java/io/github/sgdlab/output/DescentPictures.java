package io.github.sgdlab.output;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.TrajectoryListener;
import io.github.sgdlab.linear.GradientsAt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Draws the pictures of a descent into an output directory: the hook between the AWT-free core
 * and the charts. The caller ({@code descend}) writes {@code trajectory.csv} and
 * {@code summary.json} itself, then calls the implementation that
 * {@code io.github.sgdlab.cli.DescendCommand#pictures()} returns (the charts package's), which
 * writes {@code contours.png}, {@code trajectory.gif}, {@code loss.png}, {@code momentum.png}
 * (when μ &gt; 0) and {@code per-sample.png}, each through
 * {@link io.github.sgdlab.files.AtomicFile} or {@link OutputDirectory#write} so that each is
 * atomic. The pictures keep what they draw while the descent runs (a {@link Recording}, which
 * hears every θ), not the result's trajectories: a picture cannot show more points than it has
 * pixels, so a recording may keep a thinned copy in bounded memory.
 */
@FunctionalInterface
public interface DescentPictures {

    /** Draws nothing: the command line without the charts package. */
    DescentPictures NONE = config -> Recording.NONE;

    /**
     * Starts keeping what the pictures of a descent need.
     *
     * @param config the descent's configuration
     * @return the recording, to hand to the descent as its listener
     */
    Recording record(DescentConfig config);

    /** What the pictures keep of one descent, and how they are drawn from it. */
    interface Recording extends TrajectoryListener {

        /** Keeps nothing, draws nothing. */
        Recording NONE = new Recording() {
            @Override
            public void iteration(int run, int epoch, int iteration, double[] theta,
                    double loss) {}

            @Override
            public List<Path> write(DescentResult result, Optional<GradientsAt> start,
                    OutputDirectory out) {
                return List.of();
            }
        };

        /**
         * Whether the pictures include the gradients at the start θ, which the caller then
         * computes ({@link GradientsAt#autograd}) and passes to {@link #write}: the pictures
         * draw, they do not compute.
         *
         * @return false unless a picture draws them
         */
        default boolean drawsStartGradients() {
            return false;
        }

        /**
         * Draws every picture, after the descent has ended.
         *
         * @param result the descent: θ* and the data ({@code result.config().data()})
         * @param start the gradients at the start θ, present where {@link #drawsStartGradients}
         *     asks for them
         * @param out the checked, open output directory
         * @return the files written
         * @throws IOException if a file cannot be written
         */
        List<Path> write(DescentResult result, Optional<GradientsAt> start, OutputDirectory out)
                throws IOException;
    }
}
