/**
 * Files the lab writes, written whole or not at all: {@link io.github.sgdlab.files.AtomicFiles}
 * writes a temporary file beside the target and renames it into place, so a crash or a full disk
 * never leaves a half-written picture, CSV or JSON file under the final name.
 */
package io.github.sgdlab.files;
