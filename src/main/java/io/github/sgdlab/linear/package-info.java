/**
 * The linear model y ≈ θ0 + θ1·x1 + … + θd·xd and its gradients computed by DJL autograd
 * ({@link io.github.sgdlab.linear.AutogradGradients}): batch, and per sample by the loop or the
 * vectorized strategy. Its values, for any d (the notebook is d = 1):
 * {@link io.github.sgdlab.linear.Theta}, {@link io.github.sgdlab.linear.Gradient},
 * {@link io.github.sgdlab.linear.BatchGradient} and {@link io.github.sgdlab.linear.PerSampleGradients}.
 */
package io.github.sgdlab.linear;
