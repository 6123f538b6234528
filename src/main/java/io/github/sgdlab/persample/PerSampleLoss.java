package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * A loss that keeps one value per sample: {@code apply(labels, predictions)} has shape
 * {@code [n]} for a batch of n samples.
 *
 * <p>Unlike DJL's {@link ai.djl.training.loss.Loss}, which averages over the batch, a per-sample
 * loss must not mix samples: the loss of sample i may depend only on row i of the labels and of
 * the predictions. {@link PerSample} relies on that (the gradient of the summed losses with respect
 * to row i of a layer's output is then sample i's own), and its tests check the strategies against
 * each other, so a loss that mixes samples shows up as a disagreement, not as silently wrong
 * gradients.
 */
@FunctionalInterface
public interface PerSampleLoss {

    /**
     * The loss of each sample.
     *
     * @param labels the labels, first axis the sample
     * @param predictions the block's outputs, first axis the sample
     * @return one loss per sample, shape {@code [n]}; not their mean, as DJL's losses return
     *     (for those, see {@link #from})
     */
    NDArray apply(NDList labels, NDList predictions);

    /**
     * The per-sample form of one of DJL's built-in losses: for a batch, the mean of the n values
     * it returns equals {@code loss.evaluate(labels, predictions)}.
     *
     * <ul>
     *   <li>{@link ai.djl.training.loss.L2Loss}: its weight (½ by default) times the mean over the
     *       sample's outputs of {@code (label − prediction)^2};</li>
     *   <li>{@link ai.djl.training.loss.L1Loss}: the mean of {@code |label − prediction|}; only
     *       with weight 1, since with any other weight DJL 0.36 returns weight·mean(label), which
     *       does not depend on the predictions (refused with a message saying so);</li>
     *   <li>{@link ai.djl.training.loss.SoftmaxCrossEntropyLoss}, with its weight, class axis,
     *       sparse (class index) or dense (distribution) labels, and {@code fromLogit} (whether it
     *       applies log-softmax first); a class axis that is the sample axis is refused;</li>
     *   <li>{@link ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss}, with its weight and
     *       {@code fromSigmoid}.</li>
     * </ul>
     *
     * <p>The settings are read once, here. Exactly these classes are recognised, not subclasses,
     * which may compute something else.
     *
     * @param loss one of DJL's losses above
     * @return its per-sample form
     * @throws IllegalArgumentException for any other loss, saying how to write a per-sample loss
     */
    static PerSampleLoss from(ai.djl.training.loss.Loss loss) {
        java.util.Objects.requireNonNull(loss, "loss");
        return DjlLosses.of(loss);
    }

    /**
     * Squared error: the sum over output dimensions of {@code (prediction − label)^2},
     * <b>without</b> DJL's {@link ai.djl.training.loss.L2Loss}'s factor ½.
     *
     * <p>The labels may have the predictions' shape or, for one output, shape {@code [n]}. Float
     * labels of another type are converted to the predictions' type first, as PyTorch's
     * {@code torch.tensor(y, dtype=torch.float32)} does, so a float32 model is not silently
     * promoted to float64.
     *
     * @return the per-sample squared error
     */
    static PerSampleLoss squaredError() {
        return (labels, predictions) -> {
            NDArray prediction = predictions.singletonOrThrow();
            NDArray label = labels.head();
            if (label.getDataType() != prediction.getDataType()) {
                label = label.toType(prediction.getDataType(), false);
            }
            if (!label.getShape().equals(prediction.getShape())) {
                label = label.reshape(prediction.getShape());
            }
            NDArray squared = prediction.sub(label).square();
            long samples = squared.getShape().get(0);
            // One output per sample (a linear regression): the square is the loss, reshaped,
            // not summed over an axis of length one, which would cost a pass each way.
            return squared.size() == samples
                    ? squared.reshape(samples)
                    : squared.reshape(samples, -1).sum(new int[] {1});
        };
    }

    /**
     * Softmax cross-entropy of unnormalised scores: {@code −log softmax(prediction)[label]} per
     * sample, what {@code torch.nn.functional.cross_entropy(reduction="none")} computes.
     *
     * <p>The predictions have shape {@code [n, classes]}; the labels are class indices, shape
     * {@code [n]} (or {@code [n, 1]}), of any numeric type.
     *
     * @return the per-sample softmax cross-entropy
     */
    static PerSampleLoss softmaxCrossEntropy() {
        return (labels, predictions) -> {
            NDArray prediction = predictions.singletonOrThrow();
            if (prediction.getShape().dimension() != 2) {
                throw new IllegalArgumentException(
                        "softmaxCrossEntropy expects predictions of shape [n, classes], got "
                                + prediction.getShape());
            }
            long samples = prediction.getShape().get(0);
            NDArray label = labels.head();
            if (label.size() != samples) {
                throw new IllegalArgumentException("softmaxCrossEntropy expects one class index "
                        + "per sample (" + samples + "), got labels of shape " + label.getShape());
            }
            NDArray index = label.getDataType() == DataType.INT64
                    ? label : label.toType(DataType.INT64, false);
            if (!index.getShape().equals(new Shape(samples, 1))) {
                index = index.reshape(samples, 1);
            }
            // The label's log-probability, gathered as torch's nll_loss does: exact, and one
            // kernel call where a one-hot product takes three (the per-call cost dominates the
            // small models this loss serves).
            return prediction.logSoftmax(1).gather(index, 1).reshape(samples).neg();
        };
    }
}
