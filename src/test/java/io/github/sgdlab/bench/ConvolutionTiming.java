package io.github.sgdlab.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.training.initializer.NormalInitializer;
import io.github.sgdlab.benchmark.Timing;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.Strategy;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Benchmark, not a test: {@link PerSample#compute} on a small CNN, VECTORIZED against LOOP, with
 * the plain batch gradient (one forward and one backward pass) for scale. The CNN takes 1x28x28
 * inputs: Conv2d 8 3x3 stride 2 padding 1, ReLU, Conv2d 16 3x3 stride 2 padding 1, ReLU, flatten,
 * Linear 10, softmax cross-entropy; float32, standard normal inputs. Prints min and median ms
 * after two warm-up runs. Run by {@code src/test/bench/per-sample-conv.sh}.
 */
public final class ConvolutionTiming {

    private ConvolutionTiming() {}

    /**
     * Runs the benchmark.
     *
     * @param args the number of samples (default 256) and of timed runs (default 5)
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 256;
        int repeats = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        Engine.getEngine("PyTorch").setRandomSeed(45);
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            // Optional: "issue18" for issue 18's CNN, and one strategy alone (for time -v).
            boolean issue18 = args.length > 2 && args[2].equals("issue18");
            Strategy[] strategies = args.length > 3
                    ? new Strategy[] {Strategy.valueOf(args[3])}
                    : new Strategy[] {Strategy.VECTORIZED, Strategy.LOOP};
            Block block = issue18 ? issue18() : cnn();
            block.setInitializer(new NormalInitializer(0.1f), p -> true);
            block.initialize(manager, DataType.FLOAT32, new Shape(1, 1, 28, 28));
            NDList x = new NDList(manager.randomNormal(new Shape(samples, 1, 28, 28)));
            NDArray y = manager.randomInteger(0, 10, new Shape(samples), DataType.INT64);
            PerSampleLoss loss = PerSampleLoss.softmaxCrossEntropy();
            for (Strategy strategy : strategies) {
                PerSample perSample = PerSample.builder(block, loss).optStrategy(strategy).build();
                report("per-sample " + strategy, samples, repeats,
                        () -> perSample.compute(x, y));
            }
            if (args.length > 3) {
                return;
            }
            PerSample perSample = PerSample.builder(block, loss).build();
            report("batch gradient", samples, repeats, () -> {
                Map<String, NDArray> gradients = perSample.batchGradients(x, y);
                return () -> gradients.values().forEach(NDArray::close);
            });
        }
    }

    /** Times a call whose result is closed after the clock stops. */
    /** Issue 18's CNN: conv(1→32, 3×3) → conv(32→64, 3×3, s 2) → conv(64→64, 3×3, s 2) → linear(→10). */
    private static Block issue18() {
        return new ai.djl.nn.SequentialBlock()
                .add(ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .setFilters(32).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).setFilters(64).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(ai.djl.nn.convolutional.Conv2d.builder().setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).setFilters(64).build())
                .add(ai.djl.nn.Activation.reluBlock())
                .add(ai.djl.nn.Blocks.batchFlattenBlock())
                .add(ai.djl.nn.core.Linear.builder().setUnits(10).build());
    }

    private static void report(String what, int samples, int repeats,
            Supplier<AutoCloseable> call) {
        long[] nanos = new long[repeats];
        try {
            for (int i = 0; i < 2 + repeats; i++) {
                long start = System.nanoTime();
                AutoCloseable result = call.get();
                if (i >= 2) {
                    nanos[i - 2] = System.nanoTime() - start;
                }
                result.close();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        Timing timing = Timing.of(nanos, samples);
        System.out.printf(Locale.ROOT, "cnn n=%d %-22s min %8.2f ms  median %8.2f ms (%d runs)%n",
                samples, what, timing.minMs(), timing.medianMs(), repeats);
    }

    /** Conv2d 8, ReLU, Conv2d 16, ReLU, flatten, Linear 10. */
    private static Block cnn() {
        return new SequentialBlock()
                .add(Conv2d.builder().setFilters(8).setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                .add(Activation.reluBlock())
                .add(Conv2d.builder().setFilters(16).setKernelShape(new Shape(3, 3))
                        .optStride(new Shape(2, 2)).optPadding(new Shape(1, 1)).build())
                .add(Activation.reluBlock())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(10).build());
    }
}
