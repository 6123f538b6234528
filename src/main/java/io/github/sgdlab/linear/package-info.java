/**
 * The linear model y ≈ θ0 + θ1·x1 + … + θd·xd and its gradients computed by DJL autograd
 * ({@link io.github.sgdlab.linear.AutogradGradients}): batch, and per sample by the loop or the
 * vectorized strategy. Its values: the notebook's d = 1 family
 * ({@link io.github.sgdlab.linear.Theta}, {@link io.github.sgdlab.linear.Gradient},
 * {@link io.github.sgdlab.linear.BatchGradient}, {@link io.github.sgdlab.linear.PerSampleGradients})
 * and the d-feature one ({@link io.github.sgdlab.linear.ThetaVector},
 * {@link io.github.sgdlab.linear.GradientVector} and their kin), which equals it bit for bit at
 * d = 1.
 */
package io.github.sgdlab.linear;
