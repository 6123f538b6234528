package io.github.sgdlab.output;

import io.github.sgdlab.descent.DescentResult;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

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
    DescentPictures NONE = (result, out) -> List.of();

    /**
     * Draws every picture of a result.
     *
     * @param result the descent, with its trajectories (the configuration kept them), θ* and
     *     the data ({@code result.config().data()})
     * @param out the checked, created output directory
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    List<Path> write(DescentResult result, OutputDirectory out) throws IOException;
}
