package io.github.sgdlab.persample;

/**
 * How {@link PerSample} computes per-sample gradients.
 *
 * <p>{@link #LOOP} is the reference that {@link #VECTORIZED} is tested against, as Opacus tests
 * each of its samplers against a micro-batch loop.
 */
public enum Strategy {

    /**
     * One batch of one per sample: a collector, a backward pass and a copy of every parameter's
     * gradient, n times. Works for any initialised block; slow, and the reference.
     */
    LOOP,

    /**
     * All per-sample gradients from one forward and one backward pass over the whole batch,
     * through a per-layer sampler for each parameterised leaf. Refuses a block tree it has no
     * sampler for, with an exception that names the block.
     */
    VECTORIZED,

    /**
     * Decided per call, for the model and the batch in hand ({@link PerSample#plan}):
     * {@link #VECTORIZED} where the block tree allows it and it is estimated neither slower nor
     * memory-hungrier than {@link #LOOP}; where the two criteria disagree, the memory-lean
     * {@link #LOOP}; {@link #LOOP} where the block tree allows nothing else.
     */
    AUTO
}
