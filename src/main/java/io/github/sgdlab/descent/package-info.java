/**
 * The descent lab: full-batch, mini-batch and stochastic gradient descent with momentum on the
 * notebook's linear model, gradients by DJL autograd, every trajectory recomputed by a plain-Java
 * reference.
 *
 * <p>Configure a run with {@link io.github.sgdlab.descent.DescentConfig#builder()}, run it with
 * {@link io.github.sgdlab.descent.Descent#run}, and read the immutable
 * {@link io.github.sgdlab.descent.DescentResult}: θ*, one {@link io.github.sgdlab.descent.RunResult}
 * per run with its full {@link io.github.sgdlab.descent.Trajectory}, and the largest deviation
 * between the DJL and the reference trajectories. {@link io.github.sgdlab.descent.Study} runs the
 * assignment's grid.
 *
 * <p>This package never touches AWT: pictures live in {@code io.github.sgdlab.chart}, which reads
 * these results.
 */
package io.github.sgdlab.descent;
