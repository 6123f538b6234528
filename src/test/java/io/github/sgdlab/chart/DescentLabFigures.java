package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.descent.Descent;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The figures notebooks-ported/descent-lab.ipynb writes, decoded back: each must be a valid
 * image of the size its chart class draws, the animation must loop, and nothing else may be in
 * the folder (no temporary file left behind).
 */
public final class DescentLabFigures {

    private DescentLabFigures() {}

    /**
     * Checks the folder the notebook wrote its figures into.
     *
     * @param folder the folder
     * @throws IOException if a figure cannot be read
     */
    public static void check(Path folder) throws IOException {
        for (String method : List.of("full", "sgd", "minibatch")) {
            // Every run above takes at least 15 epochs, so each picture has all 15 panels.
            Images.png(folder.resolve("contours-" + method + ".png"),
                    EpochContours.COLUMNS * EpochContours.PANEL_WIDTH,
                    3 * EpochContours.PANEL_HEIGHT);
        }
        Images.png(folder.resolve("loss-sgd.png"), 2 * LossCurves.WIDTH, LossCurves.HEIGHT);
        Images.png(folder.resolve("momentum.png"), MomentumArrows.WIDTH, MomentumArrows.HEIGHT);
        Images.png(folder.resolve("per-sample.png"), PerSampleArrows.WIDTH,
                PerSampleArrows.HEIGHT);
        Images.Gif gif = Images.gif(folder.resolve("trajectory.gif"));
        // The notebook animates full batch at lr 0.05, momentum 0.9: one frame per point.
        DescentResult heavy = Descent.run(DescentConfig.builder().setLearningRate(0.05)
                .optMomentum(0.9).optKeepTrajectory(false).build());
        assertEquals(Math.min(TrajectoryAnimation.MAX_FRAMES, heavy.runs().get(0).iterations() + 1),
                gif.frames(), "one frame per iteration and the start, at most 200");
        assertEquals(0, gif.loops(), "the animation loops forever");
        assertEquals(TrajectoryAnimation.WIDTH, gif.width());
        try (Stream<Path> files = Files.list(folder)) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("contours-full.png", "contours-minibatch.png", "contours-sgd.png",
                    "loss-sgd.png", "momentum.png", "per-sample.png", "trajectory.gif"), names);
        }
        assertTrue(Files.size(folder.resolve("trajectory.gif")) > 10_000);
    }
}
