package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArrowsTest {

    @Test
    @DisplayName("an arrow is its shaft and two head strokes ending at the head, of equal size in window fractions")
    void shape() {
        Window window = new Window(0, 1, 0, 100); // y spans a hundred times x
        double[][] line = Arrows.polyline(List.of(new Arrow(0.5, 50, 0.9, 50)), window);
        double[] xs = line[0];
        double[] ys = line[1];
        // Shaft: tail then head.
        assertEquals(0.5, xs[0]);
        assertEquals(50, ys[0]);
        assertEquals(0.9, xs[1]);
        assertEquals(50, ys[1]);
        // Each stroke goes back from the head at 25° to the shaft, measured in window fractions.
        double u = (xs[1] - xs[2]) / 1;
        double v = (ys[1] - ys[2]) / 100;
        assertEquals(Arrows.HEAD, Math.hypot(u, v), 1e-12);
        assertEquals(Arrows.SPREAD, Math.abs(Math.atan2(v, u)), 1e-12);
        assertTrue(Double.isNaN(ys[3]), "pieces are separated by NaN");
        assertEquals(0.9, xs[4]);
        double u2 = (xs[4] - xs[5]);
        double v2 = (ys[4] - ys[5]) / 100;
        assertEquals(Arrows.HEAD, Math.hypot(u2, v2), 1e-12);
        assertEquals(-Math.signum(v), Math.signum(v2), "the strokes lie on both sides of the shaft");
    }

    @Test
    @DisplayName("the window around arrows holds every tail and head")
    void enclosing() {
        Window w = Arrows.enclosing(List.of(new Arrow(0, 0, -3, 1), new Arrow(0, 0, 2, -5)), 0.1);
        assertTrue(w.xMin() < -3 && w.xMax() > 2 && w.yMin() < -5 && w.yMax() > 1, w.toString());
    }
}
