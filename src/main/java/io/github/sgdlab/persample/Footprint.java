package io.github.sgdlab.persample;

import ai.djl.modality.nlp.embedding.TrainableWordEmbedding;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;
import ai.djl.nn.transformer.IdEmbedding;
import ai.djl.util.Pair;

/**
 * One sample's share of the work and memory of each strategy, worked out from the block tree and
 * the shapes alone, before anything runs: what {@link PerSample.Plan} is computed from. Every
 * count is in elements (of the parameters' type) or multiply-adds, per sample.
 *
 * @param vectorizedWork the elements one sample adds to a VECTORIZED pass besides its gradients:
 *     each block's output and its gradient, each sampled layer's probe, and what its sampler
 *     makes (a convolution's unfolded input, an embedding's one-hot indices, a layer norm's
 *     normalised input)
 * @param loopWork the elements LOOP's pass over one sample holds: each block's output and its
 *     gradient
 * @param gradients P, the elements of one sample's gradients of all trainable parameters
 * @param macs the multiply-adds of one sample's forward pass
 * @param vectorizedExtra the multiply-adds and copied elements VECTORIZED spends per sample that
 *     LOOP does not (unfolding, one-hot products, recomputing a layer norm's x̂)
 * @param blocks the blocks a pass runs (sampled, parameter-free and frozen leaves)
 */
record Footprint(long vectorizedWork, long loopWork, long gradients, long macs,
        long vectorizedExtra, int blocks) {

    /** Adds the footprints of two parts of a tree run one after the other. */
    Footprint plus(Footprint other) {
        return new Footprint(vectorizedWork + other.vectorizedWork, loopWork + other.loopWork,
                gradients + other.gradients, macs + other.macs,
                vectorizedExtra + other.vectorizedExtra, blocks + other.blocks);
    }

    /** The footprint of nothing. */
    static Footprint none() {
        return new Footprint(0, 0, 0, 0, 0, 0);
    }

    /**
     * A block that runs its own forward pass (parameter-free, or all its parameters frozen): its
     * output and the output's gradient, in both strategies.
     *
     * @param block the block
     * @param output one sample's output shapes
     * @return its footprint
     */
    static Footprint passThrough(Block block, Shape[] output) {
        long out = elements(output);
        long macs = out;
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            macs += parameter.getValue().getArray().size();
        }
        return new Footprint(2 * out, 2 * out, 0, macs, 0, 1);
    }

    /**
     * A layer served by a sampler: what both strategies compute for it, and what VECTORIZED's
     * probe and sampler add. The four samplers of the package are known by their layer type;
     * a custom sampler is assumed to need its output twice more (its probe) and its gradients
     * once more.
     *
     * @param layer the layer
     * @param input one sample's input shapes
     * @param output one sample's output shapes
     * @return its footprint
     */
    static Footprint sampled(Block layer, Shape[] input, Shape[] output) {
        long out = elements(output);
        long in = elements(input);
        long gradients = 0;
        long parameters = 0;
        for (Pair<String, Parameter> parameter : layer.getParameters()) {
            long size = parameter.getValue().getArray().size();
            parameters += size;
            if (BlockParameters.isTrainable(parameter.getValue())) {
                gradients += size;
            }
        }
        long loopWork = 2 * out;
        if (layer instanceof Linear) {
            long macs = in * output[0].get(output[0].dimension() - 1);
            // Probe: the expanded bias is the leaf; output, leaf and the leaf's gradient.
            return new Footprint(3 * out, loopWork, gradients, macs, 0, 1);
        }
        if (layer instanceof Convolution convolution) {
            long channels = input[0].get(1);
            long kernel = convolution.getKernelShape().size();
            long positions = output[0].size() / output[0].get(1);
            long macs = channels / convolution.getGroups() * kernel * out;
            long unfolded = channels * kernel * positions;
            // Default probe (output, zero leaf, their sum, the gradient); the unfolded input as
            // slices, stacked, and transposed for the product.
            return new Footprint(4 * out + 3 * unfolded, loopWork, gradients, macs,
                    3 * unfolded, 1);
        }
        if (layer instanceof LayerNorm) {
            // x̂ recomputed, and g·x̂: two more of the output, about five operations an element.
            return new Footprint(6 * out, loopWork, gradients, 5 * out, 6 * out, 1);
        }
        if (layer instanceof TrainableWordEmbedding || layer instanceof IdEmbedding) {
            long width = output[0].get(output[0].dimension() - 1);
            long positions = out / Math.max(1, width);
            long rows = parameters / Math.max(1, width);
            long oneHot = positions * rows;
            // The one-hot indices and their transpose; one multiply-add per one-hot element and
            // width. LOOP's backward pass writes the sample's whole table gradient instead.
            return new Footprint(4 * out + 2 * oneHot, loopWork, gradients, out,
                    oneHot * width + 2 * oneHot, 1);
        }
        return new Footprint(4 * out + gradients, loopWork, gradients, out + gradients,
                gradients, 1);
    }

    /** The elements of a list of shapes. */
    static long elements(Shape[] shapes) {
        long total = 0;
        for (Shape shape : shapes) {
            total += shape.size();
        }
        return total;
    }
}
