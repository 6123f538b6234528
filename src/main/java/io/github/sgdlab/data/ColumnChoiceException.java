package io.github.sgdlab.data;

import java.util.List;
import java.util.Objects;

/**
 * A choice of columns ({@link Columns}) that a data file's header cannot satisfy: which rule the
 * choice breaks and the column concerned, apart from the message, so that a user interface can
 * name the choice in its own words (the command line names its options).
 */
public final class ColumnChoiceException extends DataFileException {

    private static final long serialVersionUID = 1L;

    /** The rules a choice of columns must keep. */
    public enum Reason {
        /** The chosen target is not a column of the header. */
        UNKNOWN_TARGET,
        /** A chosen feature is not a column of the header. */
        UNKNOWN_FEATURE,
        /** A chosen feature is the target. */
        TARGET_AS_FEATURE,
        /** A feature is chosen twice. */
        REPEATED_FEATURE,
        /** The features were chosen, and the choice is empty. */
        NO_FEATURE_CHOSEN,
        /** The features were left to the default, and the header has no column but the target. */
        NO_OTHER_COLUMN
    }

    /** Which rule the choice breaks. */
    private final Reason reason;
    /** The column concerned: the one named, or the target for the two "no feature" reasons. */
    private final String column;
    /** The header's column names, in file order. */
    private final List<String> header;

    /**
     * Describes a choice the header cannot satisfy.
     *
     * @param source the file's path as the user gave it, or {@code <stdin>}
     * @param line the header's line
     * @param reason which rule the choice breaks
     * @param column the column concerned: the one named, or the target for
     *     {@link Reason#NO_FEATURE_CHOSEN} and {@link Reason#NO_OTHER_COLUMN}
     * @param header the header's column names, in file order
     */
    public ColumnChoiceException(String source, long line, Reason reason, String column,
            List<String> header) {
        super(source, line, describe(reason, column, header));
        this.reason = reason;
        this.column = column;
        this.header = List.copyOf(header);
    }

    /** The problem in the library's words: of the target and the features, not of options. */
    private static String describe(Reason reason, String column, List<String> header) {
        Objects.requireNonNull(reason, "reason");
        String quoted = "'" + NumberCell.echo(column) + "'";
        String columns = " (columns: " + String.join(", ", header) + ")";
        return switch (reason) {
            case UNKNOWN_TARGET -> "target column " + quoted + " is not in the header" + columns;
            case UNKNOWN_FEATURE -> "feature column " + quoted + " is not in the header"
                    + columns;
            case TARGET_AS_FEATURE -> "column " + quoted + " is both the target and a feature";
            case REPEATED_FEATURE -> "feature column " + quoted + " is chosen twice";
            // The target here is the header's own name, shown as the header has it.
            case NO_FEATURE_CHOSEN -> "no feature columns: the target is '" + column
                    + "' and the chosen features are none";
            case NO_OTHER_COLUMN -> "no feature columns: the target is '" + column
                    + "' and the header has no other column";
        };
    }

    /**
     * Which rule the choice breaks.
     *
     * @return the reason
     */
    public Reason reason() {
        return reason;
    }

    /**
     * The column concerned: the one named, or the target when no feature is left.
     *
     * @return its name, as chosen or as the header has it
     */
    public String column() {
        return column;
    }

    /**
     * The column's name as messages show it: control characters made visible ({@code \\n}), a
     * long name cut short.
     *
     * @return the name for a message, without quotes
     */
    public String columnAsShown() {
        return NumberCell.echo(column);
    }

    /**
     * The header's column names.
     *
     * @return the names, in file order
     */
    public List<String> header() {
        return header;
    }
}
