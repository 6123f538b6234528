package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.descent.Method;
import io.github.sgdlab.descent.PrivateSettings;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The wording of a DP-SGD descent's pictures: what ran, not the mini-batch it is configured as. */
class PrivateDescentChartsTest {

    private static final DescentConfig CONFIG = DescentConfig.builder().setLearningRate(0.05)
            .optMethod(Method.MINIBATCH).optBatch(8).optMomentum(0.5).build();

    @Test
    @DisplayName("loss.png's title names DP-SGD with B, C and sigma, not minibatch")
    void lossTitle() {
        PictureRecord record = (PictureRecord) PrivateDescentCharts.record(CONFIG,
                new PrivateSettings(4.0, 1.1, 1e-5, "rdp"));
        assertEquals("notebook, DP-SGD (B = 8, C = 4.0, σ = 1.1), lr = 0.05, μ = 0.5",
                record.lossTitle());
        assertFalse(record.lossTitle().contains("minibatch"), record.lossTitle());
        // An ordinary descent of the same configuration keeps its own title.
        assertEquals("notebook, minibatch, lr = 0.05, μ = 0.5",
                new PictureRecord(CONFIG).lossTitle());
    }

    @Test
    @DisplayName("momentum.png's gradient arrows are the noisy clipped gradient's")
    void gradientLegend() {
        PictureRecord record = (PictureRecord) PrivateDescentCharts.record(CONFIG,
                new PrivateSettings(4.0, 1.1, 1e-5, "rdp"));
        assertEquals("noisy clipped gradient step −lr·g", record.gradientStep());
        assertEquals("gradient step −lr·g", new PictureRecord(CONFIG).gradientStep());
    }
}
