package io.github.sgdlab.grad;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.check.GradientAssertions;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.linear.Theta;

import java.util.Locale;

/**
 * The notebook's claim as an assertion for tests: DJL's autograd on the linear model (batch
 * gradient, loss and average per-sample gradient) matches the plain-Java reference within the
 * cross-check's rounding-error bound, for any number of features. It throws what the library's
 * {@link GradientAssertions} throw: opentest4j's {@code AssertionFailedError} with expected and
 * actual values where opentest4j is on the class path, else an {@link AssertionError}.
 */
public final class ReferenceAssertions {

    private ReferenceAssertions() {}

    /**
     * Asserts that DJL's autograd matches the plain-Java reference on the linear model.
     *
     * @param manager a PyTorch manager; nothing stays attached to it
     * @param data the samples
     * @param theta where to take the gradients: d + 1 values
     * @param dataType float32 or float64, the autograd's type
     * @throws AssertionError listing each value (batch gradient, loss, per-sample average),
     *     DJL's and the reference's, their difference and that value's own tolerance
     */
    public static void assertMatchesReference(NDManager manager, FeatureData data,
            Theta theta, DataType dataType) {
        assertMatchesReference(GradientComparison.compute(manager, data, theta, dataType), data);
    }

    /**
     * Asserts that an already computed comparison passed its cross-check and is finite.
     *
     * @param result the four gradient paths and their cross-check
     * @param data the samples they were computed on, for the message
     * @throws AssertionError listing each value, DJL's and the reference's, and the bound
     */
    public static void assertMatchesReference(GradientComparison result, FeatureData data) {
        CrossCheck check = result.crossCheck();
        if (check.ok() && result.allFinite()) {
            return;
        }
        StringBuilder message = new StringBuilder(String.format(Locale.ROOT,
                "DJL autograd (%s) does not match the plain-Java reference at theta = %s, "
                        + "%d samples: %s beyond its rounding-error tolerance\n",
                result.dataType(), result.theta(), data.samples(),
                result.allFinite() ? check.worst().name() : "a non-finite value"));
        StringBuilder expected = new StringBuilder();
        StringBuilder actual = new StringBuilder();
        for (CrossCheck.ValueCheck value : check.values()) {
            message.append(String.format(Locale.ROOT, "  %-20s DJL %-24s reference %-24s "
                    + "|diff| %.3e %s tolerance %.3e\n", value.name(), value.autograd(),
                    value.reference(), value.absDiff(), value.ok() ? "<=" : "> ",
                    value.tolerance()));
            expected.append(value.name()).append(' ').append(value.reference()).append('\n');
            actual.append(value.name()).append(' ').append(value.autograd()).append('\n');
        }
        throw GradientAssertions.failure(message.toString(), expected.toString(),
                actual.toString());
    }
}
