package io.github.sgdlab.privacy;

import ai.djl.Device;
import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import io.github.sgdlab.autograd.CollectorGate;
import io.github.sgdlab.persample.PerSample;
import io.github.sgdlab.persample.PerSampleLoss;
import io.github.sgdlab.persample.PerSampleResult;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ghost clipping (Li et al. 2022; Opacus's fast gradient clipping): each sample's gradient norm
 * without materialising per-sample gradients where a layer allows it, then the clipped sum.
 *
 * <p>One forward pass of the block tree records, for each parameterised leaf, its input
 * activations {@code A} and, through a zero-valued probe added to its output, the backprops
 * {@code G = ∂(Σ_i loss_i)/∂output}. Per-sample squared norms then come from:
 * <ul>
 *   <li>{@code Linear}, 2-D input: {@code ‖a_i‖²·‖g_i‖²} for the weight, {@code ‖g_i‖²} for the
 *       bias;</li>
 *   <li>{@code Linear}, sequence input {@code [n, T…, d]}: the Gram form
 *       {@code Σ_{t,s} (a_t·a_s)(g_t·g_s)} (weight) and {@code ‖Σ_t g_t‖²} (bias);</li>
 *   <li>{@code TrainableWordEmbedding}, {@code IdEmbedding}: {@code Σ_{t,s} [idx_t = idx_s]
 *       (g_t·g_s)}, and the clipped sum {@code onehot(idx)ᵀ·(c⊙G)};</li>
 *   <li>any other leaf: its own per-sample gradients, one layer at a time, from {@link PerSample}
 *       with the per-sample loss {@code ⟨output_i, g_i⟩}, whose gradient is exactly the layer's
 *       share of sample i's gradient.</li>
 * </ul>
 * With the clip factors c, sample i's backprops for {@code Σ c_i·loss_i} are {@code c_i·g_i}
 * (a sample's outputs depend on its own input only), so the second backward pass reduces to one
 * product per layer: {@code (c⊙G)ᵀ·A} for a Linear weight, {@code Σ c_i·g_i} for its bias, and
 * {@code Σ c_i·(per-sample gradient)} for the other leaves. No second forward is needed.
 *
 * <p>Serves trees of {@link SequentialBlock}s; any other block with trainable parameters makes
 * {@link #supports} false, and the engine falls back to the materialised path.
 */
final class GhostClipping {

    private final PerSampleLoss loss;
    private final double maxGradNorm;
    private final Clipping clipping;
    private final Map<Block, PerSample> leafSamplers = new ConcurrentHashMap<>();

    GhostClipping(PerSampleLoss loss, double maxGradNorm, Clipping clipping) {
        this.loss = loss;
        this.maxGradNorm = maxGradNorm;
        this.clipping = clipping;
    }

    /** Whether the tree is sequential blocks around leaves (any leaf type). */
    static boolean supports(Block block) {
        if (block instanceof SequentialBlock) {
            for (Pair<String, Block> child : block.getChildren()) {
                if (!supports(child.getValue())) {
                    return false;
                }
            }
            return true;
        }
        return block.getChildren().isEmpty();
    }

    /** One recorded leaf: its trainable parameters, input and output probe. */
    private static final class Layer {
        final Block block;
        final List<Parameter> parameters = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        NDArray input;
        NDArray probe;
        NDArray backprops;

        Layer(Block block) {
            this.block = block;
        }
    }

    /**
     * The clipped sums {@code Σ_i c_i·g_i} of one chunk, one per trainable parameter in the given
     * order; arrays attached to {@code scratch}.
     */
    NDArray[] clippedSums(Block block, List<Pair<String, Parameter>> trainable, NDList inputs,
            NDArray labels, NDManager scratch) {
        int samples = Math.toIntExact(labels.getShape().get(0));
        Map<Parameter, Integer> index = new IdentityHashMap<>();
        for (int p = 0; p < trainable.size(); p++) {
            index.put(trainable.get(p).getValue(), p);
        }
        NDArray[] sums = new NDArray[trainable.size()];
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            List<Layer> layers = new ArrayList<>();
            DetachedStore store = new DetachedStore(scratch);
            try (GradientCollector collector =
                    CollectorGate.open(labels.getManager().getEngine())) {
                NDList outputs = forward(block, inputs, store, index, layers);
                NDArray losses = loss.apply(new NDList(labels), outputs);
                collector.backward(losses.sum());
            }
            NDArray[] squares = new NDArray[trainable.size()];
            List<NDArray[]> others = new ArrayList<>();
            for (Layer layer : layers) {
                layer.backprops = layer.probe.getGradient();
                NDArray[] perSample = isNative(layer.block)
                        ? null
                        : leafPerSample(layer, scratch);
                others.add(perSample);
                for (int k = 0; k < layer.parameters.size(); k++) {
                    int p = index.get(layer.parameters.get(k));
                    squares[p] = perSample != null
                            ? perSample[k].reshape(samples, -1).square().sum(new int[] {1})
                            : layer.block instanceof Linear
                                    ? linearSquares(layer, layer.names.get(k), samples)
                                    : embeddingSquares(layer, samples);
                }
            }
            NDArray[] factors = new NDArray[trainable.size()];
            if (clipping == Clipping.FLAT) {
                NDArray total = null;
                for (NDArray s : squares) {
                    total = total == null ? s : total.add(s);
                }
                NDArray factor = factor(total.sqrt());
                java.util.Arrays.fill(factors, factor);
            } else {
                for (int p = 0; p < factors.length; p++) {
                    factors[p] = factor(squares[p].sqrt());
                }
            }
            for (int l = 0; l < layers.size(); l++) {
                Layer layer = layers.get(l);
                NDArray[] perSample = others.get(l);
                for (int k = 0; k < layer.parameters.size(); k++) {
                    int p = index.get(layer.parameters.get(k));
                    Shape shape = layer.parameters.get(k).getArray().getShape();
                    NDArray factor = factors[p];
                    sums[p] = perSample != null
                            ? factor.reshape(1, samples).matMul(perSample[k].reshape(samples, -1))
                                    .reshape(shape)
                            : layer.block instanceof Linear
                                    ? linearClippedSum(layer, layer.names.get(k), factor, samples)
                                    : embeddingClippedSum(layer, factor, samples,
                                            layer.parameters.get(k));
                }
            }
            for (NDArray sum : sums) {
                NDScope.unregister(sum);
                sum.attach(scratch);
            }
        }
        return sums;
    }

    /** Forward through the tree, probing each leaf that has trainable parameters. */
    private NDList forward(Block block, NDList inputs, ParameterStore store,
            Map<Parameter, Integer> index, List<Layer> layers) {
        if (block instanceof SequentialBlock) {
            NDList current = inputs;
            for (Pair<String, Block> child : block.getChildren()) {
                current = forward(child.getValue(), current, store, index, layers);
            }
            return current;
        }
        Layer layer = new Layer(block);
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (index.containsKey(parameter.getValue())) {
                layer.parameters.add(parameter.getValue());
                layer.names.add(parameter.getKey());
            }
        }
        if (layer.parameters.isEmpty()) {
            return block.forward(store, inputs, false);
        }
        // The activations as a detached view; the forward itself keeps the graph to the probes
        // of earlier layers.
        layer.input = inputs.singletonOrThrow().stopGradient();
        NDArray output = block.forward(store, inputs, false).singletonOrThrow();
        layer.probe = output.zerosLike();
        layer.probe.setRequiresGradient(true);
        layers.add(layer);
        return new NDList(output.add(layer.probe));
    }

    /** Per-sample squared norm of one Linear parameter's gradient, without materialising it. */
    private static NDArray linearSquares(Layer layer, String name, int samples) {
        NDArray g = layer.backprops;
        if (g.getShape().dimension() == 2) {
            NDArray gg = g.square().sum(new int[] {1});
            return name.equals("bias") ? gg : gg.mul(layer.input.square().sum(new int[] {1}));
        }
        NDArray g3 = g.reshape(samples, -1, g.getShape().getLastDimension());
        if (name.equals("bias")) {
            return g3.sum(new int[] {1}).square().sum(new int[] {1});
        }
        NDArray a3 = layer.input.reshape(samples, -1, layer.input.getShape().getLastDimension());
        NDArray ga = g3.batchMatMul(g3.transpose(0, 2, 1));
        NDArray aa = a3.batchMatMul(a3.transpose(0, 2, 1));
        return ga.mul(aa).reshape(samples, -1).sum(new int[] {1});
    }

    /** {@code (c⊙G)ᵀ·A} (weight) or {@code Σ c_i·g_i} (bias) of one Linear layer. */
    private static NDArray linearClippedSum(Layer layer, String name, NDArray factor,
            int samples) {
        NDArray g = layer.backprops;
        long out = g.getShape().getLastDimension();
        Shape broadcast = new Shape(samples).addAll(new Shape(
                java.util.Collections.nCopies(g.getShape().dimension() - 1, 1L)));
        NDArray scaled = g.mul(factor.reshape(broadcast)).reshape(-1, out);
        if (name.equals("bias")) {
            return scaled.sum(new int[] {0});
        }
        NDArray a = layer.input.reshape(-1, layer.input.getShape().getLastDimension());
        return scaled.transpose().matMul(a);
    }

    /** Whether the layer's norms and clipped sums have a closed form here. */
    private static boolean isNative(Block block) {
        return block instanceof Linear || block instanceof TrainableWordEmbedding
                || block instanceof IdEmbedding;
    }

    /**
     * Per-sample squared norm of an embedding table's gradient {@code Σ_t onehot(idx_t)·g_tᵀ}:
     * {@code Σ_{t,s} [idx_t = idx_s]·(g_t·g_s)}, with no [n, rows, d] array.
     */
    private static NDArray embeddingSquares(Layer layer, int samples) {
        NDArray g = layer.backprops;
        NDArray g3 = g.reshape(samples, -1, g.getShape().getLastDimension());
        NDArray indices = layer.input.reshape(samples, -1).toType(DataType.INT64, false);
        NDArray same = indices.expandDims(2).eq(indices.expandDims(1))
                .toType(g.getDataType(), false);
        return g3.batchMatMul(g3.transpose(0, 2, 1)).mul(same).reshape(samples, -1)
                .sum(new int[] {1});
    }

    /** {@code onehot(idx)ᵀ·(c⊙G)}: the clipped sum of an embedding table's gradients. */
    private static NDArray embeddingClippedSum(Layer layer, NDArray factor, int samples,
            Parameter table) {
        NDArray g = layer.backprops;
        long width = g.getShape().getLastDimension();
        NDArray scaled = g.reshape(samples, -1, width).mul(factor.reshape(samples, 1, 1))
                .reshape(-1, width);
        int rows = Math.toIntExact(table.getArray().getShape().get(0));
        NDArray oneHot = layer.input.reshape(-1).toType(DataType.INT64, false)
                .oneHot(rows, g.getDataType());
        return oneHot.transpose().matMul(scaled);
    }

    /** One layer's per-sample gradients, from the loss ⟨output_i, g_i⟩ on that layer alone. */
    private NDArray[] leafPerSample(Layer layer, NDManager keep) {
        PerSample perSample = leafSamplers.computeIfAbsent(layer.block,
                b -> PerSample.builder(b, GhostClipping::backpropLoss).build());
        NDArray[] gradients = new NDArray[layer.parameters.size()];
        PerSampleResult result = perSample.compute(new NDList(layer.input), layer.backprops);
        for (int k = 0; k < gradients.length; k++) {
            gradients[k] = result.gradient(layer.names.get(k)).duplicate();
            gradients[k].attach(keep); // outlives the result; the caller's scope frees it
        }
        result.close();
        return gradients;
    }

    /** ⟨output_i, g_i⟩ per sample: its gradient is the layer's share of sample i's gradient. */
    private static NDArray backpropLoss(NDList backprops, NDList outputs) {
        NDArray output = outputs.singletonOrThrow();
        long samples = output.getShape().get(0);
        return output.mul(backprops.head()).reshape(samples, -1).sum(new int[] {1});
    }

    private NDArray factor(NDArray norms) {
        return ClipFactor.of(norms, maxGradNorm);
    }

    /** Hands blocks their parameters detached: the pass must not touch the real gradients. */
    private static final class DetachedStore extends ParameterStore {
        private final Map<Parameter, NDArray> values = new IdentityHashMap<>();

        DetachedStore(NDManager manager) {
            super(manager, false);
        }

        @Override
        public NDArray getValue(Parameter parameter, Device device, boolean training) {
            return values.computeIfAbsent(parameter, p -> p.getArray().stopGradient());
        }
    }
}
