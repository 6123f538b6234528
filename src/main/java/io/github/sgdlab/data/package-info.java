/**
 * The notebook's data: a bit-exact port of numpy's legacy {@code RandomState}
 * ({@link io.github.sgdlab.data.RandomState}) and the data set it draws
 * ({@link io.github.sgdlab.data.LinearData}, or row by row in constant memory,
 * {@link io.github.sgdlab.data.LinearDataRows}); and the user's own data with d features
 * ({@link io.github.sgdlab.data.FeatureData}), from arrays or from CSV with
 * {@link io.github.sgdlab.data.Columns} choosing target and features, bad input reported as
 * {@link io.github.sgdlab.data.DataFileException} ({@code PATH:LINE: what is wrong}). Imports
 * nothing from DJL: the data and the
 * reference must stay independent of the framework they check.
 */
package io.github.sgdlab.data;
