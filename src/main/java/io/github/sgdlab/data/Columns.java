package io.github.sgdlab.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which columns of a data file are the target and which the features, by name.
 *
 * <p>By default the target is the column named {@code y}, or the last column if there is none,
 * and the features are every other column, in file order. Immutable; each {@code opt…} returns a
 * new selection.
 *
 * <pre>{@code
 * Columns columns = Columns.defaults().optTarget("price").optFeatures(List.of("area", "rooms"));
 * }</pre>
 */
public final class Columns {

    /** The target's default name. */
    public static final String DEFAULT_TARGET = "y";

    private static final Columns DEFAULTS = new Columns(null, null);

    private final String target;
    private final List<String> features;

    private Columns(String target, List<String> features) {
        this.target = target;
        this.features = features;
    }

    /**
     * The default selection: target {@code y} (else the last column), features every other
     * column.
     *
     * @return the default selection
     */
    public static Columns defaults() {
        return DEFAULTS;
    }

    /**
     * Names the target column.
     *
     * @param name the column's name in the header
     * @return a new selection
     */
    public Columns optTarget(String name) {
        return new Columns(Objects.requireNonNull(name, "name"), features);
    }

    /**
     * Names the feature columns, in the order the model's θ1…θd take them.
     *
     * @param names the columns' names in the header
     * @return a new selection
     */
    public Columns optFeatures(List<String> names) {
        return new Columns(target, List.copyOf(names));
    }

    /**
     * The target's name, if one was set.
     *
     * @return the name, or empty for the default
     */
    public Optional<String> target() {
        return Optional.ofNullable(target);
    }

    /**
     * The features' names, if they were set.
     *
     * @return the names, or empty for the default
     */
    public Optional<List<String>> features() {
        return Optional.ofNullable(features);
    }

    /**
     * Applies the selection to a header.
     *
     * @param header the column names, in file order, distinct
     * @param source the file, for error messages
     * @param line the header's line, for error messages
     * @return the target's index, then the features' indices in selection order
     * @throws DataFileException if a name is not in the header, is both target and feature, is
     *     repeated, or no feature is left
     */
    int[] resolve(List<String> header, String source, long line) throws DataFileException {
        int targetIndex;
        if (target != null) {
            targetIndex = indexOf(header, target, "--y", source, line);
        } else {
            int named = header.indexOf(DEFAULT_TARGET);
            targetIndex = named >= 0 ? named : header.size() - 1;
        }
        List<Integer> chosen = new ArrayList<>();
        if (features != null) {
            Set<String> seen = new HashSet<>();
            for (String name : features) {
                int index = indexOf(header, name, "--x", source, line);
                if (index == targetIndex) {
                    throw new DataFileException(source, line, "column '" + NumberCell.echo(name)
                            + "' is both the target (--y) and a feature (--x)");
                }
                if (!seen.add(name)) {
                    throw new DataFileException(source, line,
                            "--x names column '" + NumberCell.echo(name) + "' twice");
                }
                chosen.add(index);
            }
        } else {
            for (int i = 0; i < header.size(); i++) {
                if (i != targetIndex) {
                    chosen.add(i);
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new DataFileException(source, line, "no feature columns: the target is '"
                    + header.get(targetIndex) + "' and " + (features != null
                            ? "--x names none" : "the header has no other column"));
        }
        int[] indices = new int[chosen.size() + 1];
        indices[0] = targetIndex;
        for (int j = 0; j < chosen.size(); j++) {
            indices[j + 1] = chosen.get(j);
        }
        return indices;
    }

    private static int indexOf(List<String> header, String name, String option, String source,
            long line) throws DataFileException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new DataFileException(source, line, option + " names column '" + NumberCell.echo(name)
                    + "', which the header does not have (columns: " + String.join(", ", header)
                    + ")");
        }
        return index;
    }

    /**
     * The selection as the options that make it.
     *
     * @return e.g. {@code Columns[--y price, --x area,rooms]}
     */
    @Override
    public String toString() {
        return "Columns[--y " + (target == null ? "(default)" : target) + ", --x "
                + (features == null ? "(default)" : String.join(",", features)) + "]";
    }
}
