package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.linear.Theta;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the pictures keep of a path: all of a short one, a bounded and exact-ended thinning of a long one. */
class PictureRecordTest {

    private static final DescentConfig CONFIG = DescentConfig.builder().setLearningRate(0.1)
            .optRuns(2).build();

    /** θ_t on a made-up path: θ0 = t, θ1 = −t. */
    private static void feed(PictureRecord record, int run, int epochs, int perEpoch) {
        for (int t = 0; t <= epochs * perEpoch; t++) {
            int epoch = t == 0 ? 0 : (t - 1) / perEpoch + 1;
            record.iteration(run, epoch, t, new double[] {t, -t}, 1000.0 - t);
        }
    }

    @Test
    @DisplayName("a short path is kept whole, split by epoch as DescentCharts.epochs splits it")
    void shortPathWhole() {
        PictureRecord record = new PictureRecord(CONFIG);
        feed(record, 0, 3, 4);
        feed(record, 1, 2, 4);
        List<List<Theta>> epochs = record.epochs();
        assertEquals(3, epochs.size());
        for (int e = 0; e < 3; e++) {
            List<Theta> epoch = epochs.get(e);
            assertEquals(5, epoch.size());
            for (int i = 0; i < 5; i++) {
                assertEquals(Theta.of(4 * e + i, -(4 * e + i)), epoch.get(i));
            }
        }
        assertArrayEquals(new int[] {4, 4, 4}, record.iterationsPerEpoch());
        List<double[]> losses = record.epochLosses();
        assertArrayEquals(new double[] {1000, 996, 992, 988}, losses.get(0));
        assertArrayEquals(new double[] {1000, 996, 992}, losses.get(1));
    }

    @Test
    @DisplayName("a path of 600,000 iterations keeps at most 2 × MAX_POINTS points, every epoch's ends exact")
    void longPathBounded() {
        PictureRecord record = new PictureRecord(CONFIG);
        int perEpoch = 200_000;
        feed(record, 0, 3, perEpoch);
        List<List<Theta>> epochs = record.epochs();
        assertEquals(3, epochs.size());
        assertArrayEquals(new int[] {perEpoch, perEpoch, perEpoch}, record.iterationsPerEpoch());
        int points = epochs.stream().mapToInt(List::size).sum();
        assertTrue(points <= 2 * PictureRecord.MAX_POINTS, points + " points");
        assertTrue(points >= PictureRecord.MAX_POINTS / 2, points + " points");
        for (int e = 0; e < 3; e++) {
            List<Theta> epoch = epochs.get(e);
            assertEquals(Theta.of(e * perEpoch, -e * perEpoch), epoch.get(0));
            assertEquals(Theta.of((e + 1) * perEpoch, -(e + 1) * perEpoch),
                    epoch.get(epoch.size() - 1));
            for (int i = 1; i < epoch.size(); i++) {
                assertTrue(epoch.get(i).get(0) > epoch.get(i - 1).get(0), "in order");
            }
        }
    }

    @Test
    @DisplayName("the path ends at the last finite θ, as a diverging run's picture does")
    void endsAtLastFinite() {
        PictureRecord record = new PictureRecord(CONFIG);
        for (int t = 0; t <= 10; t++) {
            int epoch = t == 0 ? 0 : (t - 1) / 4 + 1;
            double x = t < 7 ? t : Double.POSITIVE_INFINITY;
            record.iteration(0, epoch, t, new double[] {x, 0}, 1);
        }
        List<List<Theta>> epochs = record.epochs();
        assertEquals(2, epochs.size());
        assertEquals(List.of(Theta.of(4, 0), Theta.of(5, 0), Theta.of(6, 0)), epochs.get(1));
        assertArrayEquals(new int[] {4, 2}, record.iterationsPerEpoch());
    }
}
