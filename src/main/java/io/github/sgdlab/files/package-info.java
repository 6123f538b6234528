/**
 * Writing files the way a careful Unix tool does, with the JDK only, for the library and the
 * application alike: {@link io.github.sgdlab.files.AtomicFile} (atomic replacement of regular
 * files, write-through to devices and FIFOs, links followed),
 * {@link io.github.sgdlab.files.TemporaryFiles} (temporary names, clean-up on interrupt and of
 * earlier runs' leftovers) and {@link io.github.sgdlab.files.DoubleText} (the one policy for
 * doubles in text: the shortest decimal that parses back to the same bits).
 */
package io.github.sgdlab.files;
