/**
 * The notebook's model and its four gradients: DJL autograd, batch and per sample
 * ({@link io.github.sgdlab.grad.AutogradGradients}); the plain-Java reference in numpy's
 * summation order ({@link io.github.sgdlab.grad.ReferenceGradients}); the rounding-error bound of
 * each value ({@link io.github.sgdlab.grad.RoundingBound}) and the cross-check that applies it
 * ({@link io.github.sgdlab.grad.CrossCheck}). The same for d features:
 * {@link io.github.sgdlab.grad.ThetaVector}, {@link io.github.sgdlab.grad.GradientVector},
 * {@link io.github.sgdlab.grad.FeatureRoundingBound} and
 * {@link io.github.sgdlab.grad.FeatureComparison}, equal to the notebook's bit for bit at d = 1.
 */
package io.github.sgdlab.grad;
