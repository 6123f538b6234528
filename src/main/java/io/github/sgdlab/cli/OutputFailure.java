package io.github.sgdlab.cli;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Writing results failed: a full disk, a closed pipe, a closed stdout. Thrown through
 * {@link java.io.PrintWriter}, which would otherwise swallow the error and let the command exit 0
 * with its output cut short.
 */
final class OutputFailure extends UncheckedIOException {

    private static final long serialVersionUID = 1L;

    OutputFailure(IOException cause) {
        super(reason(cause), cause);
    }

    /** The operating system's words, without the path of a temporary file. */
    private static String reason(IOException cause) {
        if (cause instanceof java.nio.file.FileSystemException fileSystem
                && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return cause.getMessage();
    }

    /**
     * Whether the reader went away ({@code EPIPE}): the conventional, quiet end of a pipeline such
     * as {@code sgd-lab data | head -1}, not an error to report.
     *
     * @return true for a broken pipe
     */
    boolean isBrokenPipe() {
        String message = getCause().getMessage();
        return message != null && message.contains("Broken pipe");
    }
}
