package io.github.sgdlab.persample;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The batched forward pass of {@link Strategy#VECTORIZED}, worked out once from the block tree:
 * {@link SequentialBlock}s are followed child by child, each parameterised leaf goes through its
 * {@link LayerSampler}, and parameter-free blocks (activations, flatten, dropout in inference mode)
 * and blocks whose parameters are all frozen run their own forward pass: they need no per-sample
 * gradient, only to pass the gradient on, so a frozen block of any type is followed.
 */
final class VectorizedPlan {

    /** One layer's part in a forward pass, kept for the per-sample gradients afterwards. */
    record Recorded(Block layer, LayerSampler<Block> sampler, NDList activations, Probe probe) {}

    private sealed interface Node permits Sequence, Sampled, ParameterFree, Frozen {
        NDList forward(ParameterStore parameters, NDList inputs, List<Recorded> tape);

        /** Adds this node's footprint for one sample's inputs to {@code total[0]}. */
        Shape[] measure(Shape[] inputs, Footprint[] total);
    }

    private record Sequence(List<Node> children) implements Node {
        @Override
        public NDList forward(ParameterStore parameters, NDList inputs, List<Recorded> tape) {
            NDList current = inputs;
            for (Node child : children) {
                current = child.forward(parameters, current, tape);
            }
            return current;
        }

        @Override
        public Shape[] measure(Shape[] inputs, Footprint[] total) {
            Shape[] current = inputs;
            for (Node child : children) {
                current = child.measure(current, total);
            }
            return current;
        }
    }

    private record Sampled(Block layer, LayerSampler<Block> sampler) implements Node {
        @Override
        public NDList forward(ParameterStore parameters, NDList inputs, List<Recorded> tape) {
            if (allFrozen(layer)) {
                // Nothing to sample: its parameters are constants, gradients pass through it.
                return layer.forward(parameters, inputs, false);
            }
            Probe probe = sampler.forward(layer, parameters, inputs);
            tape.add(new Recorded(layer, sampler, inputs, probe));
            return probe.outputs();
        }

        @Override
        public Shape[] measure(Shape[] inputs, Footprint[] total) {
            Shape[] outputs = layer.getOutputShapes(inputs);
            total[0] = total[0].plus(allFrozen(layer)
                    ? Footprint.passThrough(layer, outputs)
                    : Footprint.sampled(layer, inputs, outputs));
            return outputs;
        }
    }

    private record ParameterFree(Block block) implements Node {
        @Override
        public NDList forward(ParameterStore parameters, NDList inputs, List<Recorded> tape) {
            return block.forward(parameters, inputs, false);
        }

        @Override
        public Shape[] measure(Shape[] inputs, Footprint[] total) {
            Shape[] outputs = block.getOutputShapes(inputs);
            total[0] = total[0].plus(Footprint.passThrough(block, outputs));
            return outputs;
        }
    }

    /** A block with no sampler whose parameters were all frozen when the plan was made. */
    private record Frozen(Block block, String path) implements Node {
        @Override
        public NDList forward(ParameterStore parameters, NDList inputs, List<Recorded> tape) {
            if (!allFrozen(block)) {
                throw new UnsupportedBlockException(BlockTree.describe(path, block) + " was frozen "
                        + "when this PerSample was built and has trainable parameters now; the "
                        + "vectorized strategy has no sampler for it: build a new PerSample (it "
                        + "will choose Strategy.LOOP with AUTO)");
            }
            return block.forward(parameters, inputs, false);
        }

        @Override
        public Shape[] measure(Shape[] inputs, Footprint[] total) {
            Shape[] outputs = block.getOutputShapes(inputs);
            total[0] = total[0].plus(Footprint.passThrough(block, outputs));
            return outputs;
        }
    }

    private final Node root;

    private VectorizedPlan(Node root) {
        this.root = root;
    }

    /**
     * Works out the plan for a block tree.
     *
     * @param block the root
     * @param samplers the samplers by exact layer class
     * @return the plan
     * @throws UnsupportedBlockException naming the first block the plan cannot follow
     */
    static VectorizedPlan of(Block block, Map<Class<?>, LayerSampler<Block>> samplers) {
        return new VectorizedPlan(node(block, "the block", samplers));
    }

    /**
     * Runs the forward pass on the whole batch, recording each sampled layer on the tape in
     * forward order.
     *
     * @param parameters the detached parameter values
     * @param inputs the batch
     * @param tape where each sampled layer's activations and probe go
     * @return the block's outputs
     */
    NDList forward(ParameterStore parameters, NDList inputs, List<Recorded> tape) {
        return root.forward(parameters, inputs, tape);
    }

    /**
     * One sample's footprint in each strategy, from the shapes alone: nothing runs but the
     * blocks' {@code getOutputShapes}.
     *
     * @param sampleInputs the shapes of one sample's inputs, the sample axis of length 1
     * @return the footprint
     */
    Footprint footprint(Shape[] sampleInputs) {
        Footprint[] total = {Footprint.none()};
        root.measure(sampleInputs, total);
        return total[0];
    }

    private static Node node(
            Block block, String path, Map<Class<?>, LayerSampler<Block>> samplers) {
        LayerSampler<Block> sampler = samplers.get(block.getClass());
        if (sampler != null) {
            return new Sampled(block, sampler);
        }
        if (block.getClass() == SequentialBlock.class) {
            if (((SequentialBlock) block).isReturnIntermediate()) {
                throw new UnsupportedBlockException(BlockTree.describe(path, block)
                        + " returns its intermediate outputs, which the vectorized strategy "
                        + "does not follow; use Strategy.LOOP or AUTO");
            }
            List<Node> children = new ArrayList<>();
            for (Pair<String, Block> child : block.getChildren()) {
                children.add(node(child.getValue(), child.getKey(), samplers));
            }
            return new Sequence(children);
        }
        if (block.getParameters().isEmpty()) {
            return new ParameterFree(block);
        }
        if (allFrozen(block)) {
            return new Frozen(block, path);
        }
        throw new UnsupportedBlockException("the vectorized strategy has no per-sample sampler for "
                + BlockTree.describe(path, block) + "; it supports " + supported(samplers)
                + ", parameter-free blocks, and SequentialBlocks of them; use Strategy.LOOP or "
                + "AUTO, or add a LayerSampler with PerSample.Builder.optSampler");
    }

    /** Whether every parameter of a block is frozen, so that it needs no per-sample gradient. */
    private static boolean allFrozen(Block block) {
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            if (BlockParameters.isTrainable(parameter.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static String supported(Map<Class<?>, LayerSampler<Block>> samplers) {
        List<String> names = new ArrayList<>();
        for (Class<?> type : samplers.keySet()) {
            names.add(type.getSimpleName());
        }
        return String.join(", ", names);
    }
}
