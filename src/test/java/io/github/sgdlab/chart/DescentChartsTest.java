package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.descent.Descent;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.Outcome;
import io.github.sgdlab.descent.Trajectory;
import io.github.sgdlab.linear.GradientsAt;
import io.github.sgdlab.linear.Theta;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pictures of real descents, DJL autograd and all, decoded back. */
class DescentChartsTest {

    @TempDir
    Path folder;

    @Test
    @DisplayName("mini-batch with momentum: all five pictures, each a valid image of its size")
    void allPictures() throws IOException {
        DescentResult result = Descent.run(DescentConfig.builder().optMethod(Method.MINIBATCH)
                .setLearningRate(0.05).optMomentum(0.9).optRuns(3).optMaxEpochs(40)
                .optKeepTrajectory(true).build());
        List<Path> written = draw(result);
        assertEquals(List.of(DescentCharts.LOSS, DescentCharts.CONTOURS, DescentCharts.TRAJECTORY,
                DescentCharts.MOMENTUM, DescentCharts.PER_SAMPLE),
                written.stream().map(p -> p.getFileName().toString()).toList());
        assertEquals(written.stream().sorted().toList(), list(), "nothing else in the folder");
        Trajectory first = result.runs().get(0).optTrajectory().orElseThrow();
        int epochs = Math.min(EpochContours.MAX_PANELS, first.epochs());
        Images.png(folder.resolve(DescentCharts.CONTOURS), 5 * EpochContours.PANEL_WIDTH,
                (epochs + 4) / 5 * EpochContours.PANEL_HEIGHT);
        Images.Gif gif = Images.gif(folder.resolve(DescentCharts.TRAJECTORY));
        assertEquals(Math.min(TrajectoryAnimation.MAX_FRAMES, first.iterations() + 1), gif.frames());
        assertEquals(0, gif.loops());
        Images.png(folder.resolve(DescentCharts.LOSS), 2 * LossCurves.WIDTH, LossCurves.HEIGHT);
        Images.png(folder.resolve(DescentCharts.MOMENTUM), MomentumArrows.WIDTH,
                MomentumArrows.HEIGHT);
        Images.png(folder.resolve(DescentCharts.PER_SAMPLE), PerSampleArrows.WIDTH,
                PerSampleArrows.HEIGHT);
    }

    @Test
    @DisplayName("the momentum arrows recovered from the path are the gradients the descent recorded")
    void momentumArrowsAreTheRecordedGradients() {
        double lr = 0.05;
        double mu = 0.9;
        DescentResult result = Descent.run(DescentConfig.builder().optMethod(Method.SGD)
                .setLearningRate(lr).optMomentum(mu).optMaxEpochs(2).optKeepTrajectory(true)
                .build());
        Trajectory run = result.runs().get(0).optTrajectory().orElseThrow();
        List<Theta> path = Paths.joined(DescentCharts.epochs(run));
        List<List<Arrow>> arrows = MomentumArrows.arrows(path, MomentumArrows.STEPS, lr, mu);
        for (int t = 1; t <= MomentumArrows.STEPS; t++) {
            Arrow gradient = arrows.get(0).get(t - 1);
            Arrow carried = arrows.get(1).get(t - 1);
            assertEquals(-lr * run.gradTheta0(t), gradient.x1() - gradient.x0(), 1e-12);
            assertEquals(-lr * run.gradTheta1(t), gradient.y1() - gradient.y0(), 1e-12);
            double v0 = t == 1 ? 0 : run.velocity0(t - 1);
            double v1 = t == 1 ? 0 : run.velocity1(t - 1);
            assertEquals(-lr * mu * v0, carried.x1() - carried.x0(), 1e-12);
            assertEquals(-lr * mu * v1, carried.y1() - carried.y0(), 1e-12);
        }
    }

    @Test
    @DisplayName("full batch without momentum: no momentum.png; a diverging run is still drawn")
    void withoutMomentumAndDiverging() throws IOException {
        DescentResult diverging = Descent.run(DescentConfig.builder().setLearningRate(1.5)
                .optMaxEpochs(200).optKeepTrajectory(true).build());
        assertEquals(Outcome.DIVERGED, diverging.runs().get(0).outcome());
        List<Path> written = draw(diverging);
        assertEquals(4, written.size());
        assertTrue(Files.notExists(folder.resolve(DescentCharts.MOMENTUM)));
        for (Path file : written) {
            assertTrue(Files.size(file) > 1000, file.toString());
        }
    }

    @Test
    @DisplayName("a result without trajectories is refused, and nothing is written")
    void noTrajectory() throws IOException {
        DescentResult result = Descent.run(DescentConfig.builder().setLearningRate(0.1)
                .optMaxEpochs(5).optKeepTrajectory(false).build());
        assertThrows(IllegalArgumentException.class, () -> draw(result));
        assertEquals(List.of(), list());
    }

    private List<Path> list() throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }

    /** What the command line does: the lab computes the start's gradients, the charts draw. */
    private List<Path> draw(DescentResult result) throws IOException {
        DescentConfig config = result.config();
        DescentCharts charts = new DescentCharts();
        Optional<GradientsAt> start = charts.drawsStartGradients(config)
                ? Optional.of(GradientsAt.autograd(config.data(), config.start(), config.dataType()))
                : Optional.empty();
        return DescentCharts.write(result, start, folder);
    }
}
