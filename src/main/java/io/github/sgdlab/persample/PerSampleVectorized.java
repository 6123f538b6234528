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
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * {@link Strategy#VECTORIZED}: one forward pass over the whole batch that leaves a probe at each
 * sampled layer's output, one backward pass of the summed per-sample losses, then each layer's
 * sampler turns its activations and backprops into per-sample gradients.
 *
 * <p>Memory. A batch goes in chunks of samples where its passes would not fit in the memory
 * {@link Planner} allows, so the peak is the result plus one chunk's work, not the whole batch's.
 * Within a chunk, arrays are freed as soon as they are no longer needed: the forward pass's
 * outputs, probes and losses once the backward pass has read them (only each sampled layer's
 * input and backprops are kept), each layer's sampler temporaries (a convolution's unfolded
 * input) before the next layer's, and, in a chunked batch, each layer's gradients as soon as they
 * are copied into the result. On issue 18's CNN at n = 256 this and the planner's chunks took
 * VECTORIZED's peak RSS from 359 MB to LOOP's (src/test/bench/README.md).
 *
 * <p>Why the sum: sample i's loss depends only on row i of each layer's output (no block mixes
 * samples), so the gradient of the sum at row i is the gradient of sample i's own loss there.
 */
final class PerSampleVectorized {

    private final Block block;
    private final PerSampleLoss loss;
    private final VectorizedPlan plan;

    PerSampleVectorized(Block block, PerSampleLoss loss, VectorizedPlan plan) {
        this.block = block;
        this.loss = loss;
        this.plan = plan;
    }

    /**
     * Computes the per-sample gradients, the batch in chunks of samples.
     *
     * @param batch the checked inputs and labels
     * @param trainable the block's trainable parameters, each once
     * @param copies the call's snapshot of every parameter's value, by id
     * @param results the manager the returned arrays must live on
     * @param chunk the samples one pass takes ({@link PerSample.Plan#chunkSamples})
     * @return for each trainable parameter's name, in the block's order, {@code [n, ...shape]}
     */
    Map<String, NDArray> compute(Batch batch, BlockParameters trainable,
            Map<String, NDArray> copies, NDManager results, int chunk) {
        if (chunk >= batch.size()) {
            Map<String, NDArray> byId = new HashMap<>();
            pass(batch, copies, (parameter, gradient) -> {
                NDArray sum = byId.merge(parameter.getId(), gradient, (first, second) -> {
                    NDArray both = first.add(second);
                    first.close();
                    second.close();
                    return both;
                });
                // Kept beyond the pass's scope: the result.
                NDScope.unregister(sum);
                sum.attach(results);
            });
            Map<String, NDArray> gradients = new LinkedHashMap<>();
            for (BlockParameters.Entry parameter : trainable.trainable()) {
                gradients.put(parameter.name(), reached(byId.get(parameter.parameter().getId()),
                        parameter));
            }
            return gradients;
        }
        Map<String, NDArray> byId = new LinkedHashMap<>();
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (BlockParameters.Entry parameter : trainable.trainable()) {
            NDArray value = copies.get(parameter.parameter().getId());
            NDArray result = results.zeros(
                    new Shape(batch.size()).addAll(value.getShape()), value.getDataType());
            gradients.put(parameter.name(), result);
            byId.put(parameter.parameter().getId(), result);
        }
        Set<String> reached = new HashSet<>();
        for (long from = 0; from < batch.size(); from += chunk) {
            long to = Math.min(batch.size(), from + chunk);
            NDIndex rows = new NDIndex().addSliceDim(from, to);
            Set<String> written = new HashSet<>();
            try (NDManager part = results.newSubManager()) {
                NDList inputs = new NDList(batch.inputs().size());
                for (NDArray input : batch.inputs()) {
                    inputs.add(input.get(part, rows));
                }
                Batch slice = new Batch(inputs, batch.labels().get(part, rows),
                        Math.toIntExact(to - from));
                pass(slice, copies, (parameter, gradient) -> {
                    NDArray result = byId.get(parameter.getId());
                    // A layer used twice shares its parameters: their gradients add up.
                    result.set(rows, written.add(parameter.getId())
                            ? gradient : result.get(rows).add(gradient));
                    gradient.close();
                });
            }
            reached.addAll(written);
        }
        for (BlockParameters.Entry parameter : trainable.trainable()) {
            reached(reached.contains(parameter.parameter().getId()) ? Boolean.TRUE : null,
                    parameter);
        }
        return gradients;
    }

    /** Receives one layer's per-sample gradient of one trainable parameter. */
    @FunctionalInterface
    private interface Sink {
        void accept(Parameter parameter, NDArray gradient);
    }

    /**
     * One forward and one backward pass over a batch, then each sampled layer's per-sample
     * gradients handed to the sink, layer by layer; every array of the pass is freed by the time
     * it returns, except what the sink keeps.
     */
    private void pass(Batch batch, Map<String, NDArray> copies, Sink sink) {
        NDManager manager = batch.labels().getManager();
        List<VectorizedPlan.Recorded> tape = new ArrayList<>();
        List<NDList> activations = new ArrayList<>();
        List<NDArray> backprops = new ArrayList<>();
        try (NDScope kept = new NDScope()) {
            kept.suppressNotUsedWarning();
            try (NDScope passes = new NDScope()) {
                passes.suppressNotUsedWarning();
                DetachedParameters parameters = new DetachedParameters(copies, false, manager);
                try (GradientCollector collector = CollectorGate.open(batch.engine())) {
                    NDList predictions = plan.forward(parameters, batch.inputs(), tape);
                    NDArray losses = loss.apply(new NDList(batch.labels()), predictions);
                    collector.backward(Batch.checkLoss(losses, batch.size()).sum());
                }
                // Only each layer's input and backprops outlive the passes; detached, so that
                // no graph is recorded even on a thread whose grad mode is on.
                for (VectorizedPlan.Recorded layer : tape) {
                    NDList detached = new NDList(layer.activations().size());
                    for (NDArray array : layer.activations()) {
                        detached.add(keep(array.stopGradient()));
                    }
                    activations.add(detached);
                    backprops.add(keep(layer.probe().leaf().getGradient()));
                }
            }
            // The passes' own parameter values were freed with them: fresh ones for the samplers.
            DetachedParameters parameters = new DetachedParameters(copies, false, manager);
            for (int i = 0; i < tape.size(); i++) {
                VectorizedPlan.Recorded layer = tape.get(i);
                // A sampler may hand back its backprops as a gradient (Linear's bias): the sink
                // owns those.
                Set<NDArray> handedOn = Collections.newSetFromMap(
                        new IdentityHashMap<>());
                try (NDScope sampling = new NDScope()) {
                    sampling.suppressNotUsedWarning();
                    Map<Parameter, NDArray> layerGradients = layer.sampler().perSample(
                            layer.layer(), parameters, activations.get(i), backprops.get(i));
                    // A frozen parameter gets none, even from a custom sampler that computed one.
                    for (Map.Entry<Parameter, NDArray> entry : layerGradients.entrySet()) {
                        if (BlockParameters.isTrainable(entry.getKey())) {
                            NDScope.unregister(entry.getValue());
                            entry.getValue().attach(manager);
                            handedOn.add(entry.getValue());
                            sink.accept(entry.getKey(), entry.getValue());
                        }
                    }
                }
                // This layer's input and backprops are no longer needed.
                for (NDArray array : activations.get(i)) {
                    if (!handedOn.contains(array)) {
                        array.close();
                    }
                }
                if (!handedOn.contains(backprops.get(i))) {
                    backprops.get(i).close();
                }
                activations.set(i, new NDList());
                backprops.set(i, null);
            }
        } finally {
            // What an exception left behind.
            activations.forEach(NDList::close);
            backprops.stream().filter(Objects::nonNull).forEach(NDArray::close);
        }
    }

    /** Moves an array from the passes' scope to the enclosing one. */
    private static NDArray keep(NDArray array) {
        NDScope.unregister(array);
        return array;
    }

    private static <T> T reached(T gradient, BlockParameters.Entry parameter) {
        if (gradient == null) {
            throw new IllegalStateException("no per-sample gradient for parameter "
                    + parameter.name() + ": its layer was not reached");
        }
        return gradient;
    }
}
