package io.github.sgdlab.linear;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import io.github.sgdlab.grad.CrossCheck;
import io.github.sgdlab.grad.GradientComparison;
import io.github.sgdlab.reference.ReferenceGradients;
import io.github.sgdlab.reference.RoundingBound;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.ReferenceCase;
import io.github.sgdlab.data.FeatureData;
import io.github.sgdlab.data.LinearData;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** DJL's autograd (PyTorch engine, the real native library) against real PyTorch and numpy. */
class AutogradGradientsTest extends EngineTest {

    static List<Arguments> casesAndTypes() {
        List<Arguments> arguments = new ArrayList<>();
        for (ReferenceCase reference : ReferenceCase.all()) {
            arguments.add(Arguments.of(reference, DataType.FLOAT32));
            arguments.add(Arguments.of(reference, DataType.FLOAT64));
        }
        return arguments;
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("batch and per-sample autograd agree with torch's results within the rounding bound")
    void matchesTorch(ReferenceCase reference, DataType dataType) {
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(dataType).build();
        BatchGradient batch = autograd.batch(reference.data(), reference.theta());
        Gradient average = autograd.perSample(reference.data(), reference.theta()).average();
        String torch = dataType == DataType.FLOAT32 ? "torch_float32" : "torch_float64";
        BatchGradient expected = reference.batch(torch);
        Gradient expectedAverage = reference.perSampleAverage(torch);
        // Two computations in the same type, each within the bound of the exact value.
        RoundingBound.Tolerances one =
                RoundingBound.autograd(reference.data(), reference.theta(), CrossCheck.precision(dataType));
        RoundingBound.Tolerances tolerance = one.plus(one);
        assertAll(
                () -> assertEquals(expected.gradient().get(0), batch.gradient().get(0), tolerance.gradient()[0]),
                () -> assertEquals(expected.gradient().get(1), batch.gradient().get(1), tolerance.gradient()[1]),
                () -> assertEquals(expected.loss(), batch.loss(), tolerance.loss()),
                () -> assertEquals(expectedAverage.get(0), average.get(0),
                        tolerance.average()[0]),
                () -> assertEquals(expectedAverage.get(1), average.get(1),
                        tolerance.average()[1]));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("casesAndTypes")
    @DisplayName("the cross-check passes against the reference at every theta and type")
    void crossCheckPasses(ReferenceCase reference, DataType dataType) {
        GradientComparison result = GradientComparison.compute(
                manager, reference.data(), reference.theta(), dataType);
        assertTrue(result.crossCheck().ok(), result.crossCheck().toString());
        assertTrue(result.allFinite());
    }

    @Test
    @DisplayName("the notebook's float32 results equal torch 1.13's to the last bit")
    void notebookFloat32IsBitExact() {
        ReferenceCase reference = ReferenceCase.all().get(0);
        AutogradGradients autograd = AutogradGradients.builder(manager).build();
        BatchGradient batch = autograd.batch(reference.data(), Theta.zeros(1));
        Gradient average = autograd.perSample(reference.data(), Theta.zeros(1)).average();
        assertAll(
                () -> assertEquals(reference.batch("torch_float32"), batch),
                () -> assertEquals(reference.perSampleAverage("torch_float32"), average));
    }

    @Test
    @DisplayName("the per-sample gradients are zeroed between samples, not accumulated")
    void perSampleGradientsDoNotAccumulate() {
        FeatureData data = LinearData.notebook().features();
        PerSampleGradients autograd = AutogradGradients.builder(manager)
                .optDataType(DataType.FLOAT64).build().perSample(data, Theta.zeros(1));
        PerSampleGradients reference = ReferenceGradients.perSample(data, Theta.zeros(1));
        for (int i = 0; i < data.samples(); i++) {
            assertEquals(reference.gradient(0)[i], autograd.gradient(0)[i], 1e-12, "sample " + i);
            assertEquals(reference.gradient(1)[i], autograd.gradient(1)[i], 1e-12, "sample " + i);
        }
    }

    @Test
    @DisplayName("the average of the per-sample gradients equals the batch gradient")
    void averageEqualsBatch() {
        FeatureData data = LinearData.generate(7, 257).features();
        Theta theta = Theta.of(0.75, -1.25);
        for (DataType dataType : List.of(DataType.FLOAT32, DataType.FLOAT64)) {
            AutogradGradients autograd =
                    AutogradGradients.builder(manager).optDataType(dataType).build();
            Gradient batch = autograd.batch(data, theta).gradient();
            Gradient average = autograd.perSample(data, theta).average();
            RoundingBound.Tolerances tolerance = RoundingBound.autograd(data, theta, CrossCheck.precision(dataType));
            assertEquals(batch.get(0), average.get(0),
                    tolerance.gradient()[0] + tolerance.average()[0], dataType.toString());
            assertEquals(batch.get(1), average.get(1),
                    tolerance.gradient()[1] + tolerance.average()[1], dataType.toString());
        }
    }

    @Test
    @DisplayName("a one-sample data set gives the per-sample gradient itself")
    void oneSample() {
        FeatureData data =
                new LinearData(0, new double[] {2}, new double[] {0}, new double[] {5}).features();
        AutogradGradients autograd =
                AutogradGradients.builder(manager).optDataType(DataType.FLOAT64).build();
        // y_pred = 3*2 + 1 = 7; residual y_pred - y = 2; d/dθ0 = 4, d/dθ1 = 8, loss = 4.
        assertEquals(new BatchGradient(Gradient.of(4, 8), 4), autograd.batch(data, Theta.of(1, 3)));
        assertEquals(Gradient.of(4, 8), autograd.perSample(data, Theta.of(1, 3)).average());
    }

    @Test
    @DisplayName("after a per-sample loop over 10^5 samples nothing stays attached to the caller's manager")
    void leavesNoArraysBehind() {
        try (NDManager caller = manager.newSubManager()) {
            AutogradGradients autograd = AutogradGradients.builder(caller).build();
            autograd.batch(LinearData.notebook().features(), Theta.zeros(1));
            autograd.perSample(LinearData.generate(3, 100_000).features(), Theta.of(1, 2));
            assertEquals(0, caller.getManagedArrays().size());
        }
    }

    @Test
    @DisplayName("types other than float32 and float64 are refused")
    void refusesOtherTypes() {
        assertThrows(IllegalArgumentException.class,
                () -> AutogradGradients.builder(manager).optDataType(DataType.FLOAT16));
    }

    @Test
    @DisplayName("asking for a GPU on the CPU-only build is refused in words, not by libtorch")
    void gpuOnCpuBuildIsRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> AutogradGradients.builder(manager).optDevice(Device.gpu()));
        assertTrue(e.getMessage().startsWith("device gpu(0) is not available"), e.getMessage());
    }

    @Test
    @DisplayName("data with a NaN or an infinity are refused, naming the first bad value")
    void nonFiniteDataRefused() {
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class, () -> new LinearData(0,
                        new double[] {1, 2, 3}, new double[3], new double[] {1, Double.NaN, 2}));
        assertEquals("y[1] is NaN; every value must be finite", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LinearData(0, new double[] {1, Double.NEGATIVE_INFINITY},
                        new double[2], new double[2]));
        assertEquals("x1[1] is -Infinity; every value must be finite", e.getMessage());
    }
}
