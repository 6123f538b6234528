package io.github.sgdlab.descent;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.privacy.PrivacyAccountant;

import java.util.SplittableRandom;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** {@link PrivateDescent}: Opacus's DP-SGD on the linear model, against a plain-Java twin. */
class PrivateDescentTest extends EngineTest {

    private static DescentConfig config(int batch, int maxEpochs, int runs) {
        return DescentConfig.builder().setLearningRate(0.05).optMethod(Method.MINIBATCH)
                .optBatch(batch).optMaxEpochs(maxEpochs).optRuns(runs).optShuffleSeed(7)
                .optKeepTrajectory(true).build();
    }

    @Test
    @DisplayName("without noise, every iterate equals a plain-Java DP-SGD on the same Poisson draws")
    void noiseFreeEqualsPlainJava() {
        DescentConfig config = config(8, 6, 2);
        PrivateSettings settings = new PrivateSettings(2.0, 0.0, 1e-5, "rdp");
        PrivateDescentResult result = PrivateDescent.run(config, settings);
        FeatureData data = config.data();
        double[] x = data.feature(0);
        double[] y = data.y();
        int n = data.samples();
        double q = 8.0 / n;
        for (int r = 0; r < 2; r++) {
            Trajectory trajectory = result.descent().runs().get(r).trajectory();
            SplittableRandom random = new SplittableRandom(config.shuffleSeed(r));
            double t0 = 0;
            double t1 = 0;
            int clippedSamples = 0;
            for (int t = 1; t <= trajectory.iterations(); t++) {
                double s0 = 0;
                double s1 = 0;
                for (int i = 0; i < n; i++) {
                    if (random.nextDouble() < q) {
                        double residual = t0 + t1 * x[i] - y[i];
                        double g0 = 2 * residual;
                        double g1 = 2 * residual * x[i];
                        double factor = Math.min(1, 2.0 / (Math.hypot(g0, g1) + 1e-6));
                        clippedSamples += factor < 1 ? 1 : 0;
                        s0 += g0 * factor;
                        s1 += g1 * factor;
                    }
                }
                t0 -= 0.05 * s0 / 8;
                t1 -= 0.05 * s1 / 8;
                assertEquals(t0, trajectory.theta0(t), 1e-12 * Math.max(1, Math.abs(t0)), "t " + t);
                assertEquals(t1, trajectory.theta1(t), 1e-12 * Math.max(1, Math.abs(t1)), "t " + t);
            }
            assertTrue(clippedSamples > 0, "the clip must bite for the test to mean anything");
            assertEquals(6 * (n / 8), trajectory.iterations());
        }
        // No noise: no privacy.
        assertEquals(Double.POSITIVE_INFINITY, result.epsilons()[0]);
    }

    @Test
    @DisplayName("epsilon per run equals the accountant's for the steps that run took")
    void epsilonIsTheAccountants() {
        DescentConfig config = DescentConfig.builder().setLearningRate(0.05)
                .optMethod(Method.MINIBATCH).optBatch(10).optMaxEpochs(3).optRuns(2)
                .optEps(5.0).build();
        for (String mechanism : new String[] {"rdp", "prv"}) {
            PrivateDescentResult result = PrivateDescent.run(config,
                    new PrivateSettings(1.0, 1.1, 1e-5, mechanism));
            assertEquals(0.25, result.sampleRate());
            for (int r = 0; r < 2; r++) {
                int steps = result.descent().runs().get(r).iterations();
                PrivacyAccountant accountant = PrivacyAccountant.create(mechanism);
                accountant.step(1.1, 0.25, steps);
                assertEquals(accountant.getEpsilon(1e-5), result.epsilons()[r], 1e-12,
                        mechanism + " run " + r);
            }
        }
    }

    @Test
    @DisplayName("a seed fixes a noisy run bit for bit; another seed gives another run")
    void seeded() {
        PrivateSettings settings = new PrivateSettings(1.0, 1.0, 1e-5, "rdp");
        PrivateDescentResult a = PrivateDescent.run(config(8, 3, 2), settings);
        PrivateDescentResult b = PrivateDescent.run(config(8, 3, 2), settings);
        for (int r = 0; r < 2; r++) {
            assertEquals(java.util.Arrays.toString(a.descent().runs().get(r).finalTheta()),
                    java.util.Arrays.toString(b.descent().runs().get(r).finalTheta()));
        }
        assertNotEquals(a.descent().runs().get(0).finalTheta0(),
                a.descent().runs().get(1).finalTheta0());
    }

    @Test
    @DisplayName("a listener hears every theta of every run, in order, as the kept trajectory has it")
    void listenerHearsTheTrajectory() {
        PrivateSettings settings = new PrivateSettings(1.0, 1.0, 1e-5, "prv");
        PrivateDescentResult kept = PrivateDescent.run(config(8, 4, 2), settings);
        java.util.List<String> heard = new java.util.ArrayList<>();
        DescentConfig streaming = DescentConfig.builder().setLearningRate(0.05)
                .optMethod(Method.MINIBATCH).optBatch(8).optMaxEpochs(4).optRuns(2)
                .optShuffleSeed(7).optKeepTrajectory(false).build();
        PrivateDescentResult streamed;
        try (ai.djl.ndarray.NDManager manager = newManager()) {
            streamed = PrivateDescent.run(manager, streaming, settings,
                    (run, epoch, t, theta, loss) -> heard.add(run + " " + epoch + " " + t + " "
                            + java.util.Arrays.toString(theta) + " " + loss));
        }
        java.util.List<String> expected = new java.util.ArrayList<>();
        for (int r = 0; r < 2; r++) {
            Trajectory trajectory = kept.descent().runs().get(r).trajectory();
            for (int t = 0; t <= trajectory.iterations(); t++) {
                expected.add(r + " " + trajectory.epoch(t) + " " + t + " "
                        + java.util.Arrays.toString(new double[] {trajectory.theta0(t),
                                trajectory.theta1(t)}) + " " + trajectory.loss(t));
            }
            assertEquals(null, streamed.descent().runs().get(r).trajectory(),
                    "a streamed run keeps no trajectory");
        }
        assertEquals(2 * (4 * 5 + 1), heard.size());
        assertEquals(expected, heard);
        assertEquals(kept.epsilons()[1], streamed.epsilons()[1]);
    }

    @Test
    @DisplayName("the clipped mean differs from the batch gradient once samples are clipped")
    void clippedMeanIsBiased() {
        DescentConfig config = config(8, 1, 1);
        ClippedGradients g = ClippedGradients.at(config.data(), 0, 0,
                new PrivateSettings(3.0, 0.0, 1e-5, "rdp"), 1);
        assertEquals(-7.4471, g.batch()[0], 1e-4);  // the notebook's true gradient
        assertEquals(-1.0253, g.batch()[1], 1e-4);
        assertTrue(Math.abs(g.clippedMean()[0] - g.batch()[0]) > 1, g.clippedMean()[0] + "");
        for (double[] clipped : g.clipped()) {
            assertTrue(Math.hypot(clipped[0], clipped[1]) <= 3.0 + 1e-9);
        }
        // Without noise the engine's step over all n samples is the clipped mean.
        assertEquals(g.clippedMean()[0], g.noisy()[0], 1e-12);
        assertEquals(g.clippedMean()[1], g.noisy()[1], 1e-12);
    }

    @Test
    @DisplayName("settings out of range are refused naming the setting, in the lab's words")
    void badSettings() {
        InvalidSettingException clip = assertThrows(InvalidSettingException.class,
                () -> new PrivateSettings(0, 1, 1e-5, "rdp"));
        assertEquals(InvalidSettingException.Setting.CLIP, clip.setting());
        assertEquals("clipping norm must be a positive finite number, got 0.0", clip.getMessage());
        InvalidSettingException noise = assertThrows(InvalidSettingException.class,
                () -> new PrivateSettings(1, -1, 1e-5, "rdp"));
        assertEquals(InvalidSettingException.Setting.NOISE, noise.setting());
        assertEquals("noise multiplier must be a finite number >= 0, got -1.0", noise.getMessage());
        InvalidSettingException delta = assertThrows(InvalidSettingException.class,
                () -> new PrivateSettings(1, 1, 1, "rdp"));
        assertEquals(InvalidSettingException.Setting.DELTA, delta.setting());
        assertEquals("delta must be in (0, 1), got 1.0", delta.getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> new PrivateSettings(1, 1, 1e-5, "gdp")).getMessage()
                .contains("expected rdp or prv"));
    }
}
