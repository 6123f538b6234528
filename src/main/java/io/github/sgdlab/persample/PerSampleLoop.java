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
import ai.djl.util.Pair;
import io.github.sgdlab.autograd.CollectorGate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * {@link Strategy#LOOP}: for each sample, a batch of one through the block's own forward pass, a
 * collector, a backward pass, and each parameter's gradient copied into row i of the result. It
 * assumes nothing about the block, which makes it the reference.
 *
 * <p>Each sample gets fresh detached parameter leaves (so no gradient needs zeroing and none
 * accumulates across samples) and its own {@link NDScope}, so native memory stays flat however
 * many samples there are. Each sample's collector goes through the gate on its own, so a long loop
 * never keeps other threads' training steps waiting for more than one sample.
 */
final class PerSampleLoop implements Computation {

    private final Block block;
    private final PerSampleLoss loss;
    private final IntConsumer progress;

    PerSampleLoop(Block block, PerSampleLoss loss, IntConsumer progress) {
        this.block = block;
        this.loss = loss;
        this.progress = progress;
    }

    @Override
    public Map<String, NDArray> compute(Batch batch, NDManager results) {
        Map<String, NDArray> gradients = new LinkedHashMap<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray value = parameter.getValue().getArray();
            gradients.put(parameter.getKey(), results.zeros(
                    new Shape(batch.size()).addAll(value.getShape()), value.getDataType()));
        }
        for (int i = 0; i < batch.size(); i++) {
            try (NDScope scope = new NDScope()) {
                scope.suppressNotUsedWarning();
                sample(batch, i, gradients);
            }
            progress.accept(i + 1);
        }
        return gradients;
    }

    private void sample(Batch batch, int i, Map<String, NDArray> gradients) {
        NDIndex row = new NDIndex("{}:{}", i, i + 1);
        NDList inputs = new NDList(batch.inputs().size());
        for (NDArray input : batch.inputs()) {
            inputs.add(input.get(row));
        }
        NDList labels = new NDList(batch.labels().get(row));
        DetachedParameters parameters = new DetachedParameters(true);
        try (GradientCollector collector = CollectorGate.open(batch.engine())) {
            NDList predictions = block.forward(parameters, inputs, false);
            collector.backward(Batch.checkLoss(loss.apply(labels, predictions), 1).sum());
        }
        NDIndex at = new NDIndex(i);
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            NDArray value = parameters.valueOf(parameter.getValue());
            // A parameter the forward pass never read has gradient zero, already in the result.
            if (value != null) {
                gradients.get(parameter.getKey()).set(at, value.getGradient());
            }
        }
    }
}
