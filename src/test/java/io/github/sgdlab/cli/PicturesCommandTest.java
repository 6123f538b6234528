package io.github.sgdlab.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.chart.Images;
import io.github.sgdlab.cli.SgdLabTest.Run;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The pictures through the command line: {@code descend --out} and {@code gradient --plot}. */
class PicturesCommandTest {

    @TempDir
    Path temp;

    @Test
    @DisplayName("descend --out writes every picture beside the CSV and the JSON, all valid images")
    void descendOut() throws IOException {
        Path out = temp.resolve("lab");
        Run run = SgdLabTest.run("descend", "--method", "minibatch", "--lr", "0.1",
                "--momentum", "0.5", "--runs", "2", "--max-epochs", "20", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(List.of("contours.png", "loss.png", "momentum.png", "per-sample.png",
                "summary.json", "trajectory.csv", "trajectory.gif"), names(out));
        for (String png : List.of("contours.png", "loss.png", "momentum.png", "per-sample.png")) {
            assertTrue(javax.imageio.ImageIO.read(out.resolve(png).toFile()) != null, png);
        }
        Images.Gif gif = Images.gif(out.resolve("trajectory.gif"));
        assertAll(() -> assertTrue(gif.frames() > 1, "frames " + gif.frames()),
                () -> assertEquals(0, gif.loops()));
    }

    @Test
    @DisplayName("without momentum descend --out draws no momentum.png")
    void noMomentumPicture() throws IOException {
        Path out = temp.resolve("plain");
        Run run = SgdLabTest.run("descend", "--lr", "0.5", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertFalse(names(out).contains("momentum.png"), names(out).toString());
        assertTrue(names(out).contains("per-sample.png"));
    }

    @Test
    @DisplayName("gradient --plot PATH writes the per-sample picture and prints the usual output")
    void gradientPlot() throws IOException {
        Path png = temp.resolve("per-sample.png");
        Run plain = SgdLabTest.run("gradient");
        Run run = SgdLabTest.run("gradient", "--theta0", "1", "--plot", png.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("", run.err());
        assertTrue(run.out().startsWith("seed 45, 40 samples, theta = (1.0, 0.0)"), run.out());
        assertEquals(plain.out().lines().count(), run.out().lines().count());
        Images.png(png, 640, 560);
        assertEquals(List.of("per-sample.png"), names(temp), "no temporary file left");
    }

    @Test
    @DisplayName("gradient --plot refuses what it cannot draw or write: exit 2, one line, nothing written")
    void gradientPlotBadInput() throws IOException {
        Path file = Files.writeString(temp.resolve("a-file"), "x");
        List<List<String>> cases = List.of(
                List.of("--plot", temp.toString()),
                List.of("--plot", temp.resolve("missing/p.png").toString()),
                List.of("--plot", file.resolve("p.png").toString()),
                List.of("--samples", "1001", "--plot", temp.resolve("big.png").toString()),
                List.of("--data", file.toString(), "--plot", temp.resolve("csv.png").toString()));
        for (List<String> options : cases) {
            Run run = SgdLabTest.run(Stream.concat(Stream.of("gradient"), options.stream())
                    .toArray(String[]::new));
            assertAll(options.toString(),
                    () -> assertEquals(2, run.exitCode()),
                    () -> assertEquals("", run.out()),
                    () -> assertEquals(1, run.err().lines().count(), run.err()),
                    () -> assertTrue(run.err().contains("--plot"), run.err()));
        }
        assertEquals(List.of("a-file"), names(temp));
    }

    private static List<String> names(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
