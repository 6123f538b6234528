package io.github.sgdlab.chart;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MarchingSquaresTest {

    private static final Window SQUARE = new Window(-2, 2, -2, 2);

    @Test
    @DisplayName("the level set x² + y² = 1 is a closed curve on the unit circle, 2π long")
    void circle() {
        ScalarField field = ScalarField.sample((x, y) -> x * x + y * y, SQUARE, 80, 80);
        List<Segment> segments = MarchingSquares.contour(field, 1);
        double length = 0;
        Map<String, Integer> ends = new HashMap<>();
        for (Segment s : segments) {
            // Linear interpolation of x² along a cell edge 0.05 long errs by under 1e-3 in radius.
            assertEquals(1, Math.hypot(s.x0(), s.y0()), 1e-3, s.toString());
            assertEquals(1, Math.hypot(s.x1(), s.y1()), 1e-3, s.toString());
            length += s.length();
            ends.merge(key(s.x0(), s.y0()), 1, Integer::sum);
            ends.merge(key(s.x1(), s.y1()), 1, Integer::sum);
        }
        double measured = length;
        assertAll(
                () -> assertEquals(2 * Math.PI, measured, 2 * Math.PI * 1e-3, "length"),
                // Closed: every end point is shared by exactly two segments.
                () -> assertTrue(ends.values().stream().allMatch(c -> c == 2), ends.toString()),
                () -> assertTrue(segments.size() > 50, "segments: " + segments.size()));
    }

    @Test
    @DisplayName("a linear field's contour lies exactly on its line")
    void line() {
        ScalarField field = ScalarField.sample((x, y) -> x + 2 * y, SQUARE, 17, 13);
        List<Segment> segments = MarchingSquares.contour(field, 0.5);
        assertTrue(!segments.isEmpty());
        double length = 0;
        for (Segment s : segments) {
            assertEquals(0.5, s.x0() + 2 * s.y0(), 1e-12);
            assertEquals(0.5, s.x1() + 2 * s.y1(), 1e-12);
            length += s.length();
        }
        // x + 2y = 0.5 crosses the square from y = 1.25 at x = -2 to y = -0.75 at x = 2.
        assertEquals(Math.hypot(4, 2), length, 1e-9);
    }

    @Test
    @DisplayName("grid points exactly on the level give no zero-length segment and a joined line")
    void cornersOnTheLevel() {
        // x + y = 2 on the integer grid 0..4: the level runs through the grid points (0, 2),
        // (1, 1) and (2, 0) and along no edge.
        ScalarField field = ScalarField.sample((x, y) -> x + y, new Window(0, 4, 0, 4), 5, 5);
        List<Segment> segments = MarchingSquares.contour(field, 2);
        Map<String, Integer> ends = new HashMap<>();
        double length = 0;
        for (Segment s : segments) {
            assertTrue(s.length() > 0, s.toString());
            assertEquals(2, s.x0() + s.y0(), 1e-12);
            assertEquals(2, s.x1() + s.y1(), 1e-12);
            ends.merge(key(s.x0(), s.y0()), 1, Integer::sum);
            ends.merge(key(s.x1(), s.y1()), 1, Integer::sum);
            length += s.length();
        }
        assertEquals(2 * Math.sqrt(8) / 2, length, 1e-12);
        assertEquals(Map.of(key(0, 2), 1, key(1, 1), 2, key(2, 0), 1), ends);
    }

    @Test
    @DisplayName("a level outside the field's range, or a NaN cell, gives no segment")
    void nothingToDraw() {
        ScalarField field = ScalarField.sample((x, y) -> x * x + y * y, SQUARE, 11, 11);
        assertTrue(MarchingSquares.contour(field, -1).isEmpty());
        assertTrue(MarchingSquares.contour(field, 100).isEmpty());
        ScalarField holes = ScalarField.sample((x, y) -> Double.NaN, SQUARE, 5, 5);
        assertTrue(MarchingSquares.contour(holes, 0).isEmpty());
    }

    @Test
    @DisplayName("a saddle cell is split by its centre value: the corners unlike the centre are cut off")
    void saddle() {
        // Corners (0,0) and (1,1) at 1, (1,0) and (0,1) at -1; centre value 0.
        ScalarField field = ScalarField.sample((x, y) -> (x == y) ? 1 : -1,
                new Window(0, 1, 0, 1), 2, 2);
        List<Segment> below = MarchingSquares.contour(field, 0.5);
        assertEquals(2, below.size());
        // Centre 0 < 0.5: the two high corners are islands, each cut off a quarter of the way in.
        assertEquals(new Segment(0.25, 0, 0, 0.25), below.get(0));
        assertEquals(new Segment(1, 0.75, 0.75, 1), below.get(1));
        List<Segment> above = MarchingSquares.contour(field, -0.5);
        assertEquals(2, above.size());
        // Centre 0 >= -0.5: the two low corners are the islands.
        assertEquals(new Segment(0.75, 0, 1, 0.25), above.get(0));
        assertEquals(new Segment(0.25, 1, 0, 0.75), above.get(1));
    }

    private static String key(double x, double y) {
        return Math.round(x * 1e9) + "," + Math.round(y * 1e9);
    }
}
