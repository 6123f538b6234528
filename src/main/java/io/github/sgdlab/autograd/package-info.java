/**
 * The one gate every DJL {@link ai.djl.training.GradientCollector} of this library goes through,
 * shared with user code: {@link io.github.sgdlab.autograd.CollectorGate}. The PyTorch engine
 * allows one open collector per process; the gate turns that into waiting instead of failing.
 */
package io.github.sgdlab.autograd;
