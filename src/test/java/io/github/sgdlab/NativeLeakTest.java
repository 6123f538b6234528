package io.github.sgdlab;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.check.BlockCast;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.ParameterStore;
import io.github.sgdlab.check.GradCheck;
import io.github.sgdlab.descent.Descent;
import io.github.sgdlab.descent.DescentConfig;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.lang.management.ManagementFactory;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.management.ObjectName;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Every public library entry point leaves the engine's managers and arrays as it found them:
 * after 10^4 calls of each, the live {@code PtNDManager} and {@code PtNDArray} objects (counted in
 * a heap histogram, after a full GC) and the arrays the engine's system manager holds are as many
 * as before. A call that leaked one manager or one array would leave 10^4 behind.
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class NativeLeakTest extends EngineTest {

    private static final int CALLS = 10_000;

    /** Linear, LayerNorm, ReLU, Linear: the vectorized pass runs two samplers. */
    private static SequentialBlock block;
    /** One Linear unit: the smallest block, for the entry points that run it once a sample. */
    private static Linear linear;
    private static NDList inputs;
    private static NDArray labels;

    @BeforeAll
    static void setUp() {
        // A LayerNorm too: its sampler makes a ParameterStore of its own.
        block = new SequentialBlock()
                .add(Linear.builder().setUnits(3).build())
                .add(LayerNorm.builder().build())
                .add(Activation.reluBlock())
                .add(Linear.builder().setUnits(1).build());
        block.initialize(manager, DataType.FLOAT64, new Shape(2, 2));
        linear = Linear.builder().setUnits(1).build();
        linear.initialize(manager, DataType.FLOAT64, new Shape(2, 2));
        inputs = new NDList(manager.create(new double[] {0.5, -1.0, 2.0, 0.25}, new Shape(2, 2)));
        labels = manager.create(new double[] {1.0, -0.5});
    }

    /** Live objects of one class, from a class histogram (which runs a full GC first). */
    private static long live(String histogram, String className) {
        Matcher m = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+" + Pattern.quote(className)
                + "\\s*$", Pattern.MULTILINE).matcher(histogram);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
    }

    /** What is counted: live managers, live arrays, arrays reachable from the system manager. */
    private record Counts(long managers, long arrays, long managedArrays) {}

    @SuppressWarnings("removal")
    private static Counts counts() throws Exception {
        // Objects with finalizers (DJL's Trainer, Model) outlive the histogram's own GC: finalize
        // what earlier tests in this JVM left, so that only live objects are counted.
        for (int i = 0; i < 3; i++) {
            System.gc();
            System.runFinalization();
        }
        String histogram = histogram();
        long managed;
        try (NDManager probe = newManager()) {
            managed = probe.getParentManager().getManagedArrays().size();
        }
        return new Counts(live(histogram, "ai.djl.pytorch.engine.PtNDManager"),
                live(histogram, "ai.djl.pytorch.engine.PtNDArray"), managed);
    }

    private static void assertFlat(String entryPoint, Runnable call) throws Exception {
        for (int i = 0; i < 20; i++) {
            call.run();
        }
        Counts before = counts();
        long start = System.nanoTime();
        for (int i = 0; i < CALLS; i++) {
            call.run();
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        Counts after = counts();
        System.out.printf("%s: %d calls in %d ms, %s -> %s%n", entryPoint, CALLS, millis, before,
                after);
        assertAll(entryPoint,
                () -> assertTrue(before.managers() > 0, "the histogram sees the managers"),
                () -> assertEquals(before.managers(), after.managers(), "live PtNDManagers"),
                () -> assertEquals(before.arrays(), after.arrays(), "live PtNDArrays"),
                () -> assertEquals(before.managedArrays(), after.managedArrays(),
                        "arrays the engine's managers hold"));
    }

    @Test
    @DisplayName("the counts see a leak: 100 ParameterStore() leave 100 managers behind")
    @org.junit.jupiter.api.Order(Integer.MAX_VALUE)
    void countsSeeALeak() throws Exception {
        Counts before = counts();
        java.util.List<ParameterStore> kept = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            kept.add(new ParameterStore());
        }
        Counts after = counts();
        assertEquals(100, kept.size());
        assertTrue(after.managers() - before.managers() >= 100, before + " -> " + after);
        // Close the deliberate leak, so EngineTest's per-test check sees the engine as it was.
        java.lang.reflect.Field field = ParameterStore.class.getDeclaredField("manager");
        field.setAccessible(true);
        for (ParameterStore store : kept) {
            ((ai.djl.ndarray.NDManager) field.get(store)).close();
        }
    }

    @Test
    @DisplayName("PerSample.compute, LOOP: flat after 10^4 calls")
    void loop() throws Exception {
        PerSample perSample = PerSample.builder(linear, PerSampleLoss.squaredError())
                .optStrategy(Strategy.LOOP).build();
        assertFlat("PerSample.compute LOOP", () -> {
            try (PerSampleResult result = perSample.compute(inputs, labels)) {
                result.norms();
            }
        });
    }

    @Test
    @DisplayName("PerSample.compute, VECTORIZED: flat after 10^4 calls")
    void vectorized() throws Exception {
        PerSample perSample = PerSample.builder(block, PerSampleLoss.squaredError())
                .optStrategy(Strategy.VECTORIZED).build();
        assertFlat("PerSample.compute VECTORIZED", () -> {
            try (PerSampleResult result = perSample.compute(inputs, labels)) {
                result.norms();
                result.variance(result.parameterNames().get(0));
            }
        });
    }

    @Test
    @DisplayName("PerSample.batchGradients: flat after 10^4 calls")
    void batchGradients() throws Exception {
        PerSample perSample = PerSample.builder(linear, PerSampleLoss.squaredError()).build();
        assertFlat("PerSample.batchGradients", () -> {
            Map<String, NDArray> gradients = perSample.batchGradients(inputs, labels);
            gradients.values().forEach(NDArray::close);
        });
    }

    @Test
    @DisplayName("GradCheck.check of a function: flat after 10^4 calls")
    void gradCheckFunction() throws Exception {
        GradCheck check = GradCheck.builder().build();
        NDArray x = manager.create(new double[] {0.5, -1.2});
        x.setRequiresGradient(true);
        NDList in = new NDList(x);
        assertFlat("GradCheck.check(f, inputs)", () -> {
            assertTrue(check.check(v -> v.head().sin().sum(), in).passed());
        });
    }

    @Test
    @DisplayName("GradCheck.check of a block: flat after 10^4 calls")
    void gradCheckBlock() throws Exception {
        GradCheck check = GradCheck.builder().optFastMode(true).build();
        assertFlat("GradCheck.check(block, ...)", () -> {
            assertTrue(check.check(linear, PerSampleLoss.squaredError(), inputs, labels).passed());
        });
    }

    @Test
    @DisplayName("PerSample.compute with a PerSampleLoss.from graph, both strategies: flat after "
            + "10^4 calls")
    void perSampleLossFrom() throws Exception {
        PerSampleLoss l1 = PerSampleLoss.from(Loss.l1Loss());
        for (Strategy strategy : new Strategy[] {Strategy.LOOP, Strategy.VECTORIZED}) {
            PerSample perSample = PerSample.builder(linear, l1).optStrategy(strategy).build();
            assertFlat("PerSampleLoss.from(L1Loss) " + strategy, () -> {
                try (PerSampleResult result = perSample.compute(inputs, labels)) {
                    result.norms();
                }
            });
        }
    }

    @Test
    @DisplayName("a CollectorGate.newTrainer step (EasyTrain.trainBatch + step): flat after 10^4 "
            + "steps")
    void gatedTrainerSteps() throws Exception {
        try (Model model = Model.newInstance("leak", "PyTorch")) {
            model.setBlock(Linear.builder().setUnits(1).build());
            TrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(
                    Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f)).build());
            try (Trainer trainer = CollectorGate.newTrainer(model, config);
                    NDManager data = NDManager.newBaseManager("PyTorch")) {
                trainer.initialize(new Shape(2, 2));
                assertFlat("CollectorGate.newTrainer step", () -> {
                    // The batch's arrays in the step's own manager: EasyTrain closes them.
                    try (NDManager batchManager = data.newSubManager()) {
                        NDArray x = batchManager.create(new float[] {0.5f, -1f, 2f, 0.25f},
                                new Shape(2, 2));
                        NDArray y = batchManager.create(new float[] {1f, -0.5f}, new Shape(2, 1));
                        Batch batch = new Batch(batchManager, new NDList(x), new NDList(y), 2,
                                Batchifier.STACK, Batchifier.STACK, 0, 1);
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    }
                });
            }
        }
    }

    @Test
    @DisplayName("BlockCast.cast to float64 and back: flat after 10^4 calls")
    void blockCast() throws Exception {
        try (NDManager own = NDManager.newBaseManager("PyTorch")) {
            Linear cast = Linear.builder().setUnits(2).build();
            cast.initialize(own, DataType.FLOAT32, new Shape(2, 3));
            assertFlat("BlockCast.cast", () -> {
                BlockCast.cast(cast, DataType.FLOAT64);
                BlockCast.cast(cast, DataType.FLOAT32);
            });
        }
    }

    @Test
    @DisplayName("Descent.run, with and without the caller's manager: flat after 10^4 calls")
    void descent() throws Exception {
        DescentConfig config = DescentConfig.builder().setLearningRate(0.1).optMaxEpochs(1)
                .optKeepTrajectory(false).build();
        assertFlat("Descent.run(manager, config)", () -> Descent.run(manager, config));
        assertFlat("Descent.run(config)", () -> Descent.run(config));
    }
}
