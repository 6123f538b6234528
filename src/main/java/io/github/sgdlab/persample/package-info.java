/**
 * Per-sample gradients for any DJL {@link ai.djl.nn.Block}: the gradient of each sample's own loss
 * with respect to every parameter, what DP-SGD clips and what shows how noisy one SGD step is.
 *
 * <p>{@link io.github.sgdlab.persample.PerSample} is the entry point. Its
 * {@link io.github.sgdlab.persample.Strategy#LOOP} strategy (a batch of one per sample) works for
 * any block and is the reference; {@link io.github.sgdlab.persample.Strategy#VECTORIZED} gets all
 * per-sample gradients from one forward and one backward pass, through one small sampler class per
 * supported layer type. It speaks only of blocks, parameters, samples and losses: a linear
 * regression is one {@code Linear} with one unit, among all the blocks it serves.
 *
 * <p>Frozen parameters ({@code requiresGradient()} false) get no gradient; a parameter shared by
 * two blocks is reported once. Each call works on a snapshot of the parameters, so it may run
 * beside a DJL training loop whose trainer comes from
 * {@link io.github.sgdlab.autograd.CollectorGate#newTrainer}.
 */
package io.github.sgdlab.persample;
