package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.GradientCollector;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@link Strategy#LOOP}: for each sample, a batch of one through the block's own forward pass, a
 * collector, a backward pass, and each parameter's gradient copied into row i of the result. It
 * assumes nothing about the block, which makes it the reference.
 *
 * <p>Each sample gets fresh leaves detached from the call's snapshot of the parameters (so no gradient needs zeroing and none
 * accumulates across samples) and its own {@link NDScope}, so native memory stays flat however
 * many samples there are. Each sample's collector goes through the gate on its own, so a long loop
 * never keeps other threads' training steps waiting for more than one sample.
 */
final class PerSampleLoop {

    private final Block block;
    private final PerSampleLoss loss;
    private final IntConsumer progress;

    PerSampleLoop(Block block, PerSampleLoss loss, IntConsumer progress) {
        this.block = block;
        this.loss = loss;
        this.progress = progress;
    }

    /**
     * Computes the per-sample gradients, one sample at a time.
     *
     * @param batch the checked inputs and labels
     * @param parameters the block's trainable parameters, each once
     * @param copies the call's snapshot of every parameter's value, by id
     * @param results the manager the returned arrays must live on
     * @return for each trainable parameter's name, in the block's order, {@code [n, ...shape]}
     */
    Map<String, NDArray> compute(Batch batch, BlockParameters parameters,
            Map<String, NDArray> copies, NDManager results) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (BlockParameters.Entry parameter : parameters.trainable()) {
            NDArray value = copies.get(parameter.parameter().getId());
            gradients.put(parameter.name(), results.zeros(
                    new Shape(batch.size()).addAll(value.getShape()), value.getDataType()));
        }
        for (int i = 0; i < batch.size(); i++) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                sample(batch, i, parameters, copies, gradients);
            }
            progress.accept(i + 1);
        }
        return gradients;
    }

    private void sample(Batch batch, int i, BlockParameters trainable,
            Map<String, NDArray> copies, Map<String, NDArray> gradients) {
        NDIndex row = new NDIndex("{}:{}", i, i + 1);
        NDList inputs = new NDList(batch.inputs().size());
        for (NDArray input : batch.inputs()) {
            inputs.add(input.get(row));
        }
        NDList labels = new NDList(batch.labels().get(row));
        DetachedParameters parameters =
                new DetachedParameters(copies, true, batch.labels().getManager());
        try (GradientCollector collector = CollectorGate.open(batch.engine())) {
            NDList predictions = block.forward(parameters, inputs, false);
            collector.backward(Batch.checkLoss(loss.apply(labels, predictions), 1).sum());
        }
        NDIndex at = new NDIndex(i);
        for (BlockParameters.Entry parameter : trainable.trainable()) {
            NDArray value = parameters.valueOf(parameter.parameter());
            // A parameter the forward pass never read has gradient zero, already in the result.
            if (value != null) {
                gradients.get(parameter.name()).set(at, value.getGradient());
            }
        }
    }
}
