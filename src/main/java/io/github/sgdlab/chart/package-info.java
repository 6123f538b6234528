/**
 * Pictures of the descent lab, drawn with XChart: contour lines of the loss surface (marching
 * squares over a grid, log-spaced levels) with θ* and the trajectories, epoch by epoch
 * ({@link io.github.sgdlab.chart.EpochContours}) and as an animated GIF
 * ({@link io.github.sgdlab.chart.TrajectoryAnimation}); loss against epoch
 * ({@link io.github.sgdlab.chart.LossCurves}); momentum's vectors
 * ({@link io.github.sgdlab.chart.MomentumArrows}); and the notebook's claim, per-sample gradients
 * averaging to the batch gradient ({@link io.github.sgdlab.chart.PerSampleArrows}).
 *
 * <p>This is the only package that touches AWT, and it runs it headless
 * ({@code java.awt.headless=true}, set by {@link io.github.sgdlab.chart.Headless} unless the
 * caller chose otherwise), so pictures are drawn on servers and in CI with no display. Every
 * entry point takes plain values — θ points, loss arrays, gradients — so the charts that need
 * one feature (contours) and those that do not (loss curves) can be drawn independently. Every
 * file is written atomically.
 */
package io.github.sgdlab.chart;
