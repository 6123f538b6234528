package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ε after k steps equals the named accountant's after k steps of (σ, q). */
class PrivacyEngineEpsilonTest extends EngineTest {

    @Test
    @DisplayName("the end-to-end test's σ spends at most ε = 3 at δ = 1e-5 over its 200 steps")
    void endToEndSpendsAtMostThree() {
        PrivacyAccountant rdp = PrivacyAccountant.create("rdp");
        rdp.step(PrivateTrainingEndToEndTest.SIGMA_EPSILON_3, PrivateTrainingEndToEndTest.Q,
                (long) (PrivateTrainingEndToEndTest.EPOCHS / PrivateTrainingEndToEndTest.Q));
        double epsilon = rdp.getEpsilon(1e-5);
        assertTrue(epsilon <= 3 && epsilon > 2.98, "ε = " + epsilon);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"rdp", "prv"})
    @DisplayName("ε after k steps, empty batches included, equals the accountant's")
    void epsilonIsTheAccountants(String mechanism) {
        double sigma = 1.1;
        double q = 0.02;
        int k = 37;
        try (NDManager manager = newManager()) {
            Block block = PrivacyEngineNoiseTest.mlp(manager, DataType.FLOAT32);
            PrivacyEngine engine = PrivacyEngineNoiseTest.builder(sigma).setSampleRate(q)
                    .optAccountant(mechanism).optSeed(4).build();
            NDList x = new NDList(manager.randomNormal(new Shape(3, 784)));
            NDArray y = manager.randomInteger(0, 10, new Shape(3), DataType.INT64);
            NDList empty = PrivacyEngineNoiseTest.emptyInputs(manager, DataType.FLOAT32);
            NDArray none = manager.zeros(new Shape(0), DataType.INT64);
            for (int i = 0; i < k; i++) {
                if (i % 5 == 0) {
                    engine.step(block, empty, none);
                } else {
                    engine.step(block, x, y);
                }
            }
            PrivacyAccountant reference = PrivacyAccountant.create(mechanism);
            reference.step(sigma, q, k);
            assertEquals(reference.getEpsilon(1e-5), engine.getEpsilon(1e-5),
                    1e-9 * reference.getEpsilon(1e-5));
        }
    }

    @Test
    @DisplayName("a step without noise (σ = 0) spends ε = ∞, and the accountant is not stepped")
    void noNoiseIsNoPrivacy() {
        try (NDManager manager = newManager()) {
            Block block = PrivacyEngineNoiseTest.mlp(manager, DataType.FLOAT32);
            PrivacyEngine engine = PrivacyEngineNoiseTest.builder(0).optAccountant("rdp").build();
            assertEquals(0, engine.getEpsilon(1e-5));
            engine.step(block, new NDList(manager.randomNormal(new Shape(3, 784))),
                    manager.randomInteger(0, 10, new Shape(3), DataType.INT64));
            assertEquals(Double.POSITIVE_INFINITY, engine.getEpsilon(1e-5));
            assertEquals(0, engine.getAccountant().getEpsilon(1e-5));
        }
    }
}
