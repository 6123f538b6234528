/**
 * The notebook's data: a bit-exact port of numpy's legacy {@code RandomState}
 * ({@link io.github.sgdlab.data.RandomState}) and the data set it draws
 * ({@link io.github.sgdlab.data.LinearData}, or row by row in constant memory,
 * {@link io.github.sgdlab.data.LinearDataRows}). Imports nothing from DJL: the data and the
 * reference must stay independent of the framework they check.
 */
package io.github.sgdlab.data;
