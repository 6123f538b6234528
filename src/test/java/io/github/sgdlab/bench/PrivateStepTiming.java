package io.github.sgdlab.bench;

import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
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
 * clipping, noise, SGD update) of an MLP (784-128-10 by default) or of the CNN conv(1→32, 3×3) →
 * conv(32→64, 3×3, stride 2) → conv(64→64, 3×3, stride 2) → linear(→10) on 28×28 inputs, on n
 * standard-normal float32 samples, with DJL's own non-private step ({@code EasyTrain.trainBatch} +
 * {@code trainer.step()}) for scale. σ = 1, C = 1, expected batch n. Prints min and median ms after
 * three warm-up steps. Run by {@code src/test/bench/private-step.sh}, beside Opacus 1.4.0's step.
 */
public final class PrivateStepTiming {

    private PrivateStepTiming() {}

    /**
     * Runs the benchmark.
     *
     * @param args the number of samples (default 256), of timed steps (default 20), the layer
     *     widths (default 784,128,10) or {@code cnn}, and which steps to time: {@code all}
     *     (default), or a comma-separated list of {@code plain}, {@code private} (materialised),
     *     {@code ghost} (one alone, for its peak memory under {@code time -v})
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        String architecture = args.length > 2 ? args[2] : "784,128,10";
        String mode = args.length > 3 ? args[3] : "all";
        boolean cnn = architecture.equals("cnn");
        String[] widths = cnn ? new String[0] : architecture.split(",");
        Engine.getEngine("PyTorch").setRandomSeed(45);
        try (NDManager manager = NDManager.newBaseManager("PyTorch");
                Model model = Model.newInstance("mlp")) {
            SequentialBlock block = cnn ? cnn() : mlp(widths);
            Shape sample = cnn ? new Shape(1, 28, 28) : new Shape(Long.parseLong(widths[0]));
            block.setInitializer(new NormalInitializer(0.05f), p -> true);
            model.setBlock(block);
            DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                    .optOptimizer(Optimizer.sgd().setLearningRateTracker(Tracker.fixed(0.01f))
                            .build());
            try (Trainer trainer = model.newTrainer(config)) {
                trainer.initialize(new Shape(1).addAll(sample));
                NDArray x = manager.randomNormal(new Shape(samples).addAll(sample));
                NDArray y = manager.randomInteger(0, 10, new Shape(samples), DataType.INT64);
                Batch batch = new Batch(manager, new NDList(x), new NDList(y), samples,
                        Batchifier.STACK, Batchifier.STACK, 0, 1);
                String name = cnn ? "cnn" : "mlp " + String.join("-", widths);
                java.util.List<String> modes = java.util.List.of(
                        mode.equals("all") ? new String[] {"plain", "private", "ghost"}
                                : mode.split(","));
                if (modes.contains("plain")) {
                    report(name, "non-private (EasyTrain)", samples, repeats, () -> {
                        EasyTrain.trainBatch(trainer, batch);
                        trainer.step();
                    });
                }
                for (boolean ghost : new boolean[] {false, true}) {
                    if (!modes.contains(ghost ? "ghost" : "private")) {
                        continue;
                    }
                    PrivacyEngine engine = PrivacyEngine.builder()
                            .setLoss(PerSampleLoss.softmaxCrossEntropy())
                            .setMaxGradNorm(1.0).setNoiseMultiplier(1.0)
                            .setSampleRate(samples / 60000.0).setExpectedBatchSize(samples)
                            .optAccountant(PrivacyAccountant.create("rdp"))
                            .optGhostClipping(ghost).optSeed(1).build();
                    report(name, ghost ? "private, ghost" : "private", samples, repeats, () -> {
                        engine.step(block, batch.getData(), y);
                        trainer.step();
                    });
                }
            }
        }
    }

    private static SequentialBlock mlp(String[] widths) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 1; i < widths.length; i++) {
            if (i > 1) {
                block.add(Activation.reluBlock());
            }
            block.add(Linear.builder().setUnits(Integer.parseInt(widths[i])).build());
        }
        return block;
    }

    /** The CNN, as {@code private_step_opacus.py} builds it in PyTorch. */
    private static SequentialBlock cnn() {
        return new SequentialBlock()
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).optStride(new Shape(2, 2))
                        .setFilters(64).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }

    private static void report(String model, String what, int samples, int repeats,
            Runnable step) {
        long[] nanos = new long[repeats];
        for (int i = 0; i < 3 + repeats; i++) {
            long start = System.nanoTime();
            step.run();
            if (i >= 3) {
                nanos[i - 3] = System.nanoTime() - start;
            }
        }
        Timing timing = Timing.of(nanos, samples);
        System.out.printf(Locale.ROOT, "djl  %s n=%d %-26s min %8.2f ms  median %8.2f ms (%d)%n",
                model, samples, what, timing.minMs(), timing.medianMs(), repeats);
    }
}
