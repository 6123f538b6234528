package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Per-sample gradients of DJL's convolutions, {@link Conv1d}, {@link Conv2d} and {@link Conv3d}:
 * {@code y = conv(x, W) + b} on inputs {@code [n, C_in, *S]}, with any kernel K, stride s,
 * padding p, dilation d (each per spatial axis), groups G, with or without bias. With g the
 * gradient at the output, {@code [n, C_out, *S']}, sample i's gradients are
 * <ul>
 *   <li>{@code db_i[o] = Σ_t g_i[o, t]}, the backprops summed over the output's positions;</li>
 *   <li>{@code dW_i[o, c, k] = Σ_t g_i[o, t] · x̂_i[q(o)·C_in/G + c, t·s + k·d]}, where x̂ is
 *       x zero-padded by p and {@code q(o) = ⌊o·G/C_out⌋} is output channel o's group: the
 *       correlation of sample i's padded input with its own backprops, the backprops' taps s
 *       apart and the result's positions d apart.</li>
 * </ul>
 * Those are all the settings DJL's convolutions have (their padding is symmetric and zero), so
 * every {@code Conv1d}, {@code Conv2d} and {@code Conv3d} is served.
 *
 * <p>That correlation is one more convolution for the whole batch, the trick of PyTorch's
 * ExpandedWeights ({@code conv_group_weight_grad_sample}, which serves one group; the split of
 * the channels into (sample, group) pairs extends it to G): the input, regrouped as
 * {@code [C_in/G, n·G, *S]}, is a batch of C_in/G images whose channels are the (sample, group)
 * pairs; the backprops, reshaped to {@code [n·C_out, 1, *S']}, are n·C_out one-channel filters;
 * convolving with stride d, dilation s (swapped), padding p and n·G groups pairs each (sample,
 * group) channel with that sample's filters of that group only. The result, {@code [C_in/G,
 * n·C_out, *K']}, is narrowed to the kernel (K' exceeds K where a stride leaves the input's last
 * positions unread) and reordered to {@code [n, C_out, C_in/G, *K]}. It reads each input once
 * and needs no copy of it per kernel offset.
 *
 * <p>The other way is Opacus's (and ExpandedWeights' own for more than 32 samples): unfold the
 * input, {@code [n, C_in·|K|, |S'|]}, and multiply it by each sample's backprops
 * {@code [n, C_out, |S'|]} in one batched product. DJL has no unfold operator, so the unfolding
 * is built from one strided slice of the padded input per kernel offset, stacked. torch's
 * grouped convolution runs its n·G groups one small product at a time, so for larger batches
 * the unfolding is faster, until the unfolded copy outgrows the caches or the groups make the
 * products thin. Hence the rule ({@link #unfolds}): unfold for one group and at least 8 samples,
 * the batch in chunks whose unfolded input has at most 2^21 elements (so the copy stays small and
 * the peak memory bounded however large the batch), where at least 8 samples fit in a chunk;
 * otherwise the grouped convolution. The per-layer timings that
 * chose it, and what it did to a small CNN, are in {@code src/test/bench/README.md}. Both sum
 * each weight's |S'| products in another order than the loop's backward pass, within the
 * package's float32 and float64 bounds.
 *
 * <p>The probe is the default one (the layer's own forward pass plus a zero leaf): torch's
 * convolution takes its bias only as a vector, so it cannot be the leaf the way {@code Linear}'s
 * expanded bias is.
 *
 * @param <B> the convolution type, matched by exact class
 */
final class ConvolutionSampler<B extends Convolution> implements LayerSampler<B> {

    /** DJL's static convolution of one dimensionality, such as {@code Conv2d::conv2d}. */
    @FunctionalInterface
    interface Kernel {

        /**
         * Convolves (correlates, as every deep-learning library does).
         *
         * @param input {@code [batch, channels, *spatial]}
         * @param weight {@code [filters, channels / groups, *kernel]}
         * @param bias {@code [filters]}, or null for none
         * @param stride the stride per spatial axis
         * @param padding the zero padding per spatial axis, on both sides
         * @param dilation the spacing of the kernel's taps per spatial axis
         * @param groups how many groups the channels and filters are split into
         * @return the output, {@code [batch, filters, *spatial']}
         */
        NDList apply(NDArray input, NDArray weight, NDArray bias, Shape stride, Shape padding,
                Shape dilation, int groups);
    }

    /** The fewest samples for which {@link #unfoldedWeight} is used. */
    static final long UNFOLD_FROM_SAMPLES = 8;

    /** The most elements of the unfolded input for which {@link #unfoldedWeight} is used. */
    static final long UNFOLD_AT_MOST = 1L << 21;

    private final Class<B> layerType;
    private final Kernel convolution;

    private ConvolutionSampler(Class<B> layerType, Kernel convolution) {
        this.layerType = Objects.requireNonNull(layerType, "layerType");
        this.convolution = Objects.requireNonNull(convolution, "convolution");
    }

    /**
     * The sampler of {@link Conv1d}, inputs {@code [n, C, W]}.
     *
     * @return the sampler
     */
    static ConvolutionSampler<Conv1d> conv1d() {
        return new ConvolutionSampler<>(Conv1d.class, Conv1d::conv1d);
    }

    /**
     * The sampler of {@link Conv2d}, inputs {@code [n, C, H, W]}.
     *
     * @return the sampler
     */
    static ConvolutionSampler<Conv2d> conv2d() {
        return new ConvolutionSampler<>(Conv2d.class, Conv2d::conv2d);
    }

    /**
     * The sampler of {@link Conv3d}, inputs {@code [n, C, D, H, W]}.
     *
     * @return the sampler
     */
    static ConvolutionSampler<Conv3d> conv3d() {
        return new ConvolutionSampler<>(Conv3d.class, Conv3d::conv3d);
    }

    @Override
    public Class<B> layerType() {
        return layerType;
    }

    @Override
    public Map<Parameter, NDArray> perSample(
            B layer, ParameterStore parameters, NDList activations, NDArray backprops) {
        NDArray input = activations.singletonOrThrow();
        Map<Parameter, NDArray> gradients = new LinkedHashMap<>();
        // A frozen weight or bias is not computed.
        Parameter weight = layer.getDirectParameters().get("weight");
        if (weight.requiresGradient()) {
            gradients.put(weight, weight(layer, input, backprops));
        }
        Parameter bias = layer.getDirectParameters().get("bias");
        if (bias != null && bias.requiresGradient()) {
            gradients.put(bias, backprops.sum(spatialAxes(backprops)));
        }
        return gradients;
    }

    /**
     * The sizes both formulations of {@code dW_i} read, from the layer and one call's arrays.
     *
     * @param samples n
     * @param groups G
     * @param groupChannels C_in / G
     * @param filters C_out
     * @param spatial the input's spatial shape S
     * @param outputSpatial the output's spatial shape S'
     * @param kernel the kernel's shape K
     */
    record Geometry(long samples, int groups, long groupChannels, long filters, Shape spatial,
            Shape outputSpatial, Shape kernel) {

        /**
         * Reads the sizes.
         *
         * @param layer the convolution
         * @param input its input {@code [n, C_in, *S]}
         * @param backprops the gradient at its output {@code [n, C_out, *S']}
         * @return the sizes
         */
        static Geometry of(Convolution layer, NDArray input, NDArray backprops) {
            Shape inputShape = input.getShape();
            Shape outputShape = backprops.getShape();
            int groups = layer.getGroups();
            return new Geometry(inputShape.get(0), groups, inputShape.get(1) / groups,
                    outputShape.get(1), inputShape.slice(2), outputShape.slice(2),
                    layer.getKernelShape());
        }

        /** @return {@code C_in·|K|·|S'|}, one sample's unfolded input */
        long unfoldedPerSample() {
            return groups * groupChannels * kernel.size() * outputSpatial.size();
        }
    }

    /** {@code dW_i}, all samples at once, by whichever formulation is faster for the batch. */
    private NDArray weight(B layer, NDArray input, NDArray backprops) {
        Geometry sizes = Geometry.of(layer, input, backprops);
        if (!unfolds(sizes.samples(), sizes.groups(), sizes.unfoldedPerSample())) {
            return groupedWeight(layer, sizes, input, backprops);
        }
        long chunk = chunkSamples(sizes.unfoldedPerSample());
        if (chunk >= sizes.samples()) {
            return unfoldedWeight(layer, sizes, input, backprops);
        }
        // The batch in chunks, so that no unfolded copy exceeds UNFOLD_AT_MOST elements; each
        // chunk's gradients written into the result as soon as they exist, then freed.
        NDArray result = null;
        for (long from = 0; from < sizes.samples(); from += chunk) {
            long to = Math.min(sizes.samples(), from + chunk);
            NDIndex rows = new NDIndex().addSliceDim(from, to);
            try (NDManager part = input.getManager().newSubManager()) {
                NDArray chunkInput = input.get(part, rows);
                NDArray chunkBackprops = backprops.get(part, rows);
                NDArray gradients;
                try (NDScope scope = new NDScope()) {
                    scope.suppressNotUsedWarning();
                    gradients = unfoldedWeight(layer, Geometry.of(layer, chunkInput,
                            chunkBackprops), chunkInput, chunkBackprops);
                    NDScope.unregister(gradients);
                }
                gradients.attach(part);
                if (result == null) {
                    result = input.getManager().zeros(new Shape(sizes.samples())
                            .addAll(gradients.getShape().slice(1)), gradients.getDataType());
                }
                result.set(rows, gradients);
            }
        }
        return result;
    }

    /**
     * Whether {@link #unfoldedWeight} is used rather than {@link #groupedWeight}, by the
     * measurements in the class comment: for one group, from {@value #UNFOLD_FROM_SAMPLES}
     * samples on, where at least that many samples' unfolded inputs fit in
     * {@value #UNFOLD_AT_MOST} elements (the batch is then unfolded in chunks that fit).
     *
     * @param samples n
     * @param groups G
     * @param unfoldedPerSample {@code C_in·|K|·|S'|}, one sample's unfolded input
     * @return true to unfold
     */
    static boolean unfolds(long samples, int groups, long unfoldedPerSample) {
        return groups == 1 && samples >= UNFOLD_FROM_SAMPLES
                && chunkSamples(unfoldedPerSample) >= UNFOLD_FROM_SAMPLES;
    }

    /**
     * How many samples are unfolded at once: as many as fit in {@value #UNFOLD_AT_MOST}
     * elements, at least one.
     *
     * @param unfoldedPerSample {@code C_in·|K|·|S'|}, one sample's unfolded input
     * @return the chunk's number of samples
     */
    static long chunkSamples(long unfoldedPerSample) {
        return Math.max(1, UNFOLD_AT_MOST / Math.max(1, unfoldedPerSample));
    }

    /**
     * {@code dW_i} as the correlation of each sample's padded input with its own backprops:
     * one grouped convolution over the whole batch.
     */
    NDArray groupedWeight(B layer, Geometry sizes, NDArray input, NDArray backprops) {
        long samples = sizes.samples();
        int groups = sizes.groups();
        long groupChannels = sizes.groupChannels();
        long filters = sizes.filters();
        Shape spatial = sizes.spatial();
        Shape kernel = sizes.kernel();
        int axes = spatial.dimension();

        // [n, G·Cg, *S] -> [n, G, Cg, *S] -> [Cg, n, G, *S] -> [Cg, n·G, *S].
        NDArray images = input.reshape(new Shape(samples, groups, groupChannels).addAll(spatial))
                .transpose(leadingOrder(axes, 2, 0, 1))
                .reshape(new Shape(groupChannels, samples * groups).addAll(spatial));
        NDArray sampleFilters = backprops.reshape(
                new Shape(samples * filters, 1).addAll(sizes.outputSpatial()));
        NDArray correlations = convolution.apply(images, sampleFilters, null,
                layer.getDilation(), layer.getPadding(), layer.getStride(),
                Math.toIntExact(samples * groups)).singletonOrThrow();

        NDIndex narrow = new NDIndex().addAllDim(2);
        for (int axis = 0; axis < axes; axis++) {
            narrow.addSliceDim(0, kernel.get(axis));
        }
        // [Cg, n·C_out, *K] -> [Cg, n, C_out, *K] -> [n, C_out, Cg, *K].
        return correlations.get(narrow)
                .reshape(new Shape(groupChannels, samples, filters).addAll(kernel))
                .transpose(leadingOrder(axes, 1, 2, 0));
    }

    /**
     * {@code dW_i} from the unfolded input: for each kernel offset k, the positions
     * {@code t·s + k·d} of the padded input that it reads, one strided slice
     * {@code [n, C_in, *S']}; stacked, {@code [n, G, Cg·|K|, |S'|]}; then one batched product
     * with the backprops {@code [n, G, C_out/G, |S'|]}, contracting the output's positions.
     */
    NDArray unfoldedWeight(B layer, Geometry sizes, NDArray input, NDArray backprops) {
        long samples = sizes.samples();
        int groups = sizes.groups();
        long groupChannels = sizes.groupChannels();
        long filters = sizes.filters();
        Shape outputSpatial = sizes.outputSpatial();
        Shape kernel = sizes.kernel();
        Shape stride = layer.getStride();
        Shape dilation = layer.getDilation();
        int axes = kernel.dimension();

        NDArray padded = padded(input, layer.getPadding());
        NDList reads = new NDList(Math.toIntExact(kernel.size()));
        long[] offset = new long[axes];
        for (long k = 0; k < kernel.size(); k++) {
            // Offset k's position along each axis, the last axis fastest, as the weight's layout.
            long rest = k;
            for (int axis = axes - 1; axis >= 0; axis--) {
                offset[axis] = rest % kernel.get(axis);
                rest /= kernel.get(axis);
            }
            NDIndex read = new NDIndex().addAllDim(2);
            for (int axis = 0; axis < axes; axis++) {
                long start = offset[axis] * dilation.get(axis);
                long step = stride.get(axis);
                read.addSliceDim(start, start + step * (outputSpatial.get(axis) - 1) + 1, step);
            }
            reads.add(padded.get(read));
        }
        // [n, C_in, |K|, *S'] -> [n, G, Cg·|K|, |S'|].
        NDArray unfolded = NDArrays.stack(reads, 2)
                .reshape(samples, groups, groupChannels * kernel.size(), outputSpatial.size());
        NDArray sampleBackprops = backprops.reshape(
                samples, groups, filters / groups, outputSpatial.size());
        // [n, G, C_out/G, Cg·|K|] -> [n, C_out, Cg, *K].
        return sampleBackprops.matMul(unfolded.transpose(0, 1, 3, 2))
                .reshape(new Shape(samples, filters, groupChannels).addAll(kernel));
    }

    /** The input zero-padded on both sides of each spatial axis, as the convolution reads it. */
    private static NDArray padded(NDArray input, Shape padding) {
        if (Arrays.stream(padding.getShape()).allMatch(side -> side == 0)) {
            return input;
        }
        // torch's pad lists the last axis first.
        long[] sides = new long[2 * padding.dimension()];
        for (int axis = 0; axis < padding.dimension(); axis++) {
            int fromLast = padding.dimension() - 1 - axis;
            sides[2 * fromLast] = padding.get(axis);
            sides[2 * fromLast + 1] = padding.get(axis);
        }
        return input.pad(new Shape(sides), 0);
    }

    /**
     * A permutation for {@code transpose} of an array with three leading axes and then the
     * spatial ones: the leading three in the given order, the spatial axes where they are.
     */
    private static int[] leadingOrder(int spatialAxes, int first, int second, int third) {
        int[] order = new int[3 + spatialAxes];
        order[0] = first;
        order[1] = second;
        order[2] = third;
        for (int i = 3; i < order.length; i++) {
            order[i] = i;
        }
        return order;
    }

    /** The output's axes after the sample and the channel. */
    private static int[] spatialAxes(NDArray output) {
        int[] axes = new int[output.getShape().dimension() - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        return axes;
    }
}
