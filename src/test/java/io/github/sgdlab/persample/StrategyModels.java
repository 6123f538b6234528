package io.github.sgdlab.persample;

import ai.djl.modality.nlp.DefaultVocabulary;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
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
import ai.djl.nn.norm.LayerNorm;
import ai.djl.training.initializer.NormalInitializer;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The models on which AUTO's choice was measured ({@code src/test/bench/per-sample-auto.sh}) and
 * is tested ({@code AutoStrategyTest}): issue 18's CNN, two MLPs, a LayerNorm MLP and an
 * embedding model, each with its inputs and labels. Shared by the benchmark main and the test so
 * that both look at the very same blocks.
 */
public enum StrategyModels {

    /** Issue 18's CNN: conv(1→32, 3×3) → conv(32→64, 3×3, s 2) → conv(64→64, 3×3, s 2) → linear(→10), 28×28. */
    CNN(new Shape(1, 28, 28), 10),
    /** MLP 784-128-10, ReLU. */
    MLP_784_128_10(new Shape(784), 10),
    /** MLP 784-1024-1024-10, ReLU. */
    MLP_784_1024_1024_10(new Shape(784), 10),
    /** Linear 784→128 → LayerNorm(128) → ReLU → Linear 10. */
    LAYERNORM(new Shape(784), 10),
    /** TrainableWordEmbedding 1000×16 on 32 indices a sample → flatten → Linear 10. */
    EMBEDDING(new Shape(32), 10);

    /** The embedding model's vocabulary. */
    public static final int VOCABULARY = 1000;

    private final Shape sample;
    private final int classes;

    StrategyModels(Shape sample, int classes) {
        this.sample = sample;
        this.classes = classes;
    }

    /**
     * Reads a model's name as the benchmark script writes it: {@code cnn}, {@code mlp-784-128-10},
     * {@code mlp-784-1024-1024-10}, {@code layernorm}, {@code embedding}.
     *
     * @param name the name
     * @return the model
     */
    public static StrategyModels named(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }

    /**
     * One sample's input shape.
     *
     * @return the shape without the sample axis
     */
    public Shape sample() {
        return sample;
    }

    /**
     * Builds and initialises the block (float32, weights N(0, 0.1)).
     *
     * @param manager where the parameters live
     * @return the block
     */
    public Block block(NDManager manager) {
        Block block = switch (this) {
            case CNN -> new SequentialBlock()
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3)).setFilters(32).build())
                    .add(Activation.reluBlock())
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3))
                            .optStride(new Shape(2, 2)).setFilters(64).build())
                    .add(Activation.reluBlock())
                    .add(Conv2d.builder().setKernelShape(new Shape(3, 3))
                            .optStride(new Shape(2, 2)).setFilters(64).build())
                    .add(Activation.reluBlock())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(10).build());
            case MLP_784_128_10 -> mlp(128, 10);
            case MLP_784_1024_1024_10 -> mlp(1024, 1024, 10);
            case LAYERNORM -> new SequentialBlock()
                    .add(Linear.builder().setUnits(128).build())
                    .add(LayerNorm.builder().build())
                    .add(Activation.reluBlock())
                    .add(Linear.builder().setUnits(10).build());
            case EMBEDDING -> new SequentialBlock()
                    .add(TrainableWordEmbedding.builder()
                            .setVocabulary(new DefaultVocabulary(IntStream.range(0, VOCABULARY)
                                    .mapToObj(i -> "word" + i).toList()))
                            .setEmbeddingSize(16).build())
                    .add(Blocks.batchFlattenBlock())
                    .add(Linear.builder().setUnits(10).build());
        };
        block.setInitializer(new NormalInitializer(0.1f), p -> true);
        block.initialize(manager, DataType.FLOAT32, new Shape(1).addAll(sample));
        return block;
    }

    /**
     * Random inputs for n samples: standard normal, or indices below {@link #VOCABULARY}.
     *
     * @param manager where they live
     * @param n the number of samples
     * @return the inputs
     */
    public NDList inputs(NDManager manager, int n) {
        Shape shape = new Shape(n).addAll(sample);
        return new NDList(this == EMBEDDING
                ? manager.randomInteger(0, VOCABULARY, shape, DataType.INT64)
                : manager.randomNormal(shape));
    }

    /**
     * Random class labels.
     *
     * @param manager where they live
     * @param n the number of samples
     * @return {@code [n]} int64 labels
     */
    public NDArray labels(NDManager manager, int n) {
        return manager.randomInteger(0, classes, new Shape(n), DataType.INT64);
    }

    private static Block mlp(int... widths) {
        SequentialBlock block = new SequentialBlock();
        for (int i = 0; i < widths.length; i++) {
            block.add(Linear.builder().setUnits(widths[i]).build());
            if (i < widths.length - 1) {
                block.add(Activation.reluBlock());
            }
        }
        return block;
    }

    /** @return every model */
    static List<StrategyModels> all() {
        return List.of(values());
    }
}
