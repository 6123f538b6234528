package io.github.sgdlab.check;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.nn.Block;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.function.Function;

/**
 * Assertions for a DJL project's regression tests, usable from JUnit 5, TestNG or a plain
 * {@code main}. Each throws an {@link AssertionError} with a message that says what differed;
 * where opentest4j is on the class path (JUnit 5 brings it) the error is its
 * {@code AssertionFailedError} with expected and actual values, so IDEs show a diff. JUnit is not
 * a dependency of this library.
 *
 * <pre>{@code
 * import static io.github.sgdlab.check.GradientAssertions.*;
 *
 * assertAllClose(expected, actual, 1e-7, 0);
 * assertGradCheck(block, PerSampleLoss.softmaxCrossEntropy(), inputs, labels);
 * }</pre>
 */
public final class GradientAssertions {

    private GradientAssertions() {}

    /**
     * Asserts that two arrays have the same shape and that every element satisfies numpy's
     * {@code assert_allclose} rule {@code |actual - expected| <= atol + rtol * |expected|}; NaN
     * equals NaN, an infinity only the same infinity.
     *
     * @param expected the expected values
     * @param actual the actual values, of any numeric type
     * @param rtol the relative tolerance
     * @param atol the absolute tolerance
     * @throws AssertionError with the shape, the number and share of mismatched elements, the
     *     largest absolute and relative differences among them and the first mismatches with their
     *     indices
     */
    public static void assertAllClose(NDArray expected, NDArray actual, double rtol,
            double atol) {
        double[] e = Doubles.of(expected);
        double[] a = Doubles.of(actual);
        String message = AllClose.mismatch(expected.getShape(), e, actual.getShape(), a,
                rtol, atol);
        if (message != null) {
            throw Failures.assertionFailed(message, AllClose.text(expected.getShape(), e),
                    AllClose.text(actual.getShape(), a));
        }
    }

    /**
     * Asserts that DJL's autograd of {@code f} agrees with central finite differences, with
     * {@link GradCheck}'s defaults (torch's).
     *
     * @param f the function, float64
     * @param inputs the point; those that require a gradient are checked
     * @throws AssertionError with {@link GradCheckResult#report()} as its message
     */
    public static void assertGradCheck(Function<NDList, NDArray> f, NDList inputs) {
        assertPassed(GradCheck.builder().build().check(f, inputs));
    }

    /**
     * Asserts that DJL's autograd of a block's mean loss agrees with central finite differences
     * for every parameter, with {@link GradCheck}'s defaults.
     *
     * @param block an initialized float64 block
     * @param loss the per-sample loss
     * @param inputs the block's inputs
     * @param labels the labels
     * @throws AssertionError with {@link GradCheckResult#report()} as its message
     */
    public static void assertGradCheck(Block block, PerSampleLoss loss, NDList inputs,
            NDArray labels) {
        assertPassed(GradCheck.builder().build().check(block, loss, inputs, labels));
    }

    /**
     * Asserts that a gradient check passed.
     *
     * @param result the result of {@link GradCheck}
     * @throws AssertionError with the report as its message, the numerical values as expected
     *     and the analytical ones as actual
     */
    public static void assertPassed(GradCheckResult result) {
        if (!result.passed()) {
            StringBuilder numerical = new StringBuilder();
            StringBuilder analytical = new StringBuilder();
            for (ElementCheck c : result.failures()) {
                String where = c.name() + (c.isProjection() ? " v^T J u"
                        : " element " + c.flatIndex() + " output " + c.outputIndex());
                numerical.append(where).append(' ').append(c.numerical()).append('\n');
                analytical.append(where).append(' ').append(c.analytical()).append('\n');
            }
            throw Failures.assertionFailed(result.report(), numerical.toString(),
                    analytical.toString());
        }
    }

    /**
     * Asserts that the mean of the per-sample gradients
     * ({@link io.github.sgdlab.persample.PerSample} with the {@code LOOP} strategy, the
     * definition: each sample's loss alone) equals the batch
     * gradient of the mean loss, for every parameter, within a rounding-error tolerance derived
     * from the data type and the number of samples n: per element
     * {@code γ_(n+32) · (mean_i |g_i| + the parameter's largest mean_i |g_i|)}, with
     * {@code γ_k = k·u / (1 − k·u)} and u the type's unit roundoff.
     *
     * @param block an initialized block (float32 or float64)
     * @param loss the per-sample loss
     * @param inputs the inputs, samples along the first axis
     * @param labels the labels
     * @throws AssertionError naming each parameter that differs, how many elements, and the worst
     *     element with both values and its tolerance
     */
    public static void assertPerSampleMeanEqualsBatch(Block block, PerSampleLoss loss,
            NDList inputs, NDArray labels) {
        String message = PerSampleAgreement.mismatch(block, loss, inputs, labels);
        if (message != null) {
            throw new AssertionError(message);
        }
    }

    /**
     * Makes the failure these assertions throw, for a project's own assertions: opentest4j's
     * {@code AssertionFailedError} with expected and actual values where opentest4j is on the
     * class path (IDEs show them as a diff), else a plain {@link AssertionError}.
     *
     * @param message what failed
     * @param expected the expected value, as the IDE should show it
     * @param actual the actual value
     * @return the error, to be thrown by the caller
     */
    public static AssertionError failure(String message, Object expected, Object actual) {
        return Failures.assertionFailed(message, expected, actual);
    }
}
