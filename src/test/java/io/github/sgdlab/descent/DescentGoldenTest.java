package io.github.sgdlab.descent;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.reference.LeastSquares;
import io.github.sgdlab.reference.ReferenceRun;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.Resources;
import io.github.sgdlab.linear.Theta;

import java.util.Locale;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every golden descent of {@code make_descent_golden.py} (a numpy implementation independent of
 * this code): the DJL runs and the plain-Java reference runs reach the same outcome at the same
 * iteration and epoch as numpy's, for every method, with and without momentum, both data sets,
 * converging, diverging and running out of epochs.
 */
class DescentGoldenTest extends EngineTest {

    static Stream<JsonObject> cases() {
        return Resources.objects(Resources.json("golden/descent-numpy.json"), "descents");
    }

    static DescentConfig config(JsonObject golden) {
        return DescentConfig.builder()
                .optDataset(Dataset.valueOf(
                        golden.get("dataset").getAsString().toUpperCase(Locale.ROOT)))
                .optMethod(Method.valueOf(
                        golden.get("method").getAsString().toUpperCase(Locale.ROOT)))
                .optBatch(golden.get("batch").getAsInt())
                .setLearningRate(golden.get("lr").getAsDouble())
                .optMomentum(golden.get("momentum").getAsDouble())
                .optRuns(golden.get("runs").getAsInt())
                .optShuffleSeed(golden.get("shuffle_seed").getAsLong())
                .optMaxEpochs(golden.get("max_epochs").getAsInt())
                .optStart(Theta.of(golden.get("theta0").getAsDouble(),
                        golden.get("theta1").getAsDouble()))
                .build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("DJL autograd runs stop where numpy's do")
    void autogradMatchesNumpy(JsonObject golden) {
        DescentConfig config = config(golden);
        DescentResult result = Descent.run(manager, config);
        JsonArray stars = golden.getAsJsonArray("theta_star");
        assertEquals(stars.get(0).getAsDouble(), result.thetaStar()[0], 0.0);
        assertEquals(stars.get(1).getAsDouble(), result.thetaStar()[1], 0.0);
        JsonArray runs = golden.getAsJsonArray("results");
        assertEquals(runs.size(), result.runs().size());
        for (int r = 0; r < runs.size(); r++) {
            JsonObject want = runs.get(r).getAsJsonObject();
            RunResult got = result.runs().get(r);
            String where = golden.get("name").getAsString() + ", run " + r;
            assertAll(where,
                    () -> assertEquals(want.get("outcome").getAsString(), got.outcome().id()),
                    () -> assertEquals(want.get("iterations").getAsInt(), got.iterations()),
                    () -> assertEquals(want.get("epochs").getAsInt(), got.epochs()));
            if (got.outcome() != Outcome.DIVERGED) {
                JsonArray theta = want.getAsJsonArray("final_theta");
                assertEquals(theta.get(0).getAsDouble(), got.finalTheta0(), 1e-9, where);
                assertEquals(theta.get(1).getAsDouble(), got.finalTheta1(), 1e-9, where);
            }
        }
        assertTrue(result.maxReferenceDeviation() < 1e-9,
                "float64 autograd strays from the reference by " + result.maxReferenceDeviation());
        assertTrue(manager.getManagedArrays().isEmpty(), "arrays left on the caller's manager");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("the plain-Java reference equals numpy bit for bit")
    void referenceEqualsNumpy(JsonObject golden) {
        DescentConfig config = config(golden);
        double[] star = LeastSquares.minimiser(config.data());
        StoppingRule rule = new StoppingRule(star, config.start().values(), config.eps());
        JsonArray runs = golden.getAsJsonArray("results");
        for (int r = 0; r < runs.size(); r++) {
            JsonObject want = runs.get(r).getAsJsonObject();
            ReferenceRun<Outcome> run = RunState.reference(config, r, rule).finish();
            JsonArray theta = want.getAsJsonArray("final_theta");
            String where = golden.get("name").getAsString() + ", run " + r;
            assertAll(where,
                    () -> assertEquals(want.get("outcome").getAsString(), run.outcome().id()),
                    () -> assertEquals(want.get("iterations").getAsInt(), run.iterations()),
                    () -> assertEquals(want.get("epochs").getAsInt(), run.epochs()),
                    () -> assertEquals(theta.get(0).getAsDouble(), run.theta(0), 0.0),
                    () -> assertEquals(theta.get(1).getAsDouble(), run.theta(1), 0.0));
        }
    }
}
