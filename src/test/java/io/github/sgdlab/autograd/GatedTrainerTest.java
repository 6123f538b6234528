package io.github.sgdlab.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.TrainingConfig;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import io.github.sgdlab.EngineTest;
import io.github.sgdlab.check.GradCheck;
import io.github.sgdlab.check.GradCheckResult;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link CollectorGate#newTrainer}: DJL's own training loop ({@code EasyTrain.trainBatch} and
 * {@code trainer.step()}) on one thread, per-sample gradients and gradient checks of the same
 * model on another, side by side.
 */
class GatedTrainerTest extends EngineTest {

    private static final int ROUNDS = 300;

    private static TrainingConfig config() {
        // A large step, so that every step changes every parameter. L1Loss, not L2Loss: DJL's
        // L2Loss multiplies by the scalar 0.5, whose buffer DJL 0.36 frees before backward.
        return new DefaultTrainingConfig(Loss.l1Loss()).optOptimizer(
                Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f)).build());
    }

    private static SequentialBlock mlp() {
        return new SequentialBlock().add(Linear.builder().setUnits(16).build())
                .add(Activation.reluBlock()).add(Linear.builder().setUnits(2).build());
    }

    @Test
    @DisplayName("300 EasyTrain steps beside 300 PerSample and GradCheck calls: no failure, and "
            + "no call mixes two versions of the parameters")
    void trainsBesidePerSampleCalls() throws Exception {
        try (NDManager manager = newManager();
                Model model = Model.newInstance("mlp", "PyTorch")) {
            model.setBlock(mlp());
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Trainer trainer = CollectorGate.newTrainer(model, config())) {
                trainer.initialize(new Shape(8, 4));
                // Eight copies of one sample: within one call every row must be the same.
                NDArray one = manager.randomNormal(new Shape(1, 4));
                NDList inputs = new NDList(one.repeat(0, 8));
                NDArray labels = manager.randomNormal(new Shape(1, 2)).repeat(0, 8);
                PerSampleLoss loss = PerSampleLoss.from(Loss.l1Loss());
                PerSample loop = PerSample.builder(model.getBlock(), loss)
                        .optStrategy(Strategy.LOOP).build();
                PerSample vectorized = PerSample.builder(model.getBlock(), loss)
                        .optStrategy(Strategy.VECTORIZED).build();
                NDArray before = model.getBlock().getParameters().valueAt(0).getArray()
                        .duplicate();
                Future<Integer> training = pool.submit(() -> {
                    for (int step = 0; step < ROUNDS; step++) {
                        try (NDManager batchManager = manager.newSubManager()) {
                            NDArray x = batchManager.randomNormal(new Shape(8, 4));
                            NDArray y = batchManager.randomNormal(new Shape(8, 2));
                            Batch batch = new Batch(batchManager, new NDList(x), new NDList(y), 8,
                                    Batchifier.STACK, Batchifier.STACK, step, ROUNDS);
                            EasyTrain.trainBatch(trainer, batch);
                            trainer.step();
                        }
                    }
                    return ROUNDS;
                });
                GradCheck check = GradCheck.builder().build();
                int calls = 0;
                for (int i = 0; i < ROUNDS; i++) {
                    PerSample perSample = i % 2 == 0 ? loop : vectorized;
                    try (PerSampleResult result = perSample.compute(inputs, labels)) {
                        for (String name : result.parameterNames()) {
                            NDArray g = result.gradient(name);
                            for (int row = 1; row < 8; row++) {
                                assertArrayEquals(g.get(0).toFloatArray(),
                                        g.get(row).toFloatArray(), name + " row " + row
                                                + " of call " + i + " (" + result.strategy() + ")");
                            }
                        }
                    }
                    try (NDManager scope = manager.newSubManager()) {
                        NDArray x = scope.create(new double[] {0.5, -1.2});
                        x.setRequiresGradient(true);
                        assertTrue(check.check(in -> in.head().sin().sum(), new NDList(x))
                                .passed());
                    }
                    calls++;
                }
                assertEquals(ROUNDS, training.get(2, TimeUnit.MINUTES));
                assertEquals(ROUNDS, calls);
                assertNotEquals(before, model.getBlock().getParameters().valueAt(0).getArray(),
                        "the trainer trained");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    /**
     * What {@code trainer.step()} does, for a float64 model: DJL 0.36's {@code Trainer.step()}
     * first checks that the gradients are not all zero with {@code getFloat()}, which throws
     * "DataType mismatch, Required float, Actual float64" on float64 parameters, at every step.
     * So the update goes through DJL's own optimizer, exclusively, as a gated trainer's step does.
     */
    private static void stepFloat64(Model model, Optimizer optimizer) {
        CollectorGate.exclusive(() -> {
            for (Parameter parameter : model.getBlock().getParameters().values()) {
                NDArray weight = parameter.getArray();
                try (NDArray gradient = weight.getGradient()) {
                    optimizer.update(parameter.getId(), weight, gradient);
                }
            }
            return null;
        });
    }

    @Test
    @DisplayName("300 float64 EasyTrain steps beside 300 block-form GradChecks of the trainer's own "
            + "model: every check passes, and the trainer trains")
    void trainsBesideBlockGradChecks() throws Exception {
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                Model model = Model.newInstance("mlp64", "PyTorch")) {
            // Smooth (tanh) and float64, as a gradient check needs; L1Loss multiplies by no
            // scalar, so the trainer's own graph is safe from DJL's freed scalar operand.
            model.setDataType(DataType.FLOAT64);
            model.setBlock(new SequentialBlock().add(Linear.builder().setUnits(8).build())
                    .add(Activation.tanhBlock()).add(Linear.builder().setUnits(2).build()));
            Optimizer optimizer = Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.05f))
                    .build();
            TrainingConfig config = new DefaultTrainingConfig(Loss.l1Loss())
                    .optOptimizer(optimizer);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            try (Trainer trainer = CollectorGate.newTrainer(model, config)) {
                trainer.initialize(new Shape(8, 4));
                NDList inputs = new NDList(manager.randomNormal(new Shape(8, 4))
                        .toType(DataType.FLOAT64, false));
                NDArray labels = manager.randomNormal(new Shape(8, 2))
                        .toType(DataType.FLOAT64, false);
                NDArray before = model.getBlock().getParameters().valueAt(0).getArray()
                        .duplicate();
                Future<Integer> training = pool.submit(() -> {
                    for (int step = 0; step < ROUNDS; step++) {
                        try (NDManager batchManager = manager.newSubManager()) {
                            NDArray x = batchManager.randomNormal(new Shape(8, 4))
                                    .toType(DataType.FLOAT64, false);
                            NDArray y = batchManager.randomNormal(new Shape(8, 2))
                                    .toType(DataType.FLOAT64, false);
                            Batch batch = new Batch(batchManager, new NDList(x), new NDList(y), 8,
                                    Batchifier.STACK, Batchifier.STACK, step, ROUNDS);
                            EasyTrain.trainBatch(trainer, batch);
                            stepFloat64(model, optimizer);
                        }
                    }
                    return ROUNDS;
                });
                GradCheck check = GradCheck.builder().build();
                PerSampleLoss loss = PerSampleLoss.squaredError();
                for (int i = 0; i < ROUNDS; i++) {
                    GradCheckResult result = check.check(model.getBlock(), loss, inputs, labels);
                    assertTrue(result.passed(), "check " + i + ": " + result.report());
                }
                assertEquals(ROUNDS, training.get(2, TimeUnit.MINUTES));
                assertNotEquals(before, model.getBlock().getParameters().valueAt(0).getArray(),
                        "the trainer trained");
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    @DisplayName("a trainer made by model.newTrainer: the refusal names CollectorGate.newTrainer")
    void ungatedTrainerIsNamed() {
        try (Model model = Model.newInstance("mlp", "PyTorch")) {
            model.setBlock(mlp());
            try (Trainer trainer = model.newTrainer(config())) {
                trainer.initialize(new Shape(8, 4));
                try (GradientCollector ungated = trainer.newGradientCollector()) {
                    IllegalStateException e = assertThrows(IllegalStateException.class,
                            () -> CollectorGate.open(model.getNDManager().getEngine()).close());
                    assertTrue(e.getMessage().contains("CollectorGate.newTrainer(model, config)"),
                            e.getMessage());
                }
            }
        }
    }

    @Test
    @DisplayName("the gated trainer trains as DJL's own: same parameters after the same steps")
    void trainsAsDjlDoes() {
        float[][] results = new float[2][];
        for (int gated = 0; gated < 2; gated++) {
            try (NDManager manager = newManager();
                    Model model = Model.newInstance("mlp", "PyTorch")) {
                SequentialBlock block = mlp();
                model.setBlock(block);
                try (Trainer trainer = gated == 1 ? CollectorGate.newTrainer(model, config())
                        : model.newTrainer(config())) {
                    trainer.initialize(new Shape(8, 4));
                    // The same start for both.
                    block.getParameters().forEach(p -> p.getValue().getArray().set(
                            manager.ones(p.getValue().getArray().getShape()).mul(
                                    manager.create(0.1f)).toFloatArray()));
                    for (int step = 0; step < 5; step++) {
                        try (NDManager batchManager = manager.newSubManager()) {
                            NDArray x = batchManager.arange(32f).reshape(8, 4)
                                    .div(batchManager.create(32f));
                            NDArray y = batchManager.ones(new Shape(8, 2));
                            EasyTrain.trainBatch(trainer, new Batch(batchManager, new NDList(x),
                                    new NDList(y), 8, Batchifier.STACK, Batchifier.STACK, step,
                                    5));
                            trainer.step();
                        }
                    }
                    results[gated] = block.getParameters().valueAt(0).getArray().toFloatArray();
                }
            }
        }
        assertArrayEquals(results[0], results[1]);
    }
}
