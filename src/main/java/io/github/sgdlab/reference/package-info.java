/**
 * The independent witness: plain Java, {@code double}, no framework. The closed-form gradients
 * of the linear model in numpy's summation order
 * ({@link io.github.sgdlab.reference.ReferenceGradients}, {@link io.github.sgdlab.reference.NumpySum}),
 * the rounding-error bound of every value autograd and the witness compute
 * ({@link io.github.sgdlab.reference.RoundingBound}, for d features, in a
 * {@link io.github.sgdlab.reference.Precision}), and least squares
 * ({@link io.github.sgdlab.reference.LeastSquares}: the minimiser, loss and Hessian spectrum the
 * descent lab measures against), and the descent itself
 * ({@link io.github.sgdlab.reference.ReferenceRun}: a run recomputed step by step, which the
 * DJL descent is compared with in lockstep). Nothing here imports DJL (an architecture test keeps it so),
 * so a fault in the framework cannot hide in both sides of a comparison.
 */
package io.github.sgdlab.reference;
