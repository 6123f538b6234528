package io.github.sgdlab.reference;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import io.github.sgdlab.linear.BatchGradient;
import io.github.sgdlab.linear.Gradient;
import io.github.sgdlab.linear.PerSampleGradients;
import io.github.sgdlab.linear.Theta;

import io.github.sgdlab.ReferenceCase;

import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The plain-Java reference against real numpy's float64 results. */
class ReferenceGradientsTest {

    static List<ReferenceCase> cases() {
        return ReferenceCase.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    @DisplayName("In [12] and In [14] equal numpy's float64 results to the last bit")
    void equalsNumpyBitForBit(ReferenceCase reference) {
        BatchGradient batch = ReferenceGradients.batch(reference.data(), reference.theta());
        Gradient average = ReferenceGradients.average(
                ReferenceGradients.perSample(reference.data(), reference.theta()));
        BatchGradient numpy = reference.batch("numpy_float64");
        Gradient numpyAverage = reference.perSampleAverage("numpy_float64");
        assertAll(
                () -> assertEquals(numpy.gradient().get(0), batch.gradient().get(0), 0.0, "grad_theta0"),
                () -> assertEquals(numpy.gradient().get(1), batch.gradient().get(1), 0.0, "grad_theta1"),
                () -> assertEquals(numpy.loss(), batch.loss(), 0.0, "loss"),
                () -> assertEquals(numpyAverage.get(0), average.get(0), 0.0,
                        "average grad_theta0"),
                () -> assertEquals(numpyAverage.get(1), average.get(1), 0.0,
                        "average grad_theta1"));
    }

    @Test
    @DisplayName("per-sample gradients follow the closed form -2(y - y_pred) and -2(y - y_pred)x")
    void perSampleClosedForm() {
        io.github.sgdlab.data.LinearData data = new io.github.sgdlab.data.LinearData(
                0, new double[] {2, -1}, new double[] {0, 0}, new double[] {5, 1});
        PerSampleGradients g = ReferenceGradients.perSample(data.features(), Theta.of(1, 3));
        // Sample 0: y_pred = 3*2 + 1 = 7, residual 5 - 7 = -2 -> grads 4 and 8.
        // Sample 1: y_pred = 3*(-1) + 1 = -2, residual 1 + 2 = 3 -> grads -6 and 6.
        assertAll(
                () -> assertEquals(4, g.gradient(0)[0]),
                () -> assertEquals(8, g.gradient(1)[0]),
                () -> assertEquals(-6, g.gradient(0)[1]),
                () -> assertEquals(6, g.gradient(1)[1]),
                () -> assertEquals(-1, g.average().get(0)),
                () -> assertEquals(7, g.average().get(1)));
    }
}
