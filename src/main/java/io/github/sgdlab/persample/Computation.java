package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/** One strategy's way of computing every trainable parameter's per-sample gradients. */
interface Computation {

    /**
     * Computes the per-sample gradients.
     *
     * @param batch the checked inputs and labels
     * @param parameters the block's trainable parameters, each once
     * @param copies the call's snapshot of every parameter's value, by id
     * @param results the manager the returned arrays must live on
     * @return for each trainable parameter's name, in the block's order, an array
     *     {@code [n, ...shape]}
     */
    Map<String, NDArray> compute(Batch batch, BlockParameters parameters,
            Map<String, NDArray> copies, NDManager results);
}
