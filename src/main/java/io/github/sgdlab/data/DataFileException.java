package io.github.sgdlab.data;

import java.io.IOException;

/**
 * A data file that cannot be used, with where and why: its message is the one line
 * {@code PATH:LINE: what is wrong}, as compilers name a bad line. A choice of columns the
 * header cannot satisfy is the subclass {@link ColumnChoiceException}, which says which rule.
 *
 * <p>{@code LINE} counts physical lines from 1, CRLF and LF alike; it is 0 when the problem is
 * the file as a whole (missing, a directory, unreadable) rather than one of its lines.
 */
public class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    /** The file's path as the user gave it, or {@code <stdin>}. */
    private final String source;
    /** The line, from 1; 0 for the file as a whole. */
    private final long line;
    /** What is wrong, without the location. */
    private final String problem;

    /**
     * Describes a problem at one line of a data file.
     *
     * @param source the file's path as the user gave it, or {@code <stdin>}
     * @param line the line, from 1; 0 for the file as a whole
     * @param problem what is wrong, without the location
     */
    public DataFileException(String source, long line, String problem) {
        this(source, line, problem, null);
    }

    /**
     * Describes a problem at one line of a data file, caused by a lower-level failure.
     *
     * @param source the file's path as the user gave it, or {@code <stdin>}
     * @param line the line, from 1; 0 for the file as a whole
     * @param problem what is wrong, without the location
     * @param cause the failure behind it, or null
     */
    public DataFileException(String source, long line, String problem, Throwable cause) {
        super(NumberCell.echo(source) + ":" + line + ": " + problem, cause);
        this.source = source;
        this.line = line;
        this.problem = problem;
    }

    /**
     * The file's path as the user gave it, or {@code <stdin>}.
     *
     * @return the source
     */
    public String source() {
        return source;
    }

    /**
     * The line the problem is on, from 1; 0 when it concerns the file as a whole.
     *
     * @return the line
     */
    public long line() {
        return line;
    }

    /**
     * What is wrong, without the location.
     *
     * @return the problem
     */
    public String problem() {
        return problem;
    }
}
