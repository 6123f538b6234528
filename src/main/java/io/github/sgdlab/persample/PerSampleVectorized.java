package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link Strategy#VECTORIZED}: one forward pass over the whole batch that leaves a probe at each
 * sampled layer's output, one backward pass of the summed per-sample losses, then each layer's
 * sampler turns its activations and backprops into per-sample gradients.
 *
 * <p>A batch whose per-sample gradients exceed {@link #AT_MOST} elements goes in chunks of
 * samples, so the peak memory is the result plus one chunk's passes, not the whole batch's.
 *
 * <p>Why the sum: sample i's loss depends only on row i of each layer's output (no block mixes
 * samples), so the gradient of the sum at row i is the gradient of sample i's own loss there.
 */
final class PerSampleVectorized implements Computation {

    private final Block block;
    private final PerSampleLoss loss;
    private final VectorizedPlan plan;

    PerSampleVectorized(Block block, PerSampleLoss loss, VectorizedPlan plan) {
        this.block = block;
        this.loss = loss;
        this.plan = plan;
    }

    /**
     * The most per-sample gradient elements one pass computes: a larger batch goes through the
     * forward and backward passes in chunks of samples that fit, each chunk's gradients written
     * into the result and its activations, backprops and intermediates freed before the next.
     * Without it, on issue 18's CNN at n = 256, VECTORIZED held the whole batch's activations and
     * backprops beside the result: 534 MB peak RSS against LOOP's 278 MB
     * (src/test/bench/README.md).
     */
    static final long AT_MOST = 1L << 22;

    @Override
    public Map<String, NDArray> compute(Batch batch, BlockParameters trainable,
            Map<String, NDArray> copies, NDManager results) {
        long chunk = chunkSamples(trainable, copies);
        if (chunk >= batch.size()) {
            return computeWhole(batch, trainable, copies, results);
        }
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (BlockParameters.Entry parameter : trainable.trainable()) {
            NDArray value = copies.get(parameter.parameter().getId());
            gradients.put(parameter.name(), results.zeros(
                    new Shape(batch.size()).addAll(value.getShape()), value.getDataType()));
        }
        for (long from = 0; from < batch.size(); from += chunk) {
            long to = Math.min(batch.size(), from + chunk);
            NDIndex rows = new NDIndex().addSliceDim(from, to);
            try (NDManager part = results.newSubManager()) {
                NDList inputs = new NDList(batch.inputs().size());
                for (NDArray input : batch.inputs()) {
                    inputs.add(input.get(part, rows));
                }
                Batch slice = new Batch(inputs, batch.labels().get(part, rows),
                        Math.toIntExact(to - from));
                Map<String, NDArray> computed = computeWhole(slice, trainable, copies, part);
                computed.forEach((name, gradient) -> gradients.get(name).set(rows, gradient));
            }
        }
        return gradients;
    }

    /**
     * How many samples one pass takes: as many as {@link #AT_MOST} per-sample gradient elements
     * allow, at least one.
     *
     * @param trainable the trainable parameters
     * @param copies their values by id
     * @return the chunk's number of samples
     */
    static long chunkSamples(BlockParameters trainable, Map<String, NDArray> copies) {
        long perSample = 0;
        for (BlockParameters.Entry parameter : trainable.trainable()) {
            perSample += copies.get(parameter.parameter().getId()).size();
        }
        return Math.max(1, AT_MOST / Math.max(1, perSample));
    }

    private Map<String, NDArray> computeWhole(Batch batch, BlockParameters trainable,
            Map<String, NDArray> copies, NDManager results) {
        Map<String, NDArray> byId = new HashMap<>();
        try (NDScope scope = new NDScope()) {
            scope.suppressNotUsedWarning();
            DetachedParameters parameters =
                    new DetachedParameters(copies, false, batch.labels().getManager());
            List<VectorizedPlan.Recorded> tape = new ArrayList<>();
            try (GradientCollector collector = CollectorGate.open(batch.engine())) {
                NDList predictions = plan.forward(parameters, batch.inputs(), tape);
                NDArray losses = loss.apply(new NDList(batch.labels()), predictions);
                collector.backward(Batch.checkLoss(losses, batch.size()).sum());
            }
            for (VectorizedPlan.Recorded layer : tape) {
                // Detached, so that no graph is recorded even on a thread whose grad mode is on.
                Map<Parameter, NDArray> layerGradients = layer.sampler().perSample(layer.layer(),
                        parameters, detach(layer.activations()), layer.probe().leaf().getGradient());
                // A layer used twice shares its parameters: their gradients add up. A frozen
                // parameter gets none, even from a custom sampler that computed one.
                layerGradients.forEach((parameter, gradient) -> {
                    if (BlockParameters.isTrainable(parameter)) {
                        byId.merge(parameter.getId(), gradient, NDArray::add);
                    }
                });
            }
            for (NDArray gradient : byId.values()) {
                NDScope.unregister(gradient);
                gradient.attach(results);
            }
        }
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (BlockParameters.Entry parameter : trainable.trainable()) {
            NDArray gradient = byId.get(parameter.parameter().getId());
            if (gradient == null) {
                throw new IllegalStateException("no per-sample gradient for parameter "
                        + parameter.name() + ": its layer was not reached");
            }
            gradients.put(parameter.name(), gradient);
        }
        return gradients;
    }

    private static NDList detach(NDList arrays) {
        NDList detached = new NDList(arrays.size());
        for (NDArray array : arrays) {
            detached.add(array.stopGradient());
        }
        return detached;
    }
}
