package io.github.sgdlab.linear;

/**
 * The true (batch) gradient of the mean-squared error over all samples with d features, with the
 * loss itself (In [10] and In [12] for the notebook's d = 1).
 *
 * @param gradient ∂MSE/∂θ0, ∂MSE/∂θ1, …, ∂MSE/∂θd
 * @param loss the mean-squared error at θ
 */
public record BatchGradient(Gradient gradient, double loss) {}
