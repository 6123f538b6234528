package io.github.sgdlab.descent;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.reference.LeastSquares;

import ai.djl.ndarray.types.DataType;
import com.google.gson.JsonObject;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.Resources;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;
import io.github.sgdlab.data.RandomState;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;
import io.github.sgdlab.reference.ReferenceGradients;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The descent's trajectory, its data sets, float32, θ* and the configuration's checks. */
class DescentTest extends EngineTest {

    @Test
    @DisplayName("the wide data set equals numpy's uniform(-20, 20) and 100*x1 + 1 + randn")
    void wideEqualsNumpy() {
        JsonObject wide = Resources.json("golden/descent-numpy.json").getAsJsonObject("wide");
        LinearData data = Dataset.WIDE.data();
        assertArrayEquals(Resources.doubles(wide.getAsJsonArray("x1")), data.x1(), 0.0);
        assertArrayEquals(Resources.doubles(wide.getAsJsonArray("y")), data.y(), 0.0);
        assertEquals(LinearData.notebook(), Dataset.NOTEBOOK.data());
    }

    @Test
    @DisplayName("every full-batch step's gradient is the batch gradient at the previous theta, "
            + "and theta and the velocity follow PyTorch SGD with momentum")
    void trajectoryFollowsTheUpdateRule() {
        double lr = 0.1;
        double mu = 0.9;
        DescentResult result = Descent.run(manager, DescentConfig.builder()
                .setLearningRate(lr).optMomentum(mu).build());
        Trajectory path = result.runs().get(0).trajectory();
        LinearData data = Dataset.NOTEBOOK.data();
        assertEquals(data.features(), result.config().data());
        assertEquals(result.runs().get(0).iterations(), path.iterations());
        double v0 = 0;
        double v1 = 0;
        for (int t = 1; t <= path.iterations(); t++) {
            BatchGradient want = ReferenceGradients.batch(data.features(),
                    Theta.of(path.theta0(t - 1), path.theta1(t - 1)));
            assertEquals(want.gradient().get(0), path.gradTheta0(t), 1e-12, "step " + t);
            assertEquals(want.gradient().get(1), path.gradTheta1(t), 1e-12, "step " + t);
            v0 = mu * v0 + path.gradTheta0(t);
            v1 = mu * v1 + path.gradTheta1(t);
            assertEquals(v0, path.velocity0(t), 0.0);
            assertEquals(v1, path.velocity1(t), 0.0);
            assertEquals(path.theta0(t - 1) - lr * v0, path.theta0(t), 0.0);
            assertEquals(path.theta1(t - 1) - lr * v1, path.theta1(t), 0.0);
            assertEquals(want.loss(), path.loss(t - 1), 1e-12);
            assertEquals(t, path.epoch(t));
        }
    }

    @Test
    @DisplayName("in a batch of SGD runs, every step's gradient is the gradient of the sample that "
            + "run's permutation puts there, at that run's previous theta")
    void sgdStepsFollowEachRunsPermutation() {
        double lr = 0.05;
        double mu = 0.5;
        int runs = 3;
        int epochs = 2;
        DescentResult result = Descent.run(manager, DescentConfig.builder().setLearningRate(lr)
                .optMomentum(mu).optMethod(Method.SGD).optRuns(runs).optShuffleSeed(7)
                .optMaxEpochs(epochs).build());
        LinearData data = Dataset.NOTEBOOK.data();
        int n = data.samples();
        for (int r = 0; r < runs; r++) {
            RunResult run = result.runs().get(r);
            assertEquals(7 + r, run.shuffleSeed());
            Trajectory path = run.trajectory();
            assertEquals(epochs * n, path.iterations());
            RandomState random = new RandomState(7 + r);
            int t = 0;
            for (int e = 1; e <= epochs; e++) {
                for (int i : random.permutation(n)) {
                    t++;
                    PerSampleGradients want = ReferenceGradients.perSample(data.features(),
                            Theta.of(path.theta0(t - 1), path.theta1(t - 1)));
                    String where = "run " + r + ", step " + t;
                    assertEquals(want.gradient(0)[i], path.gradTheta0(t), 1e-12, where);
                    assertEquals(want.gradient(1)[i], path.gradTheta1(t), 1e-12, where);
                    assertEquals(path.theta0(t - 1) - lr * path.velocity0(t), path.theta0(t),
                            0.0, where);
                }
            }
        }
        assertEquals(0.0, result.maxReferenceDeviation());
    }

    @Test
    @DisplayName("iterations belong to epochs of n / B slices, the last slice shorter")
    void epochNumbering() {
        DescentResult result = Descent.run(manager, DescentConfig.builder()
                .setLearningRate(0.01).optMethod(Method.MINIBATCH).optBatch(7)
                .optMaxEpochs(3).build());
        Trajectory path = result.runs().get(0).trajectory();
        assertAll(
                () -> assertEquals(6, path.iterationsPerEpoch()),
                () -> assertEquals(18, path.iterations()),
                () -> assertEquals(0, path.epoch(0)),
                () -> assertEquals(1, path.epoch(6)),
                () -> assertEquals(2, path.epoch(7)),
                () -> assertEquals(1, path.iterationInEpoch(7)),
                () -> assertEquals(3, path.epochs()),
                () -> assertEquals(4, path.epochLosses().length),
                () -> assertEquals(path.loss(12), path.epochLosses()[2], 0.0),
                () -> assertEquals(Outcome.NOT_CONVERGED, result.runs().get(0).outcome()),
                () -> assertEquals(0, result.convergedRuns()),
                () -> assertTrue(result.meanIterations().isEmpty()));
    }

    @Test
    @DisplayName("float32 follows the float64 reference within float32 rounding and converges")
    void float32() {
        DescentResult result = Descent.run(manager, DescentConfig.builder()
                .setLearningRate(0.01).optMethod(Method.SGD).optRuns(3)
                .optDataType(DataType.FLOAT32).build());
        assertEquals(3, result.convergedRuns());
        assertTrue(result.maxReferenceDeviation() > 0, "float32 cannot be exact");
        assertTrue(result.maxReferenceDeviation() < 1e-4,
                "deviation " + result.maxReferenceDeviation());
        for (RunResult run : result.runs()) {
            // Every θ is a float32 value.
            assertEquals((float) run.finalTheta0(), run.finalTheta0(), 0.0);
        }
        assertTrue(manager.getManagedArrays().isEmpty());
    }

    @Test
    @DisplayName("without keepTrajectory the result keeps outcomes and final theta only")
    void noTrajectory() {
        DescentResult result = Descent.run(manager, DescentConfig.builder()
                .setLearningRate(0.1).optKeepTrajectory(false).build());
        assertNull(result.runs().get(0).trajectory());
        assertTrue(result.runs().get(0).optTrajectory().isEmpty());
        assertEquals(Outcome.CONVERGED, result.runs().get(0).outcome());
    }

    @Test
    @DisplayName("theta* zeroes the batch gradient; the Hessian's eigenvalues and condition "
            + "numbers are consistent")
    void leastSquares() {
        for (Dataset dataset : Dataset.values()) {
            FeatureData data = dataset.data().features();
            Theta star = Theta.of(LeastSquares.minimiser(data));
            BatchGradient at = ReferenceGradients.batch(data, star);
            assertEquals(0, at.gradient().get(0), 1e-10, dataset.id());
            assertEquals(0, at.gradient().get(1), 1e-8, dataset.id());
            double[][] h = LeastSquares.hessian(data);
            double[] lambda = LeastSquares.eigenvalues(data);
            assertEquals(h[0][0] + h[1][1], lambda[0] + lambda[1], 1e-9 * h[1][1]);
            assertEquals(h[0][0] * h[1][1] - h[0][1] * h[1][0], lambda[0] * lambda[1],
                    1e-9 * h[1][1]);
        }
        assertTrue(LeastSquares.conditionNumber(Dataset.WIDE.data().features())
                > 10 * LeastSquares.conditionNumber(Dataset.NOTEBOOK.data().features()));
    }

    @Test
    @DisplayName("the builder refuses every setting out of range, naming it")
    void badConfiguration() {
        assertAll(
                () -> bad("learning rate", b -> b),
                () -> bad("learning rate", b -> b.setLearningRate(Double.POSITIVE_INFINITY)),
                () -> bad("momentum", b -> b.setLearningRate(1).optMomentum(1)),
                () -> bad("momentum", b -> b.setLearningRate(1).optMomentum(-0.1)),
                () -> bad("batch", b -> b.setLearningRate(1).optBatch(0)),
                () -> bad("batch", b -> b.setLearningRate(1).optBatch(41)),
                () -> bad("runs", b -> b.setLearningRate(1).optRuns(10_001)),
                () -> bad("eps", b -> b.setLearningRate(1).optEps(0)),
                () -> bad("max epochs", b -> b.setLearningRate(1).optMaxEpochs(0)),
                () -> bad("shuffle seed", b -> b.setLearningRate(1).optShuffleSeed(-1)),
                () -> bad("shuffle seed",
                        b -> b.setLearningRate(1).optShuffleSeed(4294967295L).optRuns(2)),
                () -> bad("data type", b -> b.setLearningRate(1).optDataType(DataType.INT32)));
    }

    private static void bad(String name,
            java.util.function.UnaryOperator<DescentConfig.Builder> settings) {
        InvalidSettingException e = assertThrows(InvalidSettingException.class,
                () -> settings.apply(DescentConfig.builder()).build());
        assertTrue(e.getMessage().startsWith(name), e.getMessage());
        assertEquals(name, e.setting().words(), e.getMessage());
    }
}
