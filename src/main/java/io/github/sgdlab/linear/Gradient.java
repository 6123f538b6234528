package io.github.sgdlab.linear;

/**
 * A gradient of the loss with respect to (θ0, θ1) — here the average of the per-sample
 * (stochastic) gradients.
 *
 * @param gradTheta0 ∂loss/∂θ0
 * @param gradTheta1 ∂loss/∂θ1
 */
public record Gradient(double gradTheta0, double gradTheta1) {}
