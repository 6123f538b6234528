package io.github.sgdlab.cli;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;
import io.github.sgdlab.persample.Strategy;

/**
 * Not a test: runs {@code PerSample} on a small CNN (Conv2d, flatten, Linear) for a given number
 * of samples, so that {@code src/test/bench/nnpack/nnpack-messages.sh} can count libtorch's
 * "Could not initialize NNPACK!" lines on stderr per sample where NNPACK is unsupported, with
 * and without {@link NnpackSwitch}.
 */
public final class NnpackMessages {

    private NnpackMessages() {}

    /**
     * Runs the CNN.
     *
     * @param args samples (default 10), strategy (LOOP or VECTORIZED, default LOOP), and
     *     {@code switch} to call {@link NnpackSwitch#disableWhereUnsupported} first
     */
    public static void main(String[] args) {
        int samples = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Strategy strategy = args.length > 1 ? Strategy.valueOf(args[1]) : Strategy.LOOP;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            if (args.length > 2 && args[2].equals("switch")) {
                System.err.println("--- NNPACK switched off: "
                        + NnpackSwitch.disableWhereUnsupported());
            }
            SequentialBlock cnn = new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(4).build())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(2).build());
            cnn.initialize(manager, DataType.FLOAT32, new Shape(samples, 1, 6, 6));
            NDArray x = manager.randomNormal(new Shape(samples, 1, 6, 6));
            NDArray y = manager.randomNormal(new Shape(samples, 2));
            PerSample perSample = PerSample.builder(cnn, PerSampleLoss.squaredError())
                    .optStrategy(strategy).build();
            System.err.println("--- start: " + samples + " samples, " + strategy);
            try (PerSampleResult result = perSample.compute(new NDList(x), y)) {
                System.err.println("--- done: " + result.size() + " per-sample gradients");
            }
        }
    }
}
