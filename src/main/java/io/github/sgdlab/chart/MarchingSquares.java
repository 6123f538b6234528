package io.github.sgdlab.chart;

import java.util.ArrayList;
import java.util.List;

/**
 * Contour lines of a sampled field by marching squares: each grid cell whose corners lie on both
 * sides of the level contributes the straight segments between the points where the level
 * crosses its edges, found by linear interpolation along each edge.
 *
 * <p>A cell whose diagonal corners lie on the same side (a saddle) is split by the value at its
 * centre, the mean of its corners: the corners on the other side from the centre are cut off.
 * Cells with a non-finite corner are skipped. XChart has no contour chart, hence this class.
 */
public final class MarchingSquares {

    // Edges of a cell: bottom (corner 0 to 1), right (1 to 2), top (3 to 2), left (0 to 3),
    // with corners 0 = (i, j), 1 = (i + 1, j), 2 = (i + 1, j + 1), 3 = (i, j + 1).
    private static final int BOTTOM = 0;
    private static final int RIGHT = 1;
    private static final int TOP = 2;
    private static final int LEFT = 3;

    /** The two edges that meet at each corner. */
    private static final int[][] EDGES_AT_CORNER = {
        {BOTTOM, LEFT}, {BOTTOM, RIGHT}, {RIGHT, TOP}, {TOP, LEFT}
    };

    private MarchingSquares() {}

    /**
     * The contour line {@code f = level} as segments.
     *
     * @param field the sampled field
     * @param level the level
     * @return the segments, in no particular order; empty if the level is not crossed
     */
    public static List<Segment> contour(ScalarField field, double level) {
        List<Segment> segments = new ArrayList<>();
        for (int j = 0; j + 1 < field.ny(); j++) {
            for (int i = 0; i + 1 < field.nx(); i++) {
                cell(field, i, j, level, segments);
            }
        }
        return segments;
    }

    private static void cell(ScalarField field, int i, int j, double level, List<Segment> out) {
        double[] v = {
            field.value(i, j), field.value(i + 1, j),
            field.value(i + 1, j + 1), field.value(i, j + 1)
        };
        boolean[] above = new boolean[4];
        int count = 0;
        for (int c = 0; c < 4; c++) {
            if (!Double.isFinite(v[c])) {
                return;
            }
            above[c] = v[c] >= level;
            count += above[c] ? 1 : 0;
        }
        if (count == 0 || count == 4) {
            return;
        }
        double[][] crossing = new double[4][];
        crossing[BOTTOM] = crossing(field.x(i), field.y(j), v[0], field.x(i + 1), field.y(j), v[1],
                level, above[0] != above[1]);
        crossing[RIGHT] = crossing(field.x(i + 1), field.y(j), v[1], field.x(i + 1), field.y(j + 1),
                v[2], level, above[1] != above[2]);
        crossing[TOP] = crossing(field.x(i), field.y(j + 1), v[3], field.x(i + 1), field.y(j + 1),
                v[2], level, above[3] != above[2]);
        crossing[LEFT] = crossing(field.x(i), field.y(j), v[0], field.x(i), field.y(j + 1), v[3],
                level, above[0] != above[3]);
        boolean saddle = count == 2 && above[0] == above[2];
        if (saddle) {
            boolean centreAbove = (v[0] + v[1] + v[2] + v[3]) / 4 >= level;
            for (int c = 0; c < 4; c++) {
                if (above[c] != centreAbove) {
                    add(crossing[EDGES_AT_CORNER[c][0]], crossing[EDGES_AT_CORNER[c][1]], out);
                }
            }
            return;
        }
        // One corner differs from the other three, or two neighbours from the other two: the
        // level crosses exactly two edges.
        double[] first = null;
        for (double[] point : crossing) {
            if (point == null) {
                continue;
            }
            if (first == null) {
                first = point;
            } else {
                add(first, point, out);
            }
        }
    }

    /** The point on the edge from a to b where the level lies, or null if it does not cross. */
    private static double[] crossing(double xa, double ya, double va, double xb, double yb,
            double vb, double level, boolean crosses) {
        if (!crosses) {
            return null;
        }
        double t = (level - va) / (vb - va);
        return new double[] {xa + t * (xb - xa), ya + t * (yb - ya)};
    }

    /**
     * Adds the segment from a to b unless it is a point: a grid point exactly on the level is a
     * crossing of both its edges in a cell, and the neighbouring cells already meet there.
     */
    private static void add(double[] a, double[] b, List<Segment> out) {
        if (a[0] != b[0] || a[1] != b[1]) {
            out.add(new Segment(a[0], a[1], b[0], b[1]));
        }
    }
}
