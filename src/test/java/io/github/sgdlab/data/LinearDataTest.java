package io.github.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.github.sgdlab.ReferenceCase;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The notebook's data set against the x1, eps and y real numpy produced. */
class LinearDataTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"reference/seed45-n40.json", "reference/seed2024-n999.json"})
    @DisplayName("x1, eps and y equal numpy's bit for bit")
    void matchesNumpy(String file) {
        ReferenceCase reference = ReferenceCase.all().stream()
                .filter(c -> c.file().equals(file)).findFirst().orElseThrow();
        LinearData data = LinearData.generate(reference.seed(), reference.x1().length);
        assertAll(
                () -> assertArrayEquals(reference.x1(), data.x1(), 0.0, "x1"),
                () -> assertArrayEquals(reference.eps(), data.eps(), 0.0, "eps"),
                () -> assertArrayEquals(reference.y(), data.y(), 0.0, "y"));
    }

    @Test
    @DisplayName("the notebook's data set is seed 45 with 40 samples")
    void notebookDataSet() {
        LinearData data = LinearData.notebook();
        assertEquals(45, data.seed());
        assertEquals(40, data.samples());
        assertArrayEquals(LinearData.generate(45, 40).y(), data.y(), 0.0);
    }

    @Test
    @DisplayName("arrays are copied in and out, so the data set cannot be changed from outside")
    void isImmutable() {
        double[] x1 = {1, 2};
        LinearData data = new LinearData(1, x1, new double[] {0, 0}, new double[] {7, 10});
        x1[0] = 99;
        data.x1()[1] = 99;
        assertArrayEquals(new double[] {1, 2}, data.x1(), 0.0);
    }

    @Test
    @DisplayName("two data sets drawn alike are equal; another seed is not")
    void equalityFollowsTheValues() {
        assertEquals(LinearData.generate(3, 5), LinearData.generate(3, 5));
        assertEquals(LinearData.generate(3, 5).hashCode(), LinearData.generate(3, 5).hashCode());
        assertNotEquals(LinearData.generate(3, 5), LinearData.generate(4, 5));
        assertEquals("LinearData[seed=3, samples=5]", LinearData.generate(3, 5).toString());
    }

    @Test
    @DisplayName("sizes below 1 and mismatched arrays are rejected")
    void rejectsBadShapes() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class, () -> LinearData.generate(45, 0)),
                () -> assertThrows(IllegalArgumentException.class, () -> LinearData.generate(-1, 5)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> new LinearData(1, new double[2], new double[2], new double[1])));
    }
}
