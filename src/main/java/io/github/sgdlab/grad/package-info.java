/**
 * The notebook's model and its four gradients: DJL autograd, batch and per sample
 * ({@link io.github.sgdlab.grad.AutogradGradients}); the plain-Java reference in numpy's
 * summation order ({@link io.github.sgdlab.grad.ReferenceGradients}); the rounding-error bound of
 * each value ({@link io.github.sgdlab.grad.RoundingBound}) and the cross-check that applies it
 * ({@link io.github.sgdlab.grad.CrossCheck}).
 */
package io.github.sgdlab.grad;
