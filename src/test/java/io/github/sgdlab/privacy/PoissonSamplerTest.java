package io.github.sgdlab.privacy;

import io.github.sgdlab.EngineTest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.evaluator.Accuracy;
import ai.djl.training.listener.EvaluatorTrainingListener;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * Poisson sampling as Opacus's UniformWithReplacementSampler, through DJL's own data pipeline
 * (ArrayDataset, its bulk batchifier), empty batches included, and the engine inside a DJL
 * Trainer.
 */
class PoissonSamplerTest extends EngineTest {

    @Test
    @DisplayName("⌊1/q⌋ batches an epoch, each sample in each batch with probability q")
    void poissonSemantics() {
        try (NDManager scope = manager.newSubManager()) {
            int n = 50;
            double q = 0.3;
            ArrayDataset dataset = new ArrayDataset.Builder()
                    .setData(scope.arange(n).toType(DataType.FLOAT32, false).reshape(n, 1))
                    .setSampling(new PoissonSampler(q, 5)).build();
            PoissonSampler sampler = new PoissonSampler(q, 5);
            assertEquals(3, sampler.batchesPerEpoch());
            int epochs = 2000;
            long[] joined = new long[n];
            long batches = 0;
            for (int e = 0; e < epochs; e++) {
                Iterator<List<Long>> epoch = sampler.sample(dataset);
                while (epoch.hasNext()) {
                    List<Long> batch = epoch.next();
                    batches++;
                    long previous = -1;
                    for (long index : batch) {
                        assertTrue(index > previous, "indices ascend, each once");
                        previous = index;
                        joined[(int) index]++;
                    }
                }
            }
            assertEquals(3L * epochs, batches);
            double trials = batches;
            double sd = Math.sqrt(q * (1 - q) / trials);
            for (int i = 0; i < n; i++) {
                // Six standard errors for each of 50 samples: a correct sampler fails ~1e-7.
                assertEquals(q, joined[i] / trials, 6 * sd, "sample " + i);
            }
            assertEquals(15, sampler.getBatchSize());
            assertThrows(IllegalArgumentException.class, () -> new PoissonSampler(0, 1));
            assertThrows(IllegalArgumentException.class, () -> new PoissonSampler(1.01, 1));
        }
    }

    @Test
    @DisplayName("empty batches from DJL's ArrayDataset take a noise-only, accounted step")
    void emptyBatchesThroughDjl() throws Exception {
        try (NDManager scope = manager.newSubManager()) {
            int n = 20;
            double q = 0.05;
            NDArray x = scope.randomNormal(new Shape(n, 784));
            NDArray y = scope.randomInteger(0, 10, new Shape(n), DataType.INT64);
            ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(y)
                    .setSampling(new PoissonSampler(q, 9)).build();
            var block = PrivacyEngineNoiseTest.mlp(scope, DataType.FLOAT32);
            List<Long> history = new ArrayList<>();
            PrivacyEngine engine = PrivacyEngineNoiseTest.builder(1.0).optSeed(2)
                    .setSampleRate(q).setExpectedBatchSize(1)
                    .optAccountant(counting(history)).build();
            int empty = 0;
            int steps = 0;
            for (Batch batch : dataset.getData(scope)) {
                try (batch) {
                    if (batch.getLabels().head().getShape().get(0) == 0) {
                        empty++;
                        assertEquals(new Shape(0, 784), batch.getData().head().getShape());
                    }
                    engine.step(block, batch.getData(), batch.getLabels().head());
                    steps++;
                    double[] g = PrivacyEngineNoiseTest.gradients(block);
                    assertTrue(java.util.Arrays.stream(g).anyMatch(v -> v != 0), "noise written");
                }
            }
            assertEquals(20, steps);
            assertTrue(empty > 0, "the seed was chosen to give empty batches");
            assertEquals(20, history.size());
        }
    }

    @Test
    @DisplayName("inside a DJL Trainer: trainBatch writes the private gradient, metrics update")
    void trainBatchInTrainer() throws Exception {
        try (NDManager scope = manager.newSubManager(); Model model = Model.newInstance("dp")) {
            int n = 40;
            NDArray x = scope.randomNormal(new Shape(n, 784));
            NDArray y = scope.randomInteger(0, 10, new Shape(n), DataType.INT64);
            var block = PrivacyEngineNoiseTest.mlp(model.getNDManager(), DataType.FLOAT32);
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.1f))
                            .build())
                    .addEvaluator(new Accuracy())
                    .addTrainingListeners(new EvaluatorTrainingListener());
            double q = 0.25;
            ArrayDataset dataset = new ArrayDataset.Builder().setData(x).optLabels(y)
                    .setSampling(new PoissonSampler(q, 4)).build();
            List<Long> history = new ArrayList<>();
            PrivacyEngine engine = PrivacyEngineNoiseTest.builder(0.5).optSeed(8)
                    .setSampleRate(q).setExpectedBatchSize(10)
                    .optAccountant(counting(history)).build();
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 784));
                Parameter first = block.getParameters().get(0).getValue();
                float[] before = first.getArray().toFloatArray();
                int steps = 0;
                for (Batch batch : trainer.iterateDataset(dataset)) {
                    try (batch) {
                        engine.trainBatch(trainer, batch);
                        trainer.step();
                        steps++;
                    }
                }
                assertEquals(4, steps);
                assertEquals(4, history.size());
                float[] after = first.getArray().toFloatArray();
                assertTrue(!java.util.Arrays.equals(before, after), "trainer.step() moved θ");
                float loss = trainer.getLoss().getAccumulator(EvaluatorTrainingListener.TRAIN_EPOCH);
                assertTrue(Float.isFinite(loss) && loss > 0, "the trainer's loss metric: " + loss);
            }
        }
    }

    static PrivacyAccountant counting(List<Long> history) {
        return new PrivacyAccountant() {
            @Override
            public void step(double noiseMultiplier, double sampleRate) {
                history.add(1L);
            }

            @Override
            public void step(double noiseMultiplier, double sampleRate, long steps) {
                history.add(steps);
            }

            @Override
            public String mechanism() {
                return "recording";
            }

            @Override
            public double getEpsilon(double delta) {
                return Double.NaN;
            }
        };
    }
}
