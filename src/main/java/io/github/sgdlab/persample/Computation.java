package io.github.sgdlab.persample;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.Map;

/** One strategy's way of computing every parameter's per-sample gradients. */
interface Computation {

    /**
     * Computes the per-sample gradients.
     *
     * @param batch the checked inputs and labels
     * @param results the manager the returned arrays must live on
     * @return for each parameter name, in the block's order, an array {@code [n, ...shape]}
     */
    Map<String, NDArray> compute(Batch batch, NDManager results);
}
