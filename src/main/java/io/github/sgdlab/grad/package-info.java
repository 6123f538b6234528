/**
 * The cross-check: DJL autograd ({@link io.github.sgdlab.linear}) against the plain-Java witness
 * ({@link io.github.sgdlab.reference}), each value within its own rounding-error bound. What
 * remains here is what needs both sides: {@link io.github.sgdlab.grad.CrossCheck} (the verdict,
 * and the map from DJL's data types to the witness's {@link io.github.sgdlab.reference.Precision}),
 * {@link io.github.sgdlab.grad.GradientComparison} (the four gradients side by side, for d
 * features; the notebook is d = 1) and {@link io.github.sgdlab.grad.ReferenceAssertions} (a JUnit
 * assertion over them).
 */
package io.github.sgdlab.grad;
