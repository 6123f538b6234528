package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.training.ParameterStore;

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
 * positions unread) and reordered to {@code [n, C_out, C_in/G, *K]}. Opacus unfolds the input
 * instead, which DJL has no operator for; the grouped convolution reads each input once and
 * needs no {@code [n, C_in·|K|, |S'|]} copy.
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
        gradients.put(layer.getDirectParameters().get("weight"), weight(layer, input, backprops));
        Parameter bias = layer.getDirectParameters().get("bias");
        if (bias != null) {
            gradients.put(bias, backprops.sum(spatialAxes(backprops)));
        }
        return gradients;
    }

    /** {@code dW_i}, all samples at once, as the class comment derives. */
    private NDArray weight(B layer, NDArray input, NDArray backprops) {
        Shape inputShape = input.getShape();
        long samples = inputShape.get(0);
        int groups = layer.getGroups();
        long groupChannels = inputShape.get(1) / groups;
        long filters = backprops.getShape().get(1);
        Shape spatial = inputShape.slice(2);
        Shape kernel = layer.getKernelShape();
        int axes = spatial.dimension();

        // [n, G·Cg, *S] -> [n, G, Cg, *S] -> [Cg, n, G, *S] -> [Cg, n·G, *S].
        NDArray images = input.reshape(new Shape(samples, groups, groupChannels).addAll(spatial))
                .transpose(leadingOrder(axes, 2, 0, 1))
                .reshape(new Shape(groupChannels, samples * groups).addAll(spatial));
        NDArray sampleFilters = backprops.reshape(
                new Shape(samples * filters, 1).addAll(backprops.getShape().slice(2)));
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
