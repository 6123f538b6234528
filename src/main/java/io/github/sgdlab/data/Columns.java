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
     * @throws ColumnChoiceException if a name is not in the header, is both target and feature,
     *     is repeated, or no feature is left
     */
    int[] resolve(List<String> header, String source, long line) throws DataFileException {
        int targetIndex;
        if (target != null) {
            targetIndex = indexOf(header, target, ColumnChoiceException.Reason.UNKNOWN_TARGET,
                    source, line);
        } else {
            int named = header.indexOf(DEFAULT_TARGET);
            targetIndex = named >= 0 ? named : header.size() - 1;
        }
        List<Integer> chosen = new ArrayList<>();
        if (features != null) {
            Set<String> seen = new HashSet<>();
            for (String name : features) {
                int index = indexOf(header, name, ColumnChoiceException.Reason.UNKNOWN_FEATURE,
                        source, line);
                if (index == targetIndex) {
                    throw new ColumnChoiceException(source, line,
                            ColumnChoiceException.Reason.TARGET_AS_FEATURE, name, header);
                }
                if (!seen.add(name)) {
                    throw new ColumnChoiceException(source, line,
                            ColumnChoiceException.Reason.REPEATED_FEATURE, name, header);
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
            throw new ColumnChoiceException(source, line, features != null
                    ? ColumnChoiceException.Reason.NO_FEATURE_CHOSEN
                    : ColumnChoiceException.Reason.NO_OTHER_COLUMN,
                    header.get(targetIndex), header);
        }
        int[] indices = new int[chosen.size() + 1];
        indices[0] = targetIndex;
        for (int j = 0; j < chosen.size(); j++) {
            indices[j + 1] = chosen.get(j);
        }
        return indices;
    }

    private static int indexOf(List<String> header, String name,
            ColumnChoiceException.Reason unknown, String source, long line)
            throws DataFileException {
        int index = header.indexOf(name);
        if (index < 0) {
            throw new ColumnChoiceException(source, line, unknown, name, header);
        }
        return index;
    }

    /**
     * The selection, for logs and test reports.
     *
     * @return e.g. {@code Columns[target price, features area,rooms]}
     */
    @Override
    public String toString() {
        return "Columns[target " + (target == null ? "(default)" : target) + ", features "
                + (features == null ? "(default)" : String.join(",", features)) + "]";
    }
}
