package io.github.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class FeatureDependenceTest {

    private static FeatureData data(List<String> names, double[][] x) {
        return FeatureData.of(names, x, "y", new double[] {3, 6, 2, 1});
    }

    @Test
    @DisplayName("a constant feature is named, in the library's words")
    void constant() {
        FeatureDependence found = FeatureDependence.of(data(List.of("a", "c"),
                new double[][] {{1, 5}, {2, 5}, {3, 5}, {4, 5}})).orElseThrow();
        assertAll(() -> assertEquals("c", found.feature()),
                () -> assertTrue(found.isConstant()),
                () -> assertEquals(List.of(), found.combined()),
                () -> assertEquals("feature 'c' is constant, so the least-squares theta* is not"
                        + " unique", found.problem()),
                () -> assertEquals(found.problem() + "; leave it out of the features",
                        found.toString()));
    }

    @Test
    @DisplayName("a feature that combines earlier ones is named with them")
    void combination() {
        FeatureDependence found = FeatureDependence.of(data(List.of("a", "b", "c"),
                new double[][] {{1, 0, 1}, {2, 1, 3}, {3, 0, 3}, {4, 2, 6}})).orElseThrow();
        assertAll(() -> assertEquals("c", found.feature()),
                () -> assertFalse(found.isConstant()),
                () -> assertEquals(List.of("a", "b"), found.combined()),
                () -> assertEquals("feature 'c' is a linear combination of 'a', 'b' (after"
                        + " removing the means), so the least-squares theta* is not unique",
                        found.problem()),
                () -> assertEquals(found.problem() + "; leave one of them out of the features",
                        found.toString()));
    }

    @Test
    @DisplayName("independent features: nothing to report")
    void independent() {
        assertTrue(FeatureDependence.of(data(List.of("a", "b"),
                new double[][] {{1, 0}, {2, 1}, {3, 0}, {4, 2}})).isEmpty());
    }
}
