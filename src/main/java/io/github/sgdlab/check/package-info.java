/**
 * Gradient checking for DJL, and the assertions a DJL project's regression tests need.
 *
 * <ul>
 *   <li>{@link io.github.sgdlab.check.GradCheck}: DJL's autograd against central finite
 *       differences, for any function of NDArrays or any {@link ai.djl.nn.Block} with a loss,
 *       with torch's defaults and a fast mode (random projections), reported per input or
 *       parameter in a {@link io.github.sgdlab.check.GradCheckResult}.</li>
 *   <li>{@link io.github.sgdlab.check.GradientAssertions}: {@code assertAllClose} with numpy's
 *       semantics, the gradient check and the agreement of the mean per-sample gradient with
 *       the batch gradient as assertions that throw {@link AssertionError} (opentest4j's {@code AssertionFailedError}
 *       where it is on the class path, so IDEs show a diff).</li>
 *   <li>{@link io.github.sgdlab.check.GradientSnapshot}: gradients compared with a JSON golden
 *       file that records where it was written, so an upgrade of DJL or libtorch that changes
 *       the gradients is noticed.</li>
 * </ul>
 *
 * <p>The package is generic: it knows only NDArrays, blocks and losses, and imports nothing but
 * DJL, Gson, the JDK and the library's {@code autograd} and {@code persample} packages. JUnit is
 * not a dependency: the assertions find opentest4j by reflection.
 */
package io.github.sgdlab.check;
