package io.github.sgdlab.persample;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * One call's inputs and labels, checked once: n samples along the first axis of every array, and
 * floating-point inputs of the parameters' type.
 *
 * @param inputs the block's inputs
 * @param labels the labels, one row per sample
 * @param size n, the number of samples
 */
record Batch(NDList inputs, NDArray labels, int size) {

    /**
     * Checks a call's arguments against the block.
     *
     * @param block the block, which must be initialised
     * @param inputs the inputs
     * @param labels the labels
     * @return the checked batch
     * @throws IllegalArgumentException naming what does not fit
     * @throws IllegalStateException if the block is not initialised
     */
    static Batch of(Block block, NDList inputs, NDArray labels) {
        if (inputs == null || inputs.isEmpty() || labels == null) {
            throw new IllegalArgumentException("inputs and labels are required");
        }
        if (!block.isInitialized()) {
            throw new IllegalStateException("the block is not initialised; call "
                    + "block.initialize(manager, dataType, inputShapes) first");
        }
        long samples = labels.getShape().dimension() == 0 ? -1 : labels.getShape().get(0);
        for (NDArray input : inputs) {
            if (input.getShape().dimension() == 0 || input.getShape().get(0) != samples) {
                throw new IllegalArgumentException("every input and the labels must have the "
                        + "samples along their first axis; labels " + labels.getShape()
                        + ", input " + input.getShape());
            }
            checkType(block, input.getDataType());
        }
        if (samples < 1 || samples > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("need 1 to 2^31-1 samples, got " + samples);
        }
        return new Batch(inputs, labels, (int) samples);
    }

    /**
     * The engine to collect gradients on.
     *
     * @return the inputs' engine
     */
    Engine engine() {
        return inputs.head().getManager().getEngine();
    }

    /**
     * Checks that the per-sample loss kept one value per sample.
     *
     * @param loss what the loss returned
     * @param samples how many samples it was given
     * @return the loss
     */
    static NDArray checkLoss(NDArray loss, long samples) {
        if (loss.size() == 1 && (samples != 1 || loss.getShape().dimension() != 1)) {
            throw new IllegalArgumentException("the per-sample loss returned one value for a batch "
                    + "of " + samples + " sample(s), shape " + loss.getShape() + ": it reduces over "
                    + "the batch, as DJL's Loss.evaluate does, where PerSample needs one value per "
                    + "sample, shape (" + samples + "); for DJL's built-in losses use "
                    + "PerSampleLoss.from(loss), or leave out the final mean of your own");
        }
        if (loss.getShape().dimension() != 1 || loss.getShape().get(0) != samples) {
            throw new IllegalArgumentException("the per-sample loss must return one value per "
                    + "sample, shape (" + samples + "), got " + loss.getShape());
        }
        return loss;
    }

    private static void checkType(Block block, DataType inputType) {
        if (!inputType.isFloating()) {
            return;
        }
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            DataType type = parameter.getValue().getArray().getDataType();
            if (type != inputType) {
                throw new IllegalArgumentException("the inputs are " + inputType
                        + " but parameter " + parameter.getKey() + " is " + type
                        + "; initialise the block in the inputs' type or convert the inputs");
            }
        }
    }
}
