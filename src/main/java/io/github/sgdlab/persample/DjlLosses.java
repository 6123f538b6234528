package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.training.loss.L1Loss;
import ai.djl.training.loss.L2Loss;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;

import java.lang.reflect.Field;

/**
 * The per-sample forms of DJL's built-in losses, for {@link PerSampleLoss#from}.
 *
 * <p>Each DJL loss computes an elementwise loss, scales it by its weight, and takes the mean over
 * every element of the batch. Here the same elementwise loss (the same operations, in the same
 * order) is scaled by the same weight and averaged over each sample's own elements, so that the
 * mean of the n per-sample losses is the batch loss (every sample has the same number of
 * elements).
 *
 * <p>DJL's losses keep their settings in private fields with no getters, so they are read by
 * reflection once, when the per-sample loss is made. The graphs never multiply by a Java number
 * ({@code mul(Number)} in DJL 0.36 frees the scalar's memory while autograd still needs it): the
 * weight and the constants are arrays on the predictions' manager, open until after the backward
 * pass.
 */
final class DjlLosses {

    private DjlLosses() {}

    static PerSampleLoss of(Loss loss) {
        Class<?> type = loss.getClass();
        if (type == L2Loss.class) {
            float weight = field(loss, "weight", Float.class);
            return (labels, predictions) -> {
                NDArray prediction = predictions.singletonOrThrow();
                NDArray squared = labels.singletonOrThrow().reshape(prediction.getShape())
                        .sub(prediction).square();
                return perSampleMean(weighted(squared, weight));
            };
        }
        if (type == L1Loss.class) {
            float weight = field(loss, "weight", Float.class);
            if (weight != 1f) {
                // DJL 0.36 multiplies the label by the weight instead of the loss, so its loss
                // is weight·mean(label): no gradient reaches the block. Copying that would make
                // every per-sample gradient zero without a word.
                throw new IllegalArgumentException("DJL's L1Loss with weight " + weight
                        + " computes weight·mean(label) in DJL 0.36 (it multiplies the label, not "
                        + "the loss), which does not depend on the predictions; PerSampleLoss.from "
                        + "serves L1Loss with weight 1 only. For a weighted L1 loss per sample, "
                        + "write (labels, predictions) -> ... returning weight·mean|label − "
                        + "prediction| per sample, shape (n), with the weight as an NDArray");
            }
            return (labels, predictions) -> {
                NDArray prediction = predictions.singletonOrThrow();
                NDArray absolute = labels.singletonOrThrow().reshape(prediction.getShape())
                        .sub(prediction).abs();
                return perSampleMean(weighted(absolute, weight));
            };
        }
        if (type == SoftmaxCrossEntropyLoss.class) {
            return softmaxCrossEntropy(field(loss, "weight", Float.class),
                    field(loss, "classAxis", Integer.class),
                    field(loss, "sparseLabel", Boolean.class),
                    field(loss, "fromLogit", Boolean.class));
        }
        if (type == SigmoidBinaryCrossEntropyLoss.class) {
            return sigmoidBinaryCrossEntropy(field(loss, "weight", Float.class),
                    field(loss, "fromSigmoid", Boolean.class));
        }
        throw new IllegalArgumentException("PerSampleLoss.from has no per-sample form of "
                + type.getName() + "; it knows DJL's L2Loss, L1Loss, SoftmaxCrossEntropyLoss and "
                + "SigmoidBinaryCrossEntropyLoss. Write one as a lambda "
                + "(labels, predictions) -> ... that returns one loss per sample, shape (n), "
                + "without the final mean over the batch, and with no NDArray.mul/div(Number) "
                + "in it (multiply by an NDArray instead)");
    }

    private static PerSampleLoss softmaxCrossEntropy(
            float weight, int classAxis, boolean sparseLabel, boolean fromLogit) {
        return (labels, predictions) -> {
            NDArray prediction = predictions.singletonOrThrow();
            int axis = Math.floorMod(classAxis, prediction.getShape().dimension());
            if (axis == 0) {
                throw new IllegalArgumentException("the SoftmaxCrossEntropyLoss's classAxis ("
                        + classAxis + ") is the sample axis of predictions " + prediction.getShape()
                        + ": its softmax would mix samples");
            }
            if (fromLogit) {
                prediction = prediction.logSoftmax(classAxis);
            }
            NDArray label = labels.singletonOrThrow();
            NDArray loss;
            if (sparseLabel) {
                // DJL picks the label's entry along the class axis; gather does the same.
                Shape shape = prediction.getShape();
                Shape indexShape = shape.slice(0, axis).add(1).addAll(shape.slice(axis + 1));
                NDArray index = label.getDataType() == DataType.INT64
                        ? label : label.toType(DataType.INT64, false);
                loss = prediction.gather(index.reshape(indexShape), axis).neg();
            } else {
                loss = prediction.mul(label.reshape(prediction.getShape())).neg()
                        .sum(new int[] {classAxis}, true);
            }
            return perSampleMean(weighted(loss, weight));
        };
    }

    /**
     * DJL's binary cross-entropy. With {@code fromSigmoid} DJL 0.36 computes
     * {@code log(p + ε)·y + log(1 − p + ε)·(1 − y)}, the log-likelihood without the minus sign;
     * the per-sample form is the same, so that it matches what the trainer minimises.
     */
    private static PerSampleLoss sigmoidBinaryCrossEntropy(float weight, boolean fromSigmoid) {
        return (labels, predictions) -> {
            NDArray prediction = predictions.singletonOrThrow();
            NDArray label = labels.singletonOrThrow().reshape(prediction.getShape());
            NDArray loss;
            if (!fromSigmoid) {
                loss = Activation.relu(prediction).sub(prediction.mul(label))
                        .add(Activation.softPlus(prediction.abs().neg()));
            } else {
                NDArray one = constant(prediction, 1.0);
                NDArray eps = constant(prediction, 1e-12);
                loss = prediction.add(eps).log().mul(label)
                        .add(one.sub(prediction).add(eps).log().mul(one.sub(label)));
            }
            return perSampleMean(weighted(loss, weight));
        };
    }

    /** The loss times DJL's weight, by an array (skipped for weight 1, as DJL skips it). */
    private static NDArray weighted(NDArray loss, float weight) {
        return weight == 1f ? loss : loss.mul(constant(loss, weight));
    }

    /**
     * A 0-d array of the given value in {@code like}'s type, on its manager: it stays open (and
     * reachable) until that manager or the caller's scope closes, after the backward pass.
     */
    private static NDArray constant(NDArray like, double value) {
        NDArray scalar = like.getManager().create(value);
        return like.getDataType() == DataType.FLOAT64
                ? scalar : scalar.toType(like.getDataType(), false);
    }

    /** Each sample's mean over its own elements: shape {@code [n]}. */
    private static NDArray perSampleMean(NDArray loss) {
        long samples = loss.getShape().get(0);
        return loss.reshape(samples, -1).mean(new int[] {1});
    }

    private static <T> T field(Loss loss, String name, Class<T> type) {
        try {
            Field field = loss.getClass().getDeclaredField(name);
            field.setAccessible(true);
            return type.cast(field.get(loss));
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot read the setting '" + name + "' of "
                    + loss.getClass().getName() + " (a DJL version this library does not know?)",
                    e);
        }
    }
}
