package io.github.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A d-feature data set built from arrays: no seed, no noise. */
class FeatureDataTest {

    @Test
    @DisplayName("rows of x become columns; names default to x1..xd and y")
    void fromRows() {
        FeatureData data = FeatureData.of(new double[][] {{1, 2}, {3, 4}, {5, 6}},
                new double[] {7, 8, 9});
        assertEquals(3, data.samples());
        assertEquals(2, data.features());
        assertEquals(List.of("x1", "x2"), data.featureNames());
        assertEquals("y", data.targetName());
        assertArrayEquals(new double[] {2, 4, 6}, data.feature(1), 0.0);
        assertEquals(5, data.x(2, 0));
        assertEquals("FeatureData[3 samples, y ~ x1 + x2]", data.toString());
    }

    @Test
    @DisplayName("arrays are copied in and out")
    void isImmutable() {
        double[][] x = {{1}, {2}};
        double[] y = {3, 4};
        FeatureData data = FeatureData.of(x, y);
        x[0][0] = 99;
        y[0] = 99;
        data.y()[1] = 99;
        data.feature(0)[1] = 99;
        assertEquals(FeatureData.of(new double[][] {{1}, {2}}, new double[] {3, 4}), data);
    }

    @Test
    @DisplayName("the generated data become one feature x1 and the target y, without eps")
    void fromLinearData() {
        LinearData generated = LinearData.notebook();
        FeatureData data = generated.features();
        assertEquals(List.of("x1"), data.featureNames());
        assertArrayEquals(generated.x1(), data.feature(0), 0.0);
        assertArrayEquals(generated.y(), data.y(), 0.0);
        assertEquals(data.hashCode(), LinearData.notebook().features().hashCode());
        assertNotEquals(data, LinearData.generate(46, 40).features());
    }

    @Test
    @DisplayName("bad arrays are refused with a message that says why")
    void rejectsBadArrays() {
        assertEquals("x and y must have the same, non-zero number of samples; got 0 and 0",
                assertThrows(IllegalArgumentException.class,
                        () -> FeatureData.of(new double[0][], new double[0])).getMessage());
        assertEquals("x and y must have the same, non-zero number of samples; got 2 and 1",
                assertThrows(IllegalArgumentException.class,
                        () -> FeatureData.of(new double[][] {{1}, {2}}, new double[] {1}))
                        .getMessage());
        assertEquals("sample 1 has 1 features, expected 2",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        new double[][] {{1, 2}, {3}, {4, 5}}, new double[] {1, 2, 3}))
                        .getMessage());
        assertEquals("x1[1] is NaN; values must be finite",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        new double[][] {{1}, {Double.NaN}}, new double[] {1, 2})).getMessage());
        assertEquals("y[0] is Infinity; values must be finite",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        new double[][] {{1}, {2}}, new double[] {Double.POSITIVE_INFINITY, 2}))
                        .getMessage());
        assertEquals("2 features but only 1 sample: with more features than samples the"
                + " least-squares minimiser is not unique",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        new double[][] {{1, 2}}, new double[] {1})).getMessage());
        assertEquals("need at least one feature",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        new double[][] {{}}, new double[] {1})).getMessage());
        assertEquals("'y' is both the target and a feature",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        List.of("y"), new double[][] {{1}}, "y", new double[] {1}))
                        .getMessage());
        assertEquals("feature name 'a' appears twice",
                assertThrows(IllegalArgumentException.class, () -> FeatureData.of(
                        List.of("a", "a"), new double[][] {{1, 2}, {3, 4}}, "y",
                        new double[] {1, 2})).getMessage());
    }
}
