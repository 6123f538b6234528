package io.github.sgdlab.output;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An output directory that results may not go into: which rule it breaks, the directory, and
 * the detail, apart from the message, so that a user interface can name the directory in its own
 * words (the command line names its option).
 */
public final class UnusableDirectoryException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Why the directory cannot be used. */
    public enum Reason {
        /** It exists and is a file, not a directory. */
        NOT_A_DIRECTORY,
        /** Another run holds it. */
        IN_USE,
        /** It holds files and writing into a non-empty directory was not allowed. */
        NOT_EMPTY,
        /** It does not exist and cannot be created; the detail says why. */
        CANNOT_CREATE,
        /** Its entries cannot be listed; the detail is the error. */
        CANNOT_READ,
        /** It, or the ancestor it would be created in, is not writable; the detail is that path. */
        NOT_WRITABLE
    }

    /** Why the directory cannot be used. */
    private final Reason reason;
    /** The directory, as the caller gave it. */
    private final transient Path directory;
    /** The directory as messages show it. */
    private final String shown;
    /** What the reason needs besides: a cause, a path; empty when nothing. */
    private final String detail;

    /**
     * Describes a directory that cannot be used.
     *
     * @param reason why
     * @param directory the directory, as the caller gave it
     * @param detail what the reason needs besides (see {@link Reason}), or empty
     * @param cause the failure behind it, or null
     */
    UnusableDirectoryException(Reason reason, Path directory, String detail, Throwable cause) {
        super(describe(reason, Texts.echo(directory.toString()), detail), cause);
        this.reason = reason;
        this.directory = directory;
        this.shown = Texts.echo(directory.toString());
        this.detail = Objects.requireNonNull(detail, "detail");
    }

    /** The problem in the library's words: of a directory, not of options. */
    private static String describe(Reason reason, String shown, String detail) {
        String directory = "output directory " + shown;
        return switch (reason) {
            case NOT_A_DIRECTORY -> directory + " exists and is not a directory";
            case IN_USE -> directory + " is in use by another sgd-lab run; wait for it to "
                    + "finish or choose another directory";
            case NOT_EMPTY -> directory + " exists and is not empty, and writing into a "
                    + "non-empty directory was not allowed";
            case CANNOT_CREATE -> directory + " cannot be created: " + detail;
            case CANNOT_READ -> directory + " cannot be read: " + detail;
            case NOT_WRITABLE -> directory + " is not writable (" + detail + ")";
        };
    }

    /**
     * Why the directory cannot be used.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The directory, as the caller gave it.
     *
     * @return the path
     */
    public Path directory() {
        return directory;
    }

    /**
     * The directory as messages show it: a long path cut short.
     *
     * @return the path's text for a message
     */
    public String directoryAsShown() {
        return shown;
    }

    /**
     * What the reason needs besides: why it cannot be created ({@code no existing parent},
     * {@code PATH is not a directory}), the read error, or the path that is not writable.
     *
     * @return the detail; empty for the reasons that need none
     */
    public String detail() {
        return detail;
    }
}
