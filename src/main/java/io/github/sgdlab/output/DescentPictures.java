package io.github.sgdlab.output;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.linear.GradientsAt;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Draws the pictures of a descent into an output directory: the hook between the AWT-free core
 * and the charts. {@code descend --out DIR} writes {@code trajectory.csv} and
 * {@code summary.json} itself, then calls the implementation that
 * {@code io.github.sgdlab.cli.DescendCommand#pictures()} returns (the charts package's), which
 * writes {@code contours.png}, {@code trajectory.gif}, {@code loss.png}, {@code momentum.png}
 * (when μ &gt; 0) and {@code per-sample.png}, each through {@link io.github.sgdlab.files.AtomicFile} or
 * {@link OutputDirectory#write} so that each is atomic.
 */
@FunctionalInterface
public interface DescentPictures {

    /** Draws nothing: the command line without the charts package. */
    DescentPictures NONE = (result, start, out) -> List.of();

    /**
     * Draws every picture of a result; it computes nothing, the caller passes the values.
     *
     * @param result the descent, with its trajectories (the configuration kept them), θ* and
     *     the data ({@code result.config().data()})
     * @param start the gradients at the start θ, present where {@link #drawsStartGradients}
     *     asks for them
     * @param out the checked, created output directory
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    List<Path> write(DescentResult result, Optional<GradientsAt> start, OutputDirectory out)
            throws IOException;

    /**
     * Whether the pictures of a configuration include the gradients at the start θ, which the
     * caller then computes ({@link GradientsAt#autograd}) and passes to {@link #write}.
     *
     * @param config the configuration
     * @return false unless a picture draws them
     */
    default boolean drawsStartGradients(DescentConfig config) {
        return false;
    }
}
