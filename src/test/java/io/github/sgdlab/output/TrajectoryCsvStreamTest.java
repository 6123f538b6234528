package io.github.sgdlab.output;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDManager;
import io.github.sgdlab.descent.Descent;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.DescentProgress;
import io.github.sgdlab.descent.DescentResult;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.Outcome;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The streamed {@code trajectory.csv} is byte for byte the file written from kept trajectories,
 * for real descents: several runs interleaved, thinned, diverging.
 */
class TrajectoryCsvStreamTest extends EngineTest {

    @TempDir
    Path scratch;

    @Test
    @DisplayName("sgd, three runs: streamed rows equal the kept trajectories' file, K = 1, 7, 1000")
    void sameBytesAsKeptTrajectories() throws IOException {
        DescentConfig config = DescentConfig.builder().optMethod(Method.SGD).setLearningRate(0.05)
                .optRuns(3).optMaxEpochs(30).optKeepTrajectory(true).build();
        for (int every : new int[] {1, 7, 1000}) {
            assertSame(config, every);
        }
    }

    @Test
    @DisplayName("a diverging run streams the same rows as the kept file")
    void diverging() throws IOException {
        DescentConfig config = DescentConfig.builder().optMethod(Method.FULL).setLearningRate(1.5)
                .optRuns(1).optMaxEpochs(2000).optKeepTrajectory(true).build();
        DescentResult result = assertSame(config, 3);
        assertEquals(Outcome.DIVERGED, result.runs().get(0).outcome());
    }

    @Test
    @DisplayName("K below 1 is refused")
    void everyAtLeastOne() {
        assertThrows(IllegalArgumentException.class,
                () -> new TrajectoryCsvStream(scratch, 1, 1, 0));
    }

    private DescentResult assertSame(DescentConfig config, int every) throws IOException {
        DescentResult result;
        ByteArrayOutputStream streamed = new ByteArrayOutputStream();
        try (TrajectoryCsvStream csv = new TrajectoryCsvStream(scratch, config.runs(),
                config.features(), every);
                NDManager manager = newManager()) {
            result = Descent.run(manager, config, DescentProgress.NONE, csv);
            csv.finish(streamed);
        }
        ByteArrayOutputStream kept = new ByteArrayOutputStream();
        TrajectoryCsv.write(result, kept, every);
        assertArrayEquals(kept.toByteArray(), streamed.toByteArray(), "K = " + every);
        try (Stream<Path> left = Files.list(scratch)) {
            assertEquals(0, left.count(), "the parts are deleted");
        }
        return result;
    }
}
