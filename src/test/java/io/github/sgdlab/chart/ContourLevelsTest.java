package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ContourLevelsTest {

    @Test
    @DisplayName("log-spaced levels run from low to high with a constant ratio")
    void constantRatio() {
        double[] levels = ContourLevels.logSpaced(0.01, 100, 5);
        assertEquals(5, levels.length);
        double[] expected = {0.01, 0.1, 1, 10, 100};
        for (int k = 0; k < 5; k++) {
            assertEquals(expected[k], levels[k], expected[k] * 1e-12);
        }
        assertEquals(0.01, levels[0]);
        assertEquals(100, levels[4]);
    }

    @Test
    @DisplayName("levels need 0 < low < high and at least two of them")
    void badInput() {
        assertThrows(IllegalArgumentException.class, () -> ContourLevels.logSpaced(0, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> ContourLevels.logSpaced(2, 1, 5));
        assertThrows(IllegalArgumentException.class, () -> ContourLevels.logSpaced(1, 2, 1));
        assertThrows(IllegalArgumentException.class,
                () -> ContourLevels.logSpaced(1, Double.POSITIVE_INFINITY, 3));
    }

    @Test
    @DisplayName("the loss surface is the mean squared error of the line")
    void lossSurface() {
        double[] x = {-1, 0.5, 2};
        double[] y = {1, 2, 7};
        LossSurface surface = LossSurface.of(x, y);
        double direct = (Math.pow(0.3 - 1.5 - 1, 2) + Math.pow(0.3 + 0.75 - 2, 2)
                + Math.pow(0.3 + 3 - 7, 2)) / 3;
        assertEquals(direct, surface.loss(0.3, 1.5), 1e-12);
    }
}
