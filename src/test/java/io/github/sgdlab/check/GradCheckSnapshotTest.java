package io.github.sgdlab.check;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.persample.PerSampleLoss;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link GradCheck}'s block form works on a snapshot: the block's parameters and gradients are
 * never written, not even for a moment, so another thread may read (or train) them meanwhile.
 */
class GradCheckSnapshotTest extends EngineTest {

    private static SequentialBlock mlp(NDManager manager) {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(5).build())
                .add(Activation.tanhBlock())
                .add(Linear.builder().setUnits(2).build());
        block.initialize(manager, DataType.FLOAT64, new Shape(4, 3));
        return block;
    }

    /** Every parameter's value and gradient, flat, in the block's order. */
    private static List<double[]> state(SequentialBlock block) {
        List<double[]> state = new ArrayList<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            NDArray array = pair.getValue().getArray();
            state.add(array.toDoubleArray());
            try (NDArray gradient = array.getGradient();
                    NDArray asDouble = gradient.toType(DataType.FLOAT64, true)) {
                state.add(asDouble.toDoubleArray());
            }
        }
        return state;
    }

    private static void assertBitIdentical(List<double[]> expected, List<double[]> actual,
            String when) {
        assertEquals(expected.size(), actual.size());
        for (int i = 0; i < expected.size(); i++) {
            // assertArrayEquals on double[] compares doubleToLongBits: bit for bit.
            assertArrayEquals(expected.get(i), actual.get(i), when + ", array " + i);
        }
    }

    @Test
    @DisplayName("block form: parameters and gradients bit-identical before, during (read by "
            + "another thread) and after a full check")
    void blockIsNeverWritten() throws Exception {
        try (NDManager manager = newManager()) {
            SequentialBlock block = mlp(manager);
            NDList inputs = new NDList(manager.randomNormal(new Shape(4, 3))
                    .toType(DataType.FLOAT64, false));
            NDArray labels = manager.randomNormal(new Shape(4, 2)).toType(DataType.FLOAT64,
                    false);
            PerSampleLoss loss = PerSampleLoss.squaredError();
            // A real gradient in the parameters first, so that "gradients unchanged" means
            // something: one backward pass through the block's own parameters.
            try (GradientCollector collector = CollectorGate.open(manager.getEngine())) {
                collector.backward(loss.apply(new NDList(labels),
                        block.forward(new ParameterStore(manager, false), inputs, true)).mean());
            }
            List<double[]> before = state(block);
            assertTrue(before.get(1)[0] != 0, "the weight has a gradient");

            AtomicBoolean checking = new AtomicBoolean(true);
            ExecutorService reader = Executors.newSingleThreadExecutor();
            try {
                Future<Integer> reads = reader.submit(() -> {
                    int n = 0;
                    while (checking.get()) {
                        assertBitIdentical(before, state(block), "read " + n + " during the check");
                        n++;
                    }
                    return n;
                });
                GradCheckResult result;
                try {
                    result = GradCheck.builder().build().check(block, loss, inputs, labels);
                } finally {
                    checking.set(false);
                }
                int n = reads.get(1, TimeUnit.MINUTES);
                assertTrue(result.passed(), result.report());
                assertTrue(n > 0, "the reader read during the check");
            } finally {
                reader.shutdownNow();
            }
            assertBitIdentical(before, state(block), "after the check");
        }
    }

    @Test
    @DisplayName("block form: a parameter shared by two blocks is checked once, with its total "
            + "gradient")
    void sharedParameterCheckedOnce() {
        try (NDManager manager = newManager()) {
            Linear shared = Linear.builder().setUnits(3).build();
            SequentialBlock block = new SequentialBlock().add(shared)
                    .add(Activation.tanhBlock()).add(shared);
            block.initialize(manager, DataType.FLOAT64, new Shape(4, 3));
            assertEquals(4, block.getParameters().size(), "DJL lists it under both names");
            NDList inputs = new NDList(manager.randomNormal(new Shape(4, 3))
                    .toType(DataType.FLOAT64, false));
            NDArray labels = manager.randomNormal(new Shape(4, 3)).toType(DataType.FLOAT64,
                    false);
            GradCheckResult result = GradCheck.builder().build()
                    .check(block, PerSampleLoss.squaredError(), inputs, labels);
            assertTrue(result.passed(), result.report());
            List<String> names = result.checks().stream().map(ElementCheck::name)
                    .collect(Collectors.toList());
            assertEquals(List.of(block.getParameters().keys().get(0),
                    block.getParameters().keys().get(1)), names);
            assertSame(block.getParameters().valueAt(0), block.getParameters().valueAt(2));
        }
    }
}
