package io.github.sgdlab.check;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.function.BiFunction;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Pins a use-after-free in DJL 0.36: {@code NDArray.mul(Number)} (and {@code div}, {@code pow},
 * {@code maximum}) wraps the number in a tensor over a Java direct buffer without copying and
 * closes it right after the operation, while autograd keeps that tensor for the backward pass. A
 * garbage collection in between frees the buffer, and the gradient reads freed memory. The safe
 * form, an NDArray operand that stays referenced until after backward, is exact every time.
 */
class DjlScalarOperandTest extends EngineTest {

    private static final int TRIES = 20;
    private static final double[] X = {0.3, -1.2, 2.5};
    /** d(3x)/dx. */
    private static final double[] EXPECTED = {3, 3, 3};

    /** The gradient of sum(times(x)), with a full GC between the forward and backward pass. */
    private static double[] gradientWithGcBeforeBackward(NDManager m,
            BiFunction<NDManager, NDArray, NDArray> times) {
        try (NDManager scope = m.newSubManager()) {
            NDArray x = scope.create(X);
            x.setRequiresGradient(true);
            return CollectorGate.collect(scope.getEngine(), collector -> {
                NDArray y = times.apply(scope, x).sum();
                collectGarbage();
                collector.backward(y);
                try (NDArray gradient = x.getGradient()) {
                    return gradient.toDoubleArray();
                }
            });
        }
    }

    @Test
    @DisplayName("DJL 0.36: x.mul(3) with a GC before backward gives a wrong gradient")
    void scalarOperandIsFreedBeforeBackward() {
        int wrong = 0;
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < TRIES; i++) {
                double[] gradient = gradientWithGcBeforeBackward(m, (scope, x) -> x.mul(3.0));
                if (!java.util.Arrays.equals(EXPECTED, gradient)) {
                    wrong++;
                }
            }
        }
        assertTrue(wrong > 0, "x.mul(Number) gave the right gradient " + TRIES + " times of "
                + TRIES + " with a GC before backward: DJL seems to have fixed the "
                + "use-after-free of scalar operands. Check the release notes, then retire this "
                + "test, ScalarOperandGuardTest and the warning in "
                + "src/site/markdown/djl-pitfalls.md");
    }

    @Test
    @DisplayName("the safe form, an NDArray operand kept until after backward, survives the GC")
    void arrayOperandSurvives() {
        try (NDManager m = manager.newSubManager()) {
            for (int i = 0; i < TRIES; i++) {
                assertArrayEquals(EXPECTED, gradientWithGcBeforeBackward(m,
                        (scope, x) -> x.mul(scope.create(3.0))));
            }
        }
    }

    /** A user's block: a layer, then "times two" written with a Number or with an NDArray. */
    private static SequentialBlock doubledLinear(NDManager m, boolean numberOperand) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(2).build())
                .add(list -> {
                    NDArray h = list.singletonOrThrow();
                    return new NDList(numberOperand ? h.mul(2.0)
                            : h.mul(h.getManager().create(2.0)));
                });
        block.initialize(m, DataType.FLOAT64, new Shape(3, 2));
        return block;
    }

    /** The squared error, with a GC as its last step: between the forward and backward pass. */
    private static final PerSampleLoss SQUARED_ERROR_THEN_GC = (labels, predictions) -> {
        NDArray loss = predictions.singletonOrThrow().sub(labels.singletonOrThrow()).square()
                .sum(new int[] {1});
        collectGarbage();
        return loss;
    };

    @Test
    @DisplayName("GradCheck finds the freed scalar in a user's function and block, and passes the safe forms")
    void gradCheckFindsIt() {
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(X);
            x.setRequiresGradient(true);
            GradCheck check = GradCheck.builder().build();
            GradCheckResult unsafe = check.check(in -> {
                NDArray y = in.head().mul(3.0);
                collectGarbage();
                return y;
            }, new NDList(x));
            GradCheckResult safe = check.check(in -> {
                NDArray y = in.head().mul(in.head().getManager().create(3.0));
                collectGarbage();
                return y;
            }, new NDList(x));
            assertFalse(unsafe.passed(), unsafe.report());
            assertTrue(safe.passed(), safe.report());

            NDList inputs = new NDList(m.create(new double[] {0.5, -1, 2, 0.25, -0.75, 1.5},
                    new Shape(3, 2)));
            NDArray labels = m.create(new double[] {1, 0, -1, 2, 0.5, -0.5}, new Shape(3, 2));
            GradCheckResult unsafeBlock = check.check(doubledLinear(m, true),
                    SQUARED_ERROR_THEN_GC, inputs, labels);
            GradCheckResult safeBlock = check.check(doubledLinear(m, false),
                    SQUARED_ERROR_THEN_GC, inputs, labels);
            assertFalse(unsafeBlock.passed(), unsafeBlock.report());
            assertTrue(safeBlock.passed(), safeBlock.report());
        }
    }
}
