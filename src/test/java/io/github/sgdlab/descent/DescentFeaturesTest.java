package io.github.sgdlab.descent;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.reference.LeastSquares;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.data.Columns;
import io.github.sgdlab.data.DataFileException;
import io.github.sgdlab.data.FeatureData;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The descent lab on d = 3 features against numpy (make_descent_features_golden.py): θ* by
 * {@code np.linalg.lstsq}, the Hessian's eigenvalues by {@code eigvalsh}, and numpy descents'
 * outcomes; DJL's trajectories against the plain-Java reference.
 */
class DescentFeaturesTest extends EngineTest {

    private static FeatureData data;
    private static JsonObject golden;

    @BeforeAll
    static void setUp() throws IOException, DataFileException {
        try (InputStream csv = resource("descent-features.csv");
                Reader json = new InputStreamReader(resource("descent-features.json"),
                        StandardCharsets.UTF_8)) {
            data = FeatureData.fromCsv(csv, "descent-features.csv", Columns.defaults());
            golden = JsonParser.parseReader(json).getAsJsonObject();
        }
    }

    @AfterAll
    static void tearDown() {
        assertEquals(0, manager.getManagedArrays().size(), "arrays left on the manager");
    }

    private static InputStream resource(String name) {
        return DescentFeaturesTest.class.getResourceAsStream("/golden/" + name);
    }

    @Test
    @DisplayName("theta* is numpy's lstsq solution and the Hessian's eigenvalues numpy's eigvalsh")
    void leastSquaresMatchesNumpy() {
        assertEquals(3, data.features());
        double[] star = LeastSquares.minimiser(data);
        JsonArray want = golden.getAsJsonArray("theta_star");
        assertEquals(4, star.length);
        for (int j = 0; j < 4; j++) {
            assertEquals(want.get(j).getAsDouble(), star[j], 1e-12, "theta*_" + j);
        }
        double[] lambda = LeastSquares.eigenvalues(data);
        JsonArray eig = golden.getAsJsonArray("eigenvalues");
        for (int j = 0; j < 4; j++) {
            double w = eig.get(j).getAsDouble();
            assertEquals(w, lambda[j], 1e-12 * w, "lambda_" + j);
        }
        assertEquals(lambda[0] / lambda[3], LeastSquares.conditionNumber(data), 0.0);
        // θ* is where the full-data gradient vanishes: the loss grows in every direction.
        double floor = LeastSquares.loss(data, star);
        for (int j = 0; j < 4; j++) {
            double[] moved = star.clone();
            moved[j] += 1e-4;
            assertTrue(LeastSquares.loss(data, moved) > floor, "component " + j);
        }
    }

    static Stream<JsonObject> cases() {
        return golden.getAsJsonArray("cases").asList().stream().map(e -> e.getAsJsonObject());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("DJL autograd stops where numpy does, and agrees with the plain-Java reference")
    void descentMatchesNumpy(JsonObject want) {
        DescentResult result = Descent.run(manager, DescentConfig.builder()
                .optData("descent-features.csv", data)
                .optMethod(Method.valueOf(
                        want.get("method").getAsString().toUpperCase(Locale.ROOT)))
                .setLearningRate(want.get("lr").getAsDouble())
                .optMomentum(want.get("momentum").getAsDouble())
                .build());
        RunResult run = result.runs().get(0);
        Trajectory path = run.trajectory();
        JsonArray theta = want.getAsJsonArray("final_theta");
        assertAll(
                () -> assertEquals(want.get("outcome").getAsString(), run.outcome().id()),
                () -> assertEquals(want.get("iterations").getAsInt(), run.iterations()),
                () -> assertEquals(want.get("epochs").getAsInt(), run.epochs()),
                () -> assertEquals(4, run.finalTheta().length),
                () -> assertEquals(3, path.features()),
                () -> assertTrue(result.maxReferenceDeviation() < 1e-12,
                        "deviation " + result.maxReferenceDeviation()));
        for (int j = 0; j < 4; j++) {
            assertEquals(theta.get(j).getAsDouble(), run.finalTheta()[j], 1e-9, "theta_" + j);
            assertEquals(run.finalTheta()[j], path.theta(path.iterations(), j), 0.0);
        }
        assertEquals(LeastSquares.loss(data, run.finalTheta()), run.finalLoss(), 0.0);
    }

    @Test
    @DisplayName("every full-batch step's gradient is the closed-form batch gradient at the "
            + "previous theta, in every component")
    void stepsFollowTheGradient() {
        double lr = 0.05;
        DescentResult result = Descent.run(manager, DescentConfig.builder()
                .optData("descent-features.csv", data).setLearningRate(lr).build());
        Trajectory path = result.runs().get(0).trajectory();
        int n = data.samples();
        for (int t = 1; t <= path.iterations(); t += 37) {
            double[] g = new double[4];
            for (int i = 0; i < n; i++) {
                double r = data.y(i) - path.theta(t - 1, 0);
                for (int j = 0; j < 3; j++) {
                    r -= path.theta(t - 1, j + 1) * data.x(i, j);
                }
                g[0] += -2.0 / n * r;
                for (int j = 0; j < 3; j++) {
                    g[j + 1] += -2.0 / n * r * data.x(i, j);
                }
            }
            for (int j = 0; j < 4; j++) {
                assertEquals(g[j], path.gradient(t, j), 1e-12, "step " + t + ", component " + j);
                assertEquals(path.theta(t - 1, j) - lr * path.gradient(t, j), path.theta(t, j),
                        0.0);
            }
        }
    }

    @Test
    @DisplayName("a start theta of the wrong size is refused")
    void wrongStart() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DescentConfig.builder()
                        .optData("d", data).setLearningRate(0.1)
                        .optStart(io.github.sgdlab.linear.Theta.of(0, 0)).build());
        assertTrue(e.getMessage().contains("give 4"), e.getMessage());
    }
}
