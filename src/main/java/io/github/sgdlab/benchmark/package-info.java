/**
 * In-process timings of the library's engines, for the {@code bench} command: warm-up first, then
 * repeated calls, reported as minimum and median wall-clock time. Speed claims are made only here
 * and in the scripts under {@code src/test/bench/}, never in unit tests.
 */
package io.github.sgdlab.benchmark;
