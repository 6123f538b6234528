package io.github.sgdlab.notebook;

import io.github.sgdlab.Resources;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The seed notebook's printed lines, read from its text (src/test/resources/seed/notebook.txt). */
final class SeedNotebook {

    private static final Pattern CELL = Pattern.compile("In \\[(\\d+)\\]:");

    /** Printed lines have the form "words: number"; no code line of the seed does. */
    private static final Pattern PRINTED = Pattern.compile("[A-Z][A-Za-z0-9_ ()]*: -?\\d+\\.\\d{4}");

    private SeedNotebook() {}

    /**
     * The lines each cell printed, keyed by its execution count ("In [10]" is 10), for the cells
     * that printed something, in notebook order.
     *
     * @return the printed lines per cell
     */
    static Map<Integer, List<String>> printedLines() {
        Map<Integer, List<String>> cells = new LinkedHashMap<>();
        Integer cell = null;
        for (String line : Resources.text("seed/notebook.txt").split("\n", -1)) {
            Matcher header = CELL.matcher(line);
            if (header.matches()) {
                cell = Integer.valueOf(header.group(1));
            } else if (cell != null && PRINTED.matcher(line).matches()) {
                cells.computeIfAbsent(cell, k -> new ArrayList<>()).add(line);
            }
        }
        return Collections.unmodifiableMap(cells);
    }
}
