package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import io.github.sgdlab.persample.PerSampleLoss;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * An MLP trained privately on a synthetic classification set reaches at least 90 % of the
 * non-private accuracy, at the σ that Opacus 1.4.0 finds for ε = 3 at δ = 1e-5 (q = 0.05, 200
 * steps): {@code get_noise_multiplier(target_epsilon=3.0, target_delta=1e-5, sample_rate=0.05,
 * steps=200, accountant="rdp")} = 1.37451171875 (PYTHONPATH=/tmp/opacus140:/tmp/opacus_stub,
 * /usr/bin/python3). That this σ spends at most ε = 3 is checked against the RDP accountant in
 * {@link PrivacyEngineEpsilonTest}.
 */
class PrivateTrainingEndToEndTest extends EngineTest {

    static final double SIGMA_EPSILON_3 = 1.37451171875;
    static final double Q = 0.05;
    static final int EPOCHS = 10;
    private static final int N = 2000;
    private static final int FEATURES = 20;
    private static final int CLASSES = 4;

    @Test
    @DisplayName("private training (ε ≤ 3) reaches ≥ 90 % of the non-private accuracy")
    void privateAccuracy() throws Exception {
        Engine.getEngine("PyTorch").setRandomSeed(3);
        try (NDManager manager = newManager()) {
            float[][] centres = new float[CLASSES][FEATURES];
            Random random = new Random(17);
            for (float[] centre : centres) {
                for (int j = 0; j < FEATURES; j++) {
                    centre[j] = (float) (0.6 * random.nextGaussian());
                }
            }
            NDArray[] train = data(manager, centres, N, random);
            NDArray[] test = data(manager, centres, 1000, random);
            double plain = train(manager, train, test, false, null);
            List<Long> steps = new ArrayList<>();
            double priv = train(manager, train, test, true, steps);
            assertEquals((long) (EPOCHS / Q), steps.size(), "one accountant step a batch");
            assertTrue(plain > 0.5, "the task is learnable: non-private accuracy " + plain);
            assertTrue(priv >= 0.9 * plain,
                    "private accuracy " + priv + " against non-private " + plain);
        }
    }

    /** x = centre of a random class + N(0, 1) noise; labels the class. */
    private static NDArray[] data(NDManager manager, float[][] centres, int n, Random random) {
        float[] x = new float[n * FEATURES];
        long[] y = new long[n];
        for (int i = 0; i < n; i++) {
            int c = random.nextInt(CLASSES);
            y[i] = c;
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = centres[c][j] + (float) random.nextGaussian();
            }
        }
        return new NDArray[] {manager.create(x, new Shape(n, FEATURES)), manager.create(y)};
    }

    private static double train(NDManager manager, NDArray[] train, NDArray[] test,
            boolean privately, List<Long> steps) throws Exception {
        SequentialBlock block = new SequentialBlock()
                .add(Linear.builder().setUnits(32).build()).add(Activation.reluBlock())
                .add(Linear.builder().setUnits(CLASSES).build());
        block.setInitializer(new NormalInitializer(0.1f), p -> true);
        try (Model model = Model.newInstance(privately ? "private" : "plain")) {
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd()
                            .setLearningRateTracker(Tracker.fixed(privately ? 0.5f : 0.1f))
                            .build());
            ArrayDataset dataset = new ArrayDataset.Builder().setData(train[0])
                    .optLabels(train[1]).setSampling(new PoissonSampler(Q, 23)).build();
            PrivacyEngine engine = privately
                    ? PrivacyEngine.builder().setLoss(PerSampleLoss.softmaxCrossEntropy())
                            .setMaxGradNorm(1.0).setNoiseMultiplier(SIGMA_EPSILON_3)
                            .setSampleRate(Q).setExpectedBatchSize((int) (Q * N))
                            .optAccountant(PoissonSamplerTest.counting(steps)).optSeed(29)
                            .build()
                    : null;
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, FEATURES));
                for (int epoch = 0; epoch < EPOCHS; epoch++) {
                    for (Batch batch : trainer.iterateDataset(dataset)) {
                        try (batch) {
                            if (privately) {
                                engine.trainBatch(trainer, batch);
                                trainer.step();
                            } else if (batch.getSize() > 0) {
                                EasyTrain.trainBatch(trainer, batch);
                                trainer.step();
                            }
                        }
                    }
                }
                try (NDManager scope = manager.newSubManager()) {
                    NDArray predictions = trainer.evaluate(new NDList(test[0])).singletonOrThrow();
                    NDArray right = predictions.argMax(1).eq(test[1]);
                    right.attach(scope);
                    return right.toType(DataType.FLOAT64, false).mean().getDouble();
                }
            }
        }
    }
}
