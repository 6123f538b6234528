/**
 * Writing results into an output directory safely: the directory checked before any work
 * ({@link io.github.sgdlab.output.OutputDirectory}), every file written under a temporary name
 * and renamed into place, so a crash never leaves a half-written file; and the hook through which
 * the pictures of a descent are drawn ({@link io.github.sgdlab.output.DescentPictures}).
 */
package io.github.sgdlab.output;
