package io.github.sgdlab.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.Resources;

import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link RandomState#permutation} against numpy's legacy {@code RandomState.permutation}. */
class PermutationTest {

    static Stream<JsonObject> cases() {
        return Resources.objects(Resources.json("golden/descent-numpy.json"), "permutations");
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("cases")
    @DisplayName("three permutations in a row equal numpy's, for every seed and size")
    void equalsNumpy(JsonObject golden) {
        RandomState random = new RandomState(golden.get("seed").getAsLong());
        int n = golden.get("n").getAsInt();
        for (var element : golden.getAsJsonArray("permutations")) {
            JsonArray expected = element.getAsJsonArray();
            int[] want = new int[expected.size()];
            for (int i = 0; i < want.length; i++) {
                want[i] = expected.get(i).getAsInt();
            }
            assertArrayEquals(want, random.permutation(n),
                    "seed " + golden.get("seed") + ", n " + n);
        }
    }

    @Test
    @DisplayName("a negative size is refused")
    void negativeSize() {
        assertThrows(IllegalArgumentException.class, () -> new RandomState(0).permutation(-1));
    }
}
