package io.github.sgdlab.cli;

/**
 * An {@link OutOfMemoryError} rethrown by a command that knows what the user can do about it
 * better than the generic advice ("use fewer samples"), which is wrong where the memory goes
 * into something other than samples, such as the PRV accountant's grid.
 */
final class OutOfMemoryAdvice extends OutOfMemoryError {

    private static final long serialVersionUID = 1L;

    /** What the user can do, e.g. {@code give the JVM more with -Xmx or use --accountant rdp}. */
    private final String remedy;

    /**
     * The JVM's error, with the command's advice.
     *
     * @param failure the error the JVM threw
     * @param remedy what the user can do, without a leading capital or a final full stop
     */
    OutOfMemoryAdvice(OutOfMemoryError failure, String remedy) {
        super(failure.getMessage());
        this.remedy = remedy;
        initCause(failure);
    }

    /**
     * What the user can do.
     *
     * @return the advice given at construction
     */
    String remedy() {
        return remedy;
    }
}
