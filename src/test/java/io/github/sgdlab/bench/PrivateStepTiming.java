package io.github.sgdlab.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.initializer.NormalInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;

import io.github.sgdlab.benchmark.Timing;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.privacy.PrivacyAccountant;
import io.github.sgdlab.privacy.PrivacyEngine;

import java.util.Locale;

/**
 * Benchmark, not a test: one DP-SGD step (forward, per-sample gradients or ghost norms,
 * clipping, noise, SGD update) of an MLP 784-128-10 on n standard-normal float32 samples, with
 * DJL's own non-private step ({@code EasyTrain.trainBatch} + {@code trainer.step()}) for scale.
 * σ = 1, C = 1, expected batch n. Prints min and median ms after three warm-up steps. Run by
 * {@code src/test/bench/private-step.sh}, beside Opacus 1.4.0's step.
 */
public final class PrivateStepTiming {

    private PrivateStepTiming() {}

    /**
     * Runs the benchmark.
     *
     * @param args the number of samples (default 256) and of timed steps (default 20)
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Engine.getEngine("PyTorch").setRandomSeed(45);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                Model model = Model.newInstance("mlp")) {
            Block block = new SequentialBlock()
                    .add(Linear.builder().setUnits(128).build()).add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(10).build());
            block.setInitializer(new NormalInitializer(0.05f), p -> true);
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1, 784));
                NDArray x = manager.randomNormal(new Shape(samples, 784));
                NDArray y = manager.randomInteger(0, 10, new Shape(samples), DataType.INT64);
                Batch batch = new Batch(manager, new NDList(x), new NDList(y), samples,
                        Batchifier.STACK, Batchifier.STACK, 0, 1);
                report("non-private (EasyTrain)", samples, repeats, () -> {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                });
                for (boolean ghost : new boolean[] {false, true}) {
                    PrivacyEngine engine = PrivacyEngine.builder()
                            .setLoss(PerSampleLoss.softmaxCrossEntropy())
                            .setMaxGradNorm(1.0).setNoiseMultiplier(1.0)
                            .setSampleRate(samples / 60000.0).setExpectedBatchSize(samples)
                            .optAccountant(PrivacyAccountant.create("rdp"))
                            .optGhostClipping(ghost).optSeed(1).build();
                    report(ghost ? "private, ghost" : "private", samples, repeats, () -> {
                        engine.step(block, batch.getData(), y);
                        trainer.step();
                    });
                }
            }
        }
    }

    private static void report(String what, int samples, int repeats, Runnable step) {
        long[] nanos = new long[repeats];
        for (int i = 0; i < 3 + repeats; i++) {
            long start = System.nanoTime();
            step.run();
            if (i >= 3) {
                nanos[i - 3] = System.nanoTime() - start;
            }
        }
        Timing timing = Timing.of(nanos, samples);
        System.out.printf(Locale.ROOT, "djl  mlp n=%d %-26s min %8.2f ms  median %8.2f ms (%d)%n",
                samples, what, timing.minMs(), timing.medianMs(), repeats);
    }
}
