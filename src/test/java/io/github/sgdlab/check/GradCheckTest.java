package io.github.sgdlab.check;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.cli.SmallMlp;
import io.github.sgdlab.persample.PerSampleLoss;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** GradCheck: passes on correct gradients, fails where it must, and leaves everything as found. */
class GradCheckTest extends EngineTest {

    private static NDArray input(NDManager m, double[] values, long... shape) {
        NDArray array = m.create(values, new Shape(shape));
        array.setRequiresGradient(true);
        return array;
    }

    /** Correct functions of float64 inputs, each with its inputs. */
    static Stream<Arguments> correctFunctions() {
        double[] x = {0.3, -1.2, 2.5, 0.7, -0.4, 1.9};
        double[] positive = {0.3, 1.2, 2.5, 0.7, 0.4, 1.9};
        double[] w = {0.5, -0.1, 0.8, 1.3, -0.7, 0.2};
        return Stream.of(
                Arguments.of("polynomial x^3 - 2x^2 + x - 5",
                        (Function<NDList, NDArray>) in -> {
                            // NDArray operands, not pow(3) and mul(2): DJL 0.36 frees a Number
                            // operand that backward still reads (DjlScalarOperandTest). These
                            // live in the check's scope until after backward.
                            NDArray a = in.head();
                            NDManager scope = a.getManager();
                            return a.pow(scope.create(3.0))
                                    .sub(a.square().mul(scope.create(2.0))).add(a).sub(5);
                        }, new double[][] {x}),
                Arguments.of("sin", (Function<NDList, NDArray>) in -> in.head().sin(),
                        new double[][] {x}),
                Arguments.of("exp", (Function<NDList, NDArray>) in -> in.head().exp(),
                        new double[][] {x}),
                Arguments.of("log", (Function<NDList, NDArray>) in -> in.head().log(),
                        new double[][] {positive}),
                Arguments.of("matmul [2,3] x [3,2], both inputs",
                        (Function<NDList, NDArray>) in -> in.get(0).reshape(2, 3)
                                .dot(in.get(1).reshape(3, 2)),
                        new double[][] {x, w}),
                Arguments.of("softmax cross-entropy, mean over 2 samples of 3 classes",
                        (Function<NDList, NDArray>) in -> PerSampleLoss.softmaxCrossEntropy()
                                .apply(new NDList(in.get(0).getManager()
                                                .create(new long[] {2, 0})),
                                        new NDList(in.get(0).reshape(2, 3)))
                                .mean(),
                        new double[][] {x}));
    }

    private static double[] gradient(NDArray array) {
        try (NDArray gradient = array.getGradient()) {
            return gradient.toDoubleArray();
        }
    }

    private static NDList inputs(NDManager m, double[][] values) {
        NDList list = new NDList();
        for (double[] v : values) {
            list.add(input(m, v, v.length));
        }
        return list;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctFunctions")
    @DisplayName("passes on a correct function, in full and in fast mode")
    void passesOnCorrectFunctions(String name, Function<NDList, NDArray> f, double[][] values) {
        try (NDManager m = manager.newSubManager()) {
            NDList in = inputs(m, values);
            GradCheckResult full = GradCheck.builder().build().check(f, in);
            GradCheckResult fast = GradCheck.builder().optFastMode(true).optSeed(7).build()
                    .check(f, in);
            assertAll(
                    () -> assertTrue(full.passed(), full.report()),
                    () -> assertEquals(values.length, full.checks().size()),
                    () -> assertTrue(fast.passed(), fast.report()),
                    () -> assertEquals(values.length, fast.checks().size()),
                    () -> assertTrue(fast.checks().stream().allMatch(ElementCheck::isProjection)));
            // The worst element of a correct function is far inside the tolerance: central
            // differences are accurate to O(eps^2) plus rounding, about 1e-9 here.
            for (ElementCheck c : full.checks()) {
                assertTrue(c.absError() < 1e-7, c.toString());
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("correctFunctions")
    @DisplayName("passes on a correct function with a full GC between forward and backward")
    void passesWithGarbageCollectionBeforeBackward(String name, Function<NDList, NDArray> f,
            double[][] values) {
        // The GC runs after f's last operation and before the check's backward pass: a graph
        // that kept a freed scalar would now give a garbage gradient, and fail.
        Function<NDList, NDArray> collecting = in -> {
            NDArray output = f.apply(in);
            collectGarbage();
            return output;
        };
        try (NDManager m = manager.newSubManager()) {
            NDList in = inputs(m, values);
            for (boolean fast : new boolean[] {false, true}) {
                GradCheckResult result = GradCheck.builder().optFastMode(fast).optSeed(7).build()
                        .check(collecting, in);
                assertTrue(result.passed(), result.report());
            }
        }
    }

    @Test
    @DisplayName("fast mode's analytical projection equals v^T J u computed from the full Jacobian")
    void fastModeAgreesWithFullMode() {
        try (NDManager m = manager.newSubManager()) {
            NDList in = inputs(m, new double[][] {{0.3, -1.2, 2.5, 0.7}});
            Function<NDList, NDArray> f = i -> i.head().reshape(2, 2).dot(i.head().reshape(2, 2)
                    .sin());
            FunctionSubject subject = new FunctionSubject(f, in);
            // The full Jacobian, element by element, by both paths.
            GradCheckResult full = GradCheck.builder().build().check(f, in);
            GradCheckResult fast = GradCheck.builder().optFastMode(true).optSeed(3).build()
                    .check(f, in);
            assertTrue(full.passed(), full.report());
            assertTrue(fast.passed(), fast.report());
            // vᵀ J u by contracting every row of the autograd Jacobian: the same number fast mode
            // reports as analytical, to rounding.
            java.util.Random random = new java.util.Random(3);
            double[] v = unit(random, 4);
            double[] u = unit(random, 4);
            double expected = 0;
            for (int i = 0; i < 4; i++) {
                double[] unitRow = new double[4];
                unitRow[i] = 1;
                double[] row = subject.vectorJacobian(unitRow)[0];
                for (int k = 0; k < 4; k++) {
                    expected += v[i] * row[k] * u[k];
                }
            }
            assertEquals(expected, fast.checks().get(0).analytical(), 1e-12);
            assertEquals(expected, fast.checks().get(0).numerical(), 1e-7);
        }
    }

    private static double[] unit(java.util.Random random, int size) {
        double[] u = new double[size];
        double norm = 0;
        for (int k = 0; k < size; k++) {
            u[k] = random.nextGaussian();
            norm += u[k] * u[k];
        }
        for (int k = 0; k < size; k++) {
            u[k] /= Math.sqrt(norm);
        }
        return u;
    }

    @Test
    @DisplayName("fails at ReLU's kink and names the element that sits exactly on 0")
    void failsAtReluZero() {
        try (NDManager m = manager.newSubManager()) {
            NDList in = new NDList(input(m, new double[] {-1.0, 0.5, 0.0, 2.0}, 4));
            in.head().setName("x");
            GradCheckResult result = GradCheck.builder().build().check(
                    i -> Activation.relu(i.head()), in);
            assertFalse(result.passed(), result.report());
            ElementCheck worst = result.failures().get(0);
            assertAll(
                    () -> assertEquals("x", worst.name()),
                    () -> assertEquals(2, worst.flatIndex()),
                    () -> assertEquals(2, worst.outputIndex()),
                    () -> assertEquals(0.0, worst.analytical()),
                    () -> assertEquals(0.5, worst.numerical(), 1e-12),
                    () -> assertTrue(result.report().contains(
                            "Jacobian mismatch for output 2 with respect to input 0 (x), element 2"),
                            result.report()));
        }
    }

    @Test
    @DisplayName("fails on the wrong-gradient seam (x^2 with gradient x) and names the input")
    void failsOnWrongGradient() {
        try (NDManager m = manager.newSubManager()) {
            NDArray good = input(m, new double[] {0.5, 1.5}, 2);
            NDArray bad = input(m, new double[] {0.3, -0.8, 1.1}, 3);
            good.setName("good");
            bad.setName("bad");
            GradCheckResult result = GradCheck.builder().build().check(
                    i -> i.get(0).sin().sum().add(WrongGradient.squareMissingFactorTwo(i.get(1))
                            .sum()), new NDList(good, bad));
            assertFalse(result.passed(), result.report());
            assertEquals(1, result.failures().size(), result.report());
            ElementCheck worst = result.failures().get(0);
            // The largest |x| has the largest error: analytical x, numerical 2x.
            assertAll(
                    () -> assertEquals("bad", worst.name()),
                    () -> assertEquals(2, worst.flatIndex()),
                    () -> assertEquals(1.1, worst.analytical(), 1e-15),
                    () -> assertEquals(2.2, worst.numerical(), 1e-8),
                    () -> assertTrue(result.report().contains("FAILED, 1 of 2 inputs"),
                            result.report()));
        }
    }

    @Test
    @DisplayName("fast mode catches the wrong-gradient seam for each of 20 seeds, and names the element")
    void fastModeCatchesWrongGradient() {
        try (NDManager m = manager.newSubManager()) {
            NDList in = new NDList(input(m, new double[] {0.3, -0.8, 1.1, 0.6, -1.4}, 5));
            Function<NDList, NDArray> f = i -> WrongGradient.squareMissingFactorTwo(i.head());
            for (long seed = 0; seed < 20; seed++) {
                GradCheckResult result = GradCheck.builder().optFastMode(true).optSeed(seed)
                        .build().check(f, in);
                assertFalse(result.passed(), "seed " + seed + "\n" + result.report());
                assertTrue(result.checks().get(0).isProjection());
                ElementCheck element = result.checks().get(1);
                assertEquals(4, element.flatIndex(), result.report());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @DisplayName("refuses a float32 input, saying why")
    void refusesFloat32(boolean fastMode) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new float[] {1f, 2f});
            x.setRequiresGradient(true);
            GradCheck check = GradCheck.builder().optFastMode(fastMode).build();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> check.check(i -> i.head().sin(), new NDList(x)));
            assertTrue(e.getMessage().contains("float32")
                    && e.getMessage().contains("needs float64")
                    && e.getMessage().contains("noise"), e.getMessage());
        }
    }

    @Test
    @DisplayName("refuses inputs none of which requires a gradient")
    void refusesNoGradient() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(new double[] {1, 2});
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradCheck.builder().build().check(i -> i.head().sin(), new NDList(x)));
            assertTrue(e.getMessage().contains("setRequiresGradient"), e.getMessage());
        }
    }

    @Test
    @DisplayName("leaves the inputs, their gradients and the manager as it found them")
    void leavesInputsAsFound() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, new double[] {0.3, -1.2, 2.5}, 3);
            NDArray constant = m.create(new double[] {2, 3, 4});
            // A gradient from an earlier backward pass, which the check must not add to.
            CollectorGate.collect(m.getEngine(), c -> {
                c.backward(x.mul(constant).sum());
                return null;
            });
            double[] gradient = gradient(x);
            int arrays = m.getManagedArrays().size();
            for (boolean fast : new boolean[] {false, true}) {
                GradCheckResult result = GradCheck.builder().optFastMode(fast).build()
                        .check(i -> i.get(0).mul(i.get(1)).exp(), new NDList(x, constant));
                assertTrue(result.passed(), result.report());
            }
            assertArrayEquals(new double[] {0.3, -1.2, 2.5}, x.toDoubleArray());
            assertArrayEquals(gradient, gradient(x));
            assertArrayEquals(new double[] {2, 3, 4}, gradient);
            assertEquals(arrays, m.getManagedArrays().size());
        }
    }

    @Test
    @DisplayName("passes on an MLP with softmax cross-entropy, full and fast, and names each parameter")
    void passesOnMlp() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = SmallMlp.DEFAULT;
            Block block = mlp.block(m, 1);
            NDList x = mlp.inputs(m, 2);
            NDArray labels = mlp.labels(m, 3);
            for (boolean fast : new boolean[] {false, true}) {
                GradCheckResult result = GradCheck.builder().optFastMode(fast).build()
                        .check(block, PerSampleLoss.softmaxCrossEntropy(), x, labels);
                assertTrue(result.passed(), result.report());
                List<String> names = new ArrayList<>();
                result.checks().forEach(c -> names.add(c.name()));
                assertEquals(List.of("01Linear_weight", "01Linear_bias", "03Linear_weight",
                        "03Linear_bias"), names);
            }
        }
    }

    @Test
    @DisplayName("the Block variant fails on a loss with a wrong gradient")
    void blockFailsOnWrongLoss() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = SmallMlp.DEFAULT;
            Block block = mlp.block(m, 1);
            PerSampleLoss wrong = (labels, predictions) -> {
                NDArray p = predictions.singletonOrThrow();
                return WrongGradient.squareMissingFactorTwo(p).sum(new int[] {1});
            };
            GradCheckResult result = GradCheck.builder().build()
                    .check(block, wrong, mlp.inputs(m, 2), mlp.labels(m, 3));
            assertFalse(result.passed(), result.report());
        }
    }

    @Test
    @DisplayName("the Block variant leaves parameters bit for bit, gradients as found, no arrays behind")
    void blockLeavesParametersAsFound() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = SmallMlp.DEFAULT;
            Block block = mlp.block(m, 1);
            NDList x = mlp.inputs(m, 2);
            NDArray labels = mlp.labels(m, 3);
            // An earlier training step's gradients, which the check must restore.
            CollectorGate.collect(m.getEngine(), c -> {
                NDArray out = block.forward(new ParameterStore(m, false), x, false).head();
                c.backward(out.square().sum());
                return null;
            });
            List<double[]> values = new ArrayList<>();
            List<double[]> gradients = new ArrayList<>();
            for (Pair<String, Parameter> p : block.getParameters()) {
                values.add(p.getValue().getArray().toDoubleArray());
                gradients.add(gradient(p.getValue().getArray()));
            }
            int arrays = m.getManagedArrays().size();
            GradCheckResult result = GradCheck.builder().build()
                    .check(block, PerSampleLoss.softmaxCrossEntropy(), x, labels);
            assertTrue(result.passed(), result.report());
            assertEquals(arrays, m.getManagedArrays().size());
            int j = 0;
            for (Pair<String, Parameter> p : block.getParameters()) {
                assertArrayEquals(values.get(j), p.getValue().getArray().toDoubleArray());
                assertArrayEquals(gradients.get(j), gradient(p.getValue().getArray()));
                assertTrue(Stream.of(gradients.get(j)).flatMapToDouble(java.util.Arrays::stream)
                        .anyMatch(g -> g != 0), "the earlier gradient is not all zero");
                j++;
            }
        }
    }

    @Test
    @DisplayName("runs inside a collector the caller opened through the gate")
    void runsInsideTheCallersCollector() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = new SmallMlp(2, 3, 2, 4);
            Block block = mlp.block(m, 5);
            try (GradientCollector ignored = CollectorGate.open(m.getEngine())) {
                GradCheckResult blockResult = GradCheck.builder().build().check(block,
                        PerSampleLoss.softmaxCrossEntropy(), mlp.inputs(m, 6), mlp.labels(m, 7));
                GradCheckResult functionResult = GradCheck.builder().build().check(
                        i -> i.head().tanh(), new NDList(input(m, new double[] {0.1, 0.2}, 2)));
                assertTrue(blockResult.passed(), blockResult.report());
                assertTrue(functionResult.passed(), functionResult.report());
            }
        }
    }

    @Test
    @DisplayName("refuses a block with float32 parameters")
    void refusesFloat32Block() {
        try (NDManager m = manager.newSubManager()) {
            Block block = Linear.builder().setUnits(2).build();
            block.initialize(m, DataType.FLOAT32, new Shape(4, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GradCheck.builder().build().check(block,
                            PerSampleLoss.softmaxCrossEntropy(),
                            new NDList(m.zeros(new Shape(4, 2))), m.zeros(new Shape(4))));
            assertTrue(e.getMessage().contains("parameter weight is float32"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @DisplayName("refuses an input with no elements, promptly, naming it (fast mode used to hang)")
    void refusesEmptyInput(boolean fastMode) {
        try (NDManager m = manager.newSubManager()) {
            NDArray empty = input(m, new double[0], 0);
            empty.setName("empty");
            GradCheck check = GradCheck.builder().optFastMode(fastMode).build();
            IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(IllegalArgumentException.class,
                            () -> check.check(i -> i.head().sin(), new NDList(empty))));
            assertTrue(e.getMessage().contains("empty (shape (0)) has no elements"),
                    e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @DisplayName("refuses a function whose output has no elements")
    void refusesEmptyOutput(boolean fastMode) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, new double[] {1, 2}, 2);
            GradCheck check = GradCheck.builder().optFastMode(fastMode).build();
            IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                    () -> assertThrows(IllegalArgumentException.class,
                            () -> check.check(i -> i.head().get("0:0"), new NDList(x))));
            assertTrue(e.getMessage().contains("the output has no elements"), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @DisplayName("a function that ignores its input has a zero Jacobian, which passes")
    void constantFunctionHasZeroJacobian(boolean fastMode) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, new double[] {0.5, -1.5}, 2);
            NDArray other = m.create(new double[] {0.25, 2.0, 3.0});
            GradCheckResult result = GradCheck.builder().optFastMode(fastMode).build()
                    .check(i -> i.get(1).sin(), new NDList(x, other));
            assertTrue(result.passed(), result.report());
            assertEquals(1, result.checks().size(), result.report());
            assertEquals(0.0, result.checks().get(0).analytical());
            assertEquals(0.0, result.checks().get(0).numerical());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    @DisplayName("a graph cut by stopGradient reports its zero analytical Jacobian and fails")
    void detachedFunctionFailsWithZeroJacobian(boolean fastMode) {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = input(m, new double[] {0.5, -1.5}, 2);
            x.setName("x");
            GradCheckResult result = GradCheck.builder().optFastMode(fastMode).build()
                    .check(i -> i.head().stopGradient().square(), new NDList(x));
            assertFalse(result.passed(), result.report());
            // The worst element: x = -1.5, d(x^2)/dx = -3 numerically, 0 by autograd.
            ElementCheck worst = result.failures().get(result.failures().size() - 1);
            assertAll(
                    () -> assertEquals("x", worst.name()),
                    () -> assertEquals(1, worst.flatIndex()),
                    () -> assertEquals(0.0, worst.analytical()),
                    () -> assertEquals(-3.0, worst.numerical(), 1e-6));
        }
    }

    @Test
    @DisplayName("a block whose loss ignores its predictions has a zero Jacobian, which passes")
    void blockLossIgnoringPredictionsHasZeroJacobian() {
        try (NDManager m = manager.newSubManager()) {
            SmallMlp mlp = new SmallMlp(2, 3, 2, 4);
            Block block = mlp.block(m, 5);
            PerSampleLoss constant = (labels, predictions) ->
                    labels.singletonOrThrow().toType(DataType.FLOAT64, false);
            GradCheckResult result = GradCheck.builder().build().check(block, constant,
                    mlp.inputs(m, 6), mlp.labels(m, 7));
            assertTrue(result.passed(), result.report());
            assertEquals(4, result.checks().size(), result.report());
            assertTrue(result.checks().stream().allMatch(c -> c.analytical() == 0),
                    result.report());
        }
    }

    @Test
    @DisplayName("the builder refuses a step or tolerance that cannot work")
    void builderRefusesBadSettings() {
        assertAll(
                () -> assertThrows(IllegalArgumentException.class,
                        () -> GradCheck.builder().optEps(0)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> GradCheck.builder().optEps(Double.NaN)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> GradCheck.builder().optAtol(-1)),
                () -> assertThrows(IllegalArgumentException.class,
                        () -> GradCheck.builder().optRtol(Double.NaN)));
    }
}
